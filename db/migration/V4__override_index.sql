-- What lets a one-file edit of a large override list cost what it changes:
-- user_key: the user name lowercased, as sendmail compares local names (a clash check and a
--           prefix search that use an index instead of reading every row);
-- bucket:   which of 256 digest buckets the user falls in (see draft_override_bucket).
ALTER TABLE draft_override ADD COLUMN user_key VARCHAR(32);
ALTER TABLE draft_override ADD COLUMN bucket INT;

-- The digest of each non-empty bucket of a draft's override files; the draft's
-- overrides_digest combines them, and the content hash covers that.
CREATE TABLE draft_override_bucket (
    policy_id BIGINT   NOT NULL REFERENCES policy (id),
    bucket    INT      NOT NULL,
    digest    CHAR(64) NOT NULL,
    PRIMARY KEY (policy_id, bucket)
);

-- Users whose override file changed in the draft since version override_changes_since was
-- recorded (0: no version yet; -1: unknown, compare every row): what saving a version
-- has to record, without comparing 50,000 rows.
CREATE TABLE draft_override_change (
    policy_id BIGINT      NOT NULL REFERENCES policy (id),
    user_name VARCHAR(32) NOT NULL,
    PRIMARY KEY (policy_id, user_name)
);

ALTER TABLE policy_draft ADD COLUMN override_count INT;
ALTER TABLE policy_draft ADD COLUMN overrides_digest CHAR(64);
ALTER TABLE policy_draft ADD COLUMN override_changes_since INT;
