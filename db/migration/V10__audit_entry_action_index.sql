-- The audit trail page filters by action and offers the actions the trail holds as choices:
-- without an index both read the whole table, which grows with every sign-in.
CREATE INDEX audit_entry_action ON audit_entry (action, id);
