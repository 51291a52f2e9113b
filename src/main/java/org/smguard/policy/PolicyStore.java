package org.smguard.policy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to policies, drafts and versions. Override files are stored once per
 * distinct content and referenced by hash; versions keep them as intervals (see V1
 * migration) so that storage grows with the changes, not with the size of the list.
 */
@Repository
class PolicyStore {

	private static final int BATCH = 1000;

	static final int MAX_CHANGES_SHOWN = 100;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	PolicyStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	// Policies

	record PolicyRow(long id, String name, String description, Integer currentVersion, Instant createdAt) {
	}

	List<PolicyRow> findPolicies() {
		return this.jdbc.sql("SELECT * FROM policy ORDER BY name").query(PolicyStore::policyRow).list();
	}

	Optional<PolicyRow> findPolicy(String name) {
		return this.jdbc.sql("SELECT * FROM policy WHERE name = ?")
			.param(name)
			.query(PolicyStore::policyRow)
			.optional();
	}

	long insertPolicy(String name, String description, Instant now) {
		this.jdbc.sql("INSERT INTO policy (name, description, created_at) VALUES (?, ?, ?)")
			.params(name, description, utc(now))
			.update();
		return findPolicy(name).orElseThrow().id();
	}

	// Drafts

	/**
	 * A draft's row. {@code overrideChangesSince}: the version the set of changed
	 * override files is relative to (see {@link #changedOverrides}); 0 before the first
	 * version, -1 when unknown.
	 */
	record DraftRow(long policyId, long revision, Integer baseVersion, String settings, String contentHash,
			String baseCfSha256, int overrideCount, String overridesDigest, int overrideChangesSince, String updatedBy,
			Instant updatedAt) {
	}

	Optional<DraftRow> findDraft(long policyId, boolean forUpdate) {
		String sql = "SELECT * FROM policy_draft WHERE policy_id = ?" + (forUpdate ? " FOR UPDATE" : "");
		return this.jdbc.sql(sql).param(policyId).query(PolicyStore::draftRow).optional();
	}

	/** A new draft with no override files yet. */
	void insertDraft(long policyId, String settings, String contentHash, String baseCfSha256, String author,
			Instant now) {
		this.jdbc
			.sql("INSERT INTO policy_draft (policy_id, revision, base_version, settings, content_hash, base_cf_sha256,"
					+ " override_count, overrides_digest, override_changes_since, updated_by, updated_at)"
					+ " VALUES (?, 1, NULL, ?, ?, ?, 0, ?, 0, ?, ?)")
			.params(policyId, settings, contentHash, baseCfSha256, OverrideDigest.combine(Map.of()), author, utc(now))
			.update();
	}

	void updateDraft(long policyId, long revision, String settings, String contentHash, String baseCfSha256,
			int overrideCount, String overridesDigest, String author, Instant now) {
		this.jdbc
			.sql("UPDATE policy_draft SET revision = ?, settings = ?, content_hash = ?, base_cf_sha256 = ?,"
					+ " override_count = ?, overrides_digest = ?, updated_by = ?, updated_at = ? WHERE policy_id = ?")
			.params(revision, settings, contentHash, baseCfSha256, overrideCount, overridesDigest, author, utc(now),
					policyId)
			.update();
	}

	void updateDraftBase(long policyId, int baseVersion) {
		this.jdbc.sql("UPDATE policy_draft SET base_version = ? WHERE policy_id = ?")
			.params(baseVersion, policyId)
			.update();
	}

	/** User name to content hash of the draft's override files. */
	Map<String, String> draftOverrideHashes(long policyId) {
		return overrideHashes("SELECT user_name, content_sha256 FROM draft_override WHERE policy_id = ?", policyId);
	}

	List<Forwards.OverrideFile> draftOverrides(long policyId) {
		return overrides("SELECT o.user_name, c.content FROM draft_override o"
				+ " JOIN override_content c ON c.sha256 = o.content_sha256 WHERE o.policy_id = ? ORDER BY o.user_name",
				policyId);
	}

	/**
	 * Brings the draft's override rows from {@code before} to {@code after}, touching
	 * only changed rows, and keeps their bucket digests and the set of changed users.
	 * @return the digest of {@code after}
	 */
	String updateDraftOverrides(long policyId, Map<String, String> before, Map<String, String> after) {
		List<Object[]> deletes = new ArrayList<>();
		List<Object[]> inserts = new ArrayList<>();
		Set<String> changed = new HashSet<>();
		before.forEach((user, hash) -> {
			if (!hash.equals(after.get(user))) {
				deletes.add(new Object[] { policyId, user });
				changed.add(user);
			}
		});
		after.forEach((user, hash) -> {
			if (!hash.equals(before.get(user))) {
				inserts.add(new Object[] { policyId, user, user.toLowerCase(Locale.ROOT), OverrideDigest.bucketOf(user),
						hash });
				changed.add(user);
			}
		});
		batch("DELETE FROM draft_override WHERE policy_id = ? AND user_name = ?", deletes);
		batch("INSERT INTO draft_override (policy_id, user_name, user_key, bucket, content_sha256)"
				+ " VALUES (?, ?, ?, ?, ?)", inserts);
		markOverridesChanged(policyId, changed);
		Map<Integer, String> stored = draftBucketDigests(policyId);
		Map<Integer, String> wanted = OverrideDigest.bucketDigests(after);
		Set<Integer> buckets = new HashSet<>(stored.keySet());
		buckets.addAll(wanted.keySet());
		for (int bucket : buckets) {
			if (!Objects.equals(stored.get(bucket), wanted.get(bucket))) {
				setDraftBucketDigest(policyId, bucket, wanted.get(bucket));
			}
		}
		return OverrideDigest.combine(wanted);
	}

	Optional<String> draftOverrideHash(long policyId, String user) {
		return this.jdbc.sql("SELECT content_sha256 FROM draft_override WHERE policy_id = ? AND user_name = ?")
			.params(policyId, user)
			.query(String.class)
			.optional();
	}

	/** One override file of the draft, by exact user name. */
	Optional<Forwards.OverrideFile> draftOverride(long policyId, String user) {
		return this.jdbc
			.sql("SELECT o.user_name, c.content FROM draft_override o JOIN override_content c"
					+ " ON c.sha256 = o.content_sha256 WHERE o.policy_id = ? AND o.user_name = ?")
			.params(policyId, user)
			.query((rs, n) -> new Forwards.OverrideFile(rs.getString(1), rs.getString(2)))
			.optional();
	}

	/**
	 * The users of the draft's override files whose names equal {@code user} ignoring
	 * case, as sendmail compares them.
	 */
	List<String> draftOverrideUsersLike(long policyId, String user) {
		return this.jdbc.sql("SELECT user_name FROM draft_override WHERE policy_id = ? AND user_key = ?")
			.params(policyId, user.toLowerCase(Locale.ROOT))
			.query(String.class)
			.list();
	}

	/**
	 * One page of the draft's override files whose user starts with {@code prefix}
	 * (ignoring case), ordered by user ignoring case. The page is read in the order of
	 * the index of lowercased names (its order, policy first, so the database need not
	 * sort), and only its rows are joined with their content.
	 */
	List<Forwards.OverrideFile> draftOverridePage(long policyId, String prefix, int offset, int limit) {
		String[] range = keyRange(prefix);
		return this.jdbc
			.sql("SELECT o.user_name, c.content FROM (SELECT user_name, user_key, content_sha256 FROM draft_override"
					+ " WHERE policy_id = ? AND user_key >= ? AND user_key < ? ORDER BY policy_id, user_key, user_name"
					+ " LIMIT ? OFFSET ?) o JOIN override_content c ON c.sha256 = o.content_sha256"
					+ " ORDER BY o.user_key, o.user_name")
			.params(policyId, range[0], range[1], limit, offset)
			.query((rs, n) -> new Forwards.OverrideFile(rs.getString(1), rs.getString(2)))
			.list();
	}

	int countDraftOverrides(long policyId, String prefix) {
		String[] range = keyRange(prefix);
		return this.jdbc
			.sql("SELECT COUNT(*) FROM draft_override WHERE policy_id = ? AND user_key >= ? AND user_key < ?")
			.params(policyId, range[0], range[1])
			.query(Integer.class)
			.single();
	}

	/**
	 * Adds, replaces ({@code sha256} not null) or removes ({@code null}) one override row
	 * and keeps its bucket digest and the set of changed users.
	 * @return the digest of the whole set afterwards
	 */
	String putDraftOverride(long policyId, String user, String sha256) {
		this.jdbc.sql("DELETE FROM draft_override WHERE policy_id = ? AND user_name = ?")
			.params(policyId, user)
			.update();
		int bucket = OverrideDigest.bucketOf(user);
		if (sha256 != null) {
			this.jdbc
				.sql("INSERT INTO draft_override (policy_id, user_name, user_key, bucket, content_sha256)"
						+ " VALUES (?, ?, ?, ?, ?)")
				.params(policyId, user, user.toLowerCase(Locale.ROOT), bucket, sha256)
				.update();
		}
		markOverridesChanged(policyId, Set.of(user));
		Map<String, String> members = new HashMap<>();
		this.jdbc.sql("SELECT user_name, content_sha256 FROM draft_override WHERE policy_id = ? AND bucket = ?")
			.params(policyId, bucket)
			.query((ResultSet rs) -> {
				members.put(rs.getString(1), rs.getString(2));
			});
		setDraftBucketDigest(policyId, bucket, OverrideDigest.bucketDigest(members));
		return OverrideDigest.combine(draftBucketDigests(policyId));
	}

	private Map<Integer, String> draftBucketDigests(long policyId) {
		Map<Integer, String> digests = new HashMap<>();
		this.jdbc.sql("SELECT bucket, digest FROM draft_override_bucket WHERE policy_id = ?")
			.param(policyId)
			.query((ResultSet rs) -> {
				digests.put(rs.getInt(1), rs.getString(2));
			});
		return digests;
	}

	private void setDraftBucketDigest(long policyId, int bucket, String digest) {
		this.jdbc.sql("DELETE FROM draft_override_bucket WHERE policy_id = ? AND bucket = ?")
			.params(policyId, bucket)
			.update();
		if (digest != null) {
			this.jdbc.sql("INSERT INTO draft_override_bucket (policy_id, bucket, digest) VALUES (?, ?, ?)")
				.params(policyId, bucket, digest)
				.update();
		}
	}

	private void markOverridesChanged(long policyId, Set<String> users) {
		List<Object[]> rows = users.stream().map((user) -> new Object[] { policyId, user }).toList();
		batch("DELETE FROM draft_override_change WHERE policy_id = ? AND user_name = ?", rows);
		batch("INSERT INTO draft_override_change (policy_id, user_name) VALUES (?, ?)", rows);
	}

	/**
	 * The users whose override file changed in the draft since version
	 * {@link DraftRow#overrideChangesSince()} was recorded.
	 */
	List<String> changedOverrides(long policyId) {
		return this.jdbc.sql("SELECT user_name FROM draft_override_change WHERE policy_id = ?")
			.param(policyId)
			.query(String.class)
			.list();
	}

	/** Starts a new set of changed override files, relative to {@code version}. */
	void resetOverrideChanges(long policyId, int version) {
		this.jdbc.sql("DELETE FROM draft_override_change WHERE policy_id = ?").param(policyId).update();
		this.jdbc.sql("UPDATE policy_draft SET override_changes_since = ? WHERE policy_id = ?")
			.params(version, policyId)
			.update();
	}

	/**
	 * The keys that start with {@code prefix} ignoring case, as a half-open range: user
	 * names are ASCII (the user-name rule), so every such key lies below the prefix
	 * followed by U+FFFF. A range, unlike LIKE, has no wildcards to escape and uses the
	 * index.
	 */
	private static String[] keyRange(String prefix) {
		String key = prefix.toLowerCase(Locale.ROOT);
		return new String[] { key, key + '\uffff' };
	}

	/**
	 * Stores each distinct content once; returns the hash of every given override by
	 * user.
	 */
	Map<String, String> storeContents(Collection<Forwards.OverrideFile> overrides) {
		Map<String, String> hashes = new LinkedHashMap<>();
		Map<String, String> contents = new HashMap<>();
		for (Forwards.OverrideFile override : overrides) {
			String hash = PolicyJson.sha256(override.content());
			hashes.put(override.user(), hash);
			contents.putIfAbsent(hash, override.content());
		}
		if (!contents.isEmpty()) {
			Set<String> known = new HashSet<>();
			List<String> wanted = new ArrayList<>(contents.keySet());
			for (int i = 0; i < wanted.size(); i += BATCH) {
				known.addAll(this.jdbc.sql("SELECT sha256 FROM override_content WHERE sha256 IN (:hashes)")
					.param("hashes", wanted.subList(i, Math.min(i + BATCH, wanted.size())))
					.query(String.class)
					.list());
			}
			List<Object[]> inserts = new ArrayList<>();
			contents.forEach((hash, content) -> {
				if (!known.contains(hash)) {
					inserts.add(new Object[] { hash, content });
				}
			});
			insertIfAbsent("INSERT INTO override_content (sha256, content) VALUES (?, ?)", inserts);
		}
		return hashes;
	}

	// Base cf files

	/** Stores a base cf once per distinct content; returns its SHA-256. */
	String storeBaseCf(String content) {
		String hash = PolicyJson.sha256(content);
		boolean known = this.jdbc.sql("SELECT COUNT(*) FROM base_cf WHERE sha256 = ?")
			.param(hash)
			.query(Integer.class)
			.single() > 0;
		if (!known) {
			insertIfAbsent("INSERT INTO base_cf (sha256, content) VALUES (?, ?)",
					List.<Object[]>of(new Object[] { hash, content }));
		}
		return hash;
	}

	String baseCf(String sha256) {
		return this.jdbc.sql("SELECT content FROM base_cf WHERE sha256 = ?").param(sha256).query(String.class).single();
	}

	// Draft change log

	void insertDraftChange(long policyId, long revision, String author, Instant now, List<String> fields) {
		String joined = String.join(",", fields);
		if (joined.length() > 4000) {
			int cut = joined.lastIndexOf(',', 3990);
			joined = joined.substring(0, (cut > 0) ? cut : 3990) + ",...";
		}
		this.jdbc.sql("INSERT INTO draft_change (policy_id, revision, author, at, fields) VALUES (?, ?, ?, ?, ?)")
			.params(policyId, revision, author, utc(now), joined)
			.update();
	}

	/**
	 * The changes after {@code revision}, oldest first: at most
	 * {@value #MAX_CHANGES_SHOWN} and one more, which tells that there are more.
	 */
	List<DraftChange> draftChangesAfter(long policyId, long revision) {
		return this.jdbc
			.sql("SELECT * FROM draft_change WHERE policy_id = ? AND revision > ? ORDER BY revision LIMIT ?")
			.params(policyId, revision, MAX_CHANGES_SHOWN + 1)
			.query((rs, n) -> new DraftChange(rs.getLong("revision"), rs.getString("author"), instant(rs, "at"),
					List.of(rs.getString("fields").split(","))))
			.list();
	}

	// Versions

	record VersionRow(int number, String message, String author, Instant createdAt, Integer parent, String state,
			String contentHash, String approvedBy, String settings, String baseCfSha256) {
	}

	int latestVersionNumber(long policyId) {
		return this.jdbc.sql("SELECT COALESCE(MAX(number), 0) FROM policy_version WHERE policy_id = ?")
			.param(policyId)
			.query(Integer.class)
			.single();
	}

	Optional<VersionRow> findVersion(long policyId, int number) {
		return this.jdbc.sql("SELECT * FROM policy_version WHERE policy_id = ? AND number = ?")
			.params(policyId, number)
			.query(PolicyStore::versionRow)
			.optional();
	}

	List<VersionRow> findVersions(long policyId, int offset, int limit) {
		return this.jdbc.sql("SELECT * FROM policy_version WHERE policy_id = ? ORDER BY number DESC LIMIT ? OFFSET ?")
			.params(policyId, limit, offset)
			.query(PolicyStore::versionRow)
			.list();
	}

	int countVersions(long policyId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM policy_version WHERE policy_id = ?")
			.param(policyId)
			.query(Integer.class)
			.single();
	}

	/**
	 * A new version row. Its override count starts at 0 and is set when its override
	 * files are recorded ({@link #recordVersionOverrides}), in the same transaction.
	 */
	void insertVersion(long policyId, VersionRow row) {
		this.jdbc
			.sql("INSERT INTO policy_version (policy_id, number, message, author, created_at, parent, state,"
					+ " content_hash, approved_by, settings, base_cf_sha256, override_count)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
			.params(policyId, row.number(), row.message(), row.author(), utc(row.createdAt()), row.parent(),
					row.state(), row.contentHash(), row.approvedBy(), row.settings(), row.baseCfSha256())
			.update();
	}

	List<Forwards.OverrideFile> versionOverrides(long policyId, int number) {
		return overrides("SELECT o.user_name, c.content FROM version_override o"
				+ " JOIN override_content c ON c.sha256 = o.content_sha256 WHERE o.policy_id = ?"
				+ " AND o.from_version <= ? AND (o.to_version IS NULL OR o.to_version > ?) ORDER BY o.user_name",
				policyId, number, number);
	}

	/**
	 * Up to {@code limit} override files of version {@code number} after the user
	 * {@code afterUser} (whose lowercased name is {@code afterKey}; both empty to start),
	 * in the order of the version's index: the next chunk of a walk over every file that
	 * never holds more than one chunk. Left to itself, H2 chose the index on
	 * {@code from_version} and sorted every row of the version for each chunk;
	 * {@code USE INDEX} and {@code user_key >= ?} make it read the chunk's rows along
	 * {@code version_override_key}, already in order.
	 */
	List<Forwards.OverrideFile> versionOverridesAfter(long policyId, int number, String afterKey, String afterUser,
			int limit) {
		return this.jdbc
			.sql("SELECT o.user_name, c.content FROM (SELECT user_name, user_key, content_sha256"
					+ " FROM version_override USE INDEX (version_override_key) WHERE policy_id = ? AND user_key >= ?"
					+ " AND (user_key > ? OR (user_key = ? AND user_name > ?))"
					+ " AND from_version <= ? AND (to_version IS NULL OR to_version > ?)"
					+ " ORDER BY policy_id, user_key, user_name LIMIT ?) o"
					+ " JOIN override_content c ON c.sha256 = o.content_sha256 ORDER BY o.user_key, o.user_name")
			.params(policyId, afterKey, afterKey, afterKey, afterUser, number, number, limit)
			.query((rs, n) -> new Forwards.OverrideFile(rs.getString(1), rs.getString(2)))
			.list();
	}

	/** One override file of a version, by exact user name. */
	Optional<Forwards.OverrideFile> versionOverride(long policyId, int number, String user) {
		return this.jdbc
			.sql("SELECT o.user_name, c.content FROM version_override o JOIN override_content c"
					+ " ON c.sha256 = o.content_sha256 WHERE o.policy_id = ? AND o.user_name = ?"
					+ " AND o.from_version <= ? AND (o.to_version IS NULL OR o.to_version > ?)")
			.params(policyId, user, number, number)
			.query((rs, n) -> new Forwards.OverrideFile(rs.getString(1), rs.getString(2)))
			.optional();
	}

	/**
	 * Records the draft's override files as those of the new newest version
	 * {@code number}: rows whose content is gone or changed are closed, new or changed
	 * ones are opened, unchanged rows are not touched. When the draft knows which users
	 * changed since the newest version was recorded, only those are compared; otherwise
	 * every row is.
	 */
	void recordVersionOverrides(long policyId, int number, DraftRow draft) {
		boolean changesKnown = draft.overrideChangesSince() == number - 1;
		if (changesKnown) {
			List<String> users = changedOverrides(policyId);
			recordVersionOverrides(policyId, number,
					overrideHashes("SELECT user_name, content_sha256 FROM version_override WHERE policy_id = :policy"
							+ " AND to_version IS NULL AND user_name IN (:users)", policyId, users),
					overrideHashes("SELECT user_name, content_sha256 FROM draft_override WHERE policy_id = :policy"
							+ " AND user_name IN (:users)", policyId, users));
			setVersionOverrideCount(policyId, number, draft.overrideCount());
		}
		else {
			recordVersionOverrides(policyId, number, draftOverrideHashes(policyId));
		}
		resetOverrideChanges(policyId, number);
	}

	/**
	 * Records {@code hashes} (user to content hash, every file) as the override files of
	 * the new newest version {@code number}, comparing them with every open row.
	 */
	void recordVersionOverrides(long policyId, int number, Map<String, String> hashes) {
		recordVersionOverrides(policyId, number, overrideHashes(
				"SELECT user_name, content_sha256 FROM version_override WHERE policy_id = ? AND to_version IS NULL",
				policyId), hashes);
		setVersionOverrideCount(policyId, number, hashes.size());
	}

	private void setVersionOverrideCount(long policyId, int number, int count) {
		this.jdbc.sql("UPDATE policy_version SET override_count = ? WHERE policy_id = ? AND number = ?")
			.params(count, policyId, number)
			.update();
	}

	/** How many override files version {@code number} holds, as recorded with it. */
	int versionOverrideCount(long policyId, int number) {
		return this.jdbc.sql("SELECT override_count FROM policy_version WHERE policy_id = ? AND number = ?")
			.params(policyId, number)
			.query(Integer.class)
			.single();
	}

	/**
	 * One page of the override files of version {@code number} whose user starts with
	 * {@code prefix} (ignoring case), ordered by user ignoring case, as
	 * {@link #draftOverridePage} orders the draft's. The page is read along the index of
	 * lowercased names, which also holds each row's interval, so rows of other versions
	 * are skipped inside the index; only the page's rows are joined with their content.
	 */
	List<Forwards.OverrideFile> versionOverridePage(long policyId, int number, String prefix, int offset, int limit) {
		String[] range = keyRange(prefix);
		return this.jdbc
			.sql("SELECT o.user_name, c.content FROM (SELECT user_name, user_key, content_sha256"
					+ " FROM version_override WHERE policy_id = ? AND user_key >= ? AND user_key < ?"
					+ " AND from_version <= ? AND (to_version IS NULL OR to_version > ?)"
					+ " ORDER BY policy_id, user_key, user_name LIMIT ? OFFSET ?) o"
					+ " JOIN override_content c ON c.sha256 = o.content_sha256 ORDER BY o.user_key, o.user_name")
			.params(policyId, range[0], range[1], number, number, limit, offset)
			.query((rs, n) -> new Forwards.OverrideFile(rs.getString(1), rs.getString(2)))
			.list();
	}

	/**
	 * How many override files of version {@code number} belong to users starting with
	 * {@code prefix} ignoring case.
	 */
	int countVersionOverrides(long policyId, int number, String prefix) {
		String[] range = keyRange(prefix);
		return this.jdbc
			.sql("SELECT COUNT(*) FROM version_override WHERE policy_id = ? AND user_key >= ? AND user_key < ?"
					+ " AND from_version <= ? AND (to_version IS NULL OR to_version > ?)")
			.params(policyId, range[0], range[1], number, number)
			.query(Integer.class)
			.single();
	}

	/**
	 * How many override files of the draft differ from those of version {@code base}.
	 * When the draft knows which users changed since that version, only those are
	 * compared; otherwise every file is.
	 */
	int countOverrideChanges(long policyId, int base, DraftRow draft) {
		Map<String, String> before;
		Map<String, String> after;
		if (draft.overrideChangesSince() == base) {
			List<String> users = changedOverrides(policyId);
			before = overrideHashes("SELECT user_name, content_sha256 FROM version_override WHERE policy_id = :policy"
					+ " AND from_version <= " + base + " AND (to_version IS NULL OR to_version > " + base + ")"
					+ " AND user_name IN (:users)", policyId, users);
			after = overrideHashes("SELECT user_name, content_sha256 FROM draft_override WHERE policy_id = :policy"
					+ " AND user_name IN (:users)", policyId, users);
		}
		else {
			before = versionOverrideHashes(policyId, base);
			after = draftOverrideHashes(policyId);
		}
		int changed = 0;
		for (Map.Entry<String, String> entry : after.entrySet()) {
			if (!entry.getValue().equals(before.get(entry.getKey()))) {
				changed++;
			}
		}
		for (String user : before.keySet()) {
			if (!after.containsKey(user)) {
				changed++;
			}
		}
		return changed;
	}

	/** User to content hash of the override files of version {@code number}. */
	Map<String, String> versionOverrideHashes(long policyId, int number) {
		Map<String, String> result = new HashMap<>();
		this.jdbc
			.sql("SELECT user_name, content_sha256 FROM version_override WHERE policy_id = ? AND from_version <= ?"
					+ " AND (to_version IS NULL OR to_version > ?)")
			.params(policyId, number, number)
			.query((ResultSet rs) -> {
				result.put(rs.getString(1), rs.getString(2));
			});
		return result;
	}

	/**
	 * Closes the open rows that differ from {@code hashes} and opens rows for what is new
	 * or changed; {@code open} holds the open rows of (at least) the users in
	 * {@code hashes}.
	 */
	private void recordVersionOverrides(long policyId, int number, Map<String, String> open,
			Map<String, String> hashes) {
		List<Object[]> closes = new ArrayList<>();
		List<Object[]> opens = new ArrayList<>();
		open.forEach((user, hash) -> {
			if (!hash.equals(hashes.get(user))) {
				closes.add(new Object[] { number, policyId, user });
			}
		});
		hashes.forEach((user, hash) -> {
			if (!hash.equals(open.get(user))) {
				opens.add(new Object[] { policyId, user, user.toLowerCase(Locale.ROOT), number, hash });
			}
		});
		batch("UPDATE version_override SET to_version = ? WHERE policy_id = ? AND user_name = ? AND to_version IS NULL",
				closes);
		batch("INSERT INTO version_override (policy_id, user_name, user_key, from_version, to_version,"
				+ " content_sha256) VALUES (?, ?, ?, ?, NULL, ?)", opens);
	}

	int versionOverrideRowCount(long policyId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM version_override WHERE policy_id = ?")
			.param(policyId)
			.query(Integer.class)
			.single();
	}

	// Helpers

	private Map<String, String> overrideHashes(String sql, long policyId) {
		Map<String, String> result = new HashMap<>();
		this.jdbc.sql(sql).param(policyId).query((ResultSet rs) -> {
			result.put(rs.getString(1), rs.getString(2));
		});
		return result;
	}

	/** {@code sql} names {@code :policy} and {@code (:users)}; users go in batches. */
	private Map<String, String> overrideHashes(String sql, long policyId, List<String> users) {
		Map<String, String> result = new HashMap<>();
		for (int i = 0; i < users.size(); i += BATCH) {
			this.jdbc.sql(sql)
				.param("policy", policyId)
				.param("users", users.subList(i, Math.min(i + BATCH, users.size())))
				.query((ResultSet rs) -> {
					result.put(rs.getString(1), rs.getString(2));
				});
		}
		return result;
	}

	private List<Forwards.OverrideFile> overrides(String sql, Object... params) {
		return this.jdbc.sql(sql)
			.params(params)
			.query((rs, n) -> new Forwards.OverrideFile(rs.getString(1), rs.getString(2)))
			.list();
	}

	/**
	 * Inserts content-addressed rows that another transaction may insert at the same
	 * time: a row whose key arrived meanwhile holds the same content, so its duplicate
	 * key is no error. Each attempt runs under a savepoint, because PostgreSQL aborts the
	 * whole transaction at a failed statement (H2 does not); the rows go in as one batch
	 * unless one of them clashes, then one by one.
	 */
	private void insertIfAbsent(String sql, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		Connection connection = DataSourceUtils.getConnection(this.template.getDataSource());
		if (!insertedUnderSavepoint(connection, () -> batch(sql, rows))) {
			for (Object[] row : rows) {
				insertedUnderSavepoint(connection, () -> this.template.update(sql, row));
			}
		}
	}

	/**
	 * Runs an insert under a savepoint; {@code false} when a key it inserts was there.
	 */
	private static boolean insertedUnderSavepoint(Connection connection, Runnable insert) {
		try {
			Savepoint savepoint = connection.setSavepoint();
			try {
				insert.run();
				connection.releaseSavepoint(savepoint);
				return true;
			}
			catch (DuplicateKeyException ex) {
				connection.rollback(savepoint);
				return false;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not use a savepoint: " + ex.getMessage(), ex);
		}
	}

	private void batch(String sql, List<Object[]> rows) {
		for (int i = 0; i < rows.size(); i += BATCH) {
			this.template.batchUpdate(sql, rows.subList(i, Math.min(i + BATCH, rows.size())));
		}
	}

	private static PolicyRow policyRow(ResultSet rs, int n) throws SQLException {
		return new PolicyRow(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
				(Integer) rs.getObject("current_version", Integer.class), instant(rs, "created_at"));
	}

	private static DraftRow draftRow(ResultSet rs, int n) throws SQLException {
		return new DraftRow(rs.getLong("policy_id"), rs.getLong("revision"),
				rs.getObject("base_version", Integer.class), rs.getString("settings"), rs.getString("content_hash"),
				rs.getString("base_cf_sha256"), rs.getInt("override_count"), rs.getString("overrides_digest"),
				rs.getInt("override_changes_since"), rs.getString("updated_by"), instant(rs, "updated_at"));
	}

	private static VersionRow versionRow(ResultSet rs, int n) throws SQLException {
		return new VersionRow(rs.getInt("number"), rs.getString("message"), rs.getString("author"),
				instant(rs, "created_at"), rs.getObject("parent", Integer.class), rs.getString("state"),
				rs.getString("content_hash"), rs.getString("approved_by"), rs.getString("settings"),
				rs.getString("base_cf_sha256"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	// Differences between versions

	/**
	 * The users with an override row opened or closed by a version in a range (policy,
	 * first, last; twice). The bounds are inclusive: H2 starts an index range at an
	 * exclusive bound's value and skips its rows one by one, which would read every row
	 * of the version before the range.
	 */
	static final String CHANGED_OVERRIDE_USERS = "SELECT user_name FROM version_override WHERE policy_id = ?"
			+ " AND from_version >= ? AND from_version <= ? UNION SELECT user_name FROM version_override"
			+ " WHERE policy_id = ? AND to_version >= ? AND to_version <= ?";

	/**
	 * The override files that differ between versions {@code a} and {@code b}, ordered by
	 * user. Only users with a row opened or closed by a version in (min, max] can differ,
	 * and the two indexes on {@code from_version} and {@code to_version} find just those
	 * rows; then only their rows are read, so the cost follows the changes, not the
	 * number of files. A file changed and changed back in between is no difference.
	 */
	List<OverrideChange> overrideChanges(long policyId, int a, int b) {
		int low = Math.min(a, b);
		int high = Math.max(a, b);
		if (low == high) {
			return List.of();
		}
		List<String> users = this.jdbc.sql(CHANGED_OVERRIDE_USERS)
			.params(policyId, low + 1, high, policyId, low + 1, high)
			.query(String.class)
			.list();
		Map<String, String> hashesA = new HashMap<>();
		Map<String, String> hashesB = new HashMap<>();
		Map<String, String> contents = new HashMap<>();
		for (int i = 0; i < users.size(); i += BATCH) {
			// Rows that hold at low or high; those only in between are sorted out below.
			this.jdbc
				.sql("SELECT o.user_name, o.from_version, o.to_version, o.content_sha256, c.content"
						+ " FROM version_override o JOIN override_content c ON c.sha256 = o.content_sha256"
						+ " WHERE o.policy_id = :policy AND o.user_name IN (:users) AND o.from_version <= :high"
						+ " AND (o.to_version IS NULL OR o.to_version > :low)")
				.param("policy", policyId)
				.param("users", users.subList(i, Math.min(i + BATCH, users.size())))
				.param("high", high)
				.param("low", low)
				.query((ResultSet rs) -> {
					String user = rs.getString(1);
					int from = rs.getInt(2);
					Integer to = rs.getObject(3, Integer.class);
					String hash = rs.getString(4);
					if (holds(from, to, a)) {
						hashesA.put(user, hash);
					}
					if (holds(from, to, b)) {
						hashesB.put(user, hash);
					}
					contents.putIfAbsent(hash, rs.getString(5));
				});
		}
		List<OverrideChange> changes = new ArrayList<>();
		for (String user : users.stream().sorted().toList()) {
			String from = hashesA.get(user);
			String to = hashesB.get(user);
			if (!Objects.equals(from, to)) {
				changes.add(new OverrideChange(user, contents.get(from), contents.get(to)));
			}
		}
		return changes;
	}

	/** Whether an interval row {@code [from, to)} belongs to version {@code number}. */
	private static boolean holds(int from, Integer to, int number) {
		return from <= number && (to == null || to > number);
	}

}
