-- The base sendmail.cf of each draft and version: everything the console does not manage is kept
-- from it byte for byte. Stored once per distinct content.
CREATE TABLE base_cf (
    sha256  CHAR(64) NOT NULL PRIMARY KEY,
    content CLOB     NOT NULL
);

ALTER TABLE policy_draft ADD COLUMN base_cf_sha256 CHAR(64) REFERENCES base_cf (sha256);
ALTER TABLE policy_version ADD COLUMN base_cf_sha256 CHAR(64) REFERENCES base_cf (sha256);
