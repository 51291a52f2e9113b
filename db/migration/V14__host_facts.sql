-- What a host last reported about itself besides its version (JSON: the shells /etc/shells lists
-- that do not exist there, and installed files that are missing, changed or loosened), and when.
ALTER TABLE host ADD COLUMN facts CLOB;
ALTER TABLE host ADD COLUMN facts_reported_at TIMESTAMP WITH TIME ZONE;
