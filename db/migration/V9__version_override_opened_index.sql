-- What lets a diff of two versions cost what changed between them: the override rows opened
-- between the two versions are found by this index, those closed between them by
-- version_override_open (policy_id, to_version), instead of reading every row of the policy.
CREATE INDEX version_override_opened ON version_override (policy_id, from_version);
