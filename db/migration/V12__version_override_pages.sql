-- What lets a version's page of override files cost one page, as the draft's does (V4, V5):
-- user_key: the user name lowercased (user names are ASCII), so that a version's files are paged
--           and filtered by a prefix ignoring case along an index instead of read and sorted all;
--           the index carries the interval, so rows of other versions are skipped inside it;
-- override_count: how many override files each version holds, so that its page need not count
--           them; written in the transaction that records the version's override rows.
-- Counts are backfilled as "rows opened by then" minus "rows closed by then", two index ranges.
ALTER TABLE version_override ADD COLUMN user_key VARCHAR(32);
UPDATE version_override SET user_key = LOWER(user_name);
ALTER TABLE version_override ALTER COLUMN user_key SET NOT NULL;
CREATE INDEX version_override_key ON version_override (policy_id, user_key, user_name, from_version, to_version);

ALTER TABLE policy_version ADD COLUMN override_count INT;
UPDATE policy_version v SET override_count =
    (SELECT COUNT(*) FROM version_override o WHERE o.policy_id = v.policy_id AND o.from_version <= v.number)
    - (SELECT COUNT(*) FROM version_override o WHERE o.policy_id = v.policy_id AND o.to_version <= v.number);
ALTER TABLE policy_version ALTER COLUMN override_count SET NOT NULL;
