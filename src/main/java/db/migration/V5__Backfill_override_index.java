package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.smguard.policy.OverrideDigest;

/**
 * Fills the columns V4 added for existing rows, then constrains and indexes them. The
 * content hash now covers the override files through their bucket digest, so the hash of
 * every draft and version is recomputed the same way, or an unchanged draft would look
 * changed against its base version. Versions are walked in order over their interval rows
 * (one pass, not one query per version). The SQL is the same on H2 and PostgreSQL.
 */
public class V5__Backfill_override_index extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		for (long policyId : longs(connection, "SELECT policy_id FROM policy_draft")) {
			backfillDraft(connection, policyId);
			rehashVersions(connection, policyId);
		}
		try (Statement ddl = connection.createStatement()) {
			ddl.execute("ALTER TABLE draft_override ALTER COLUMN user_key SET NOT NULL");
			ddl.execute("ALTER TABLE draft_override ALTER COLUMN bucket SET NOT NULL");
			ddl.execute("ALTER TABLE policy_draft ALTER COLUMN override_count SET NOT NULL");
			ddl.execute("ALTER TABLE policy_draft ALTER COLUMN overrides_digest SET NOT NULL");
			ddl.execute("ALTER TABLE policy_draft ALTER COLUMN override_changes_since SET NOT NULL");
			ddl.execute("CREATE INDEX draft_override_key ON draft_override (policy_id, user_key)");
			ddl.execute("CREATE INDEX draft_override_in_bucket ON draft_override (policy_id, bucket)");
		}
	}

	private static void backfillDraft(Connection connection, long policyId) throws SQLException {
		Map<String, String> overrides = pairs(connection,
				"SELECT user_name, content_sha256 FROM draft_override WHERE policy_id = ?", policyId);
		try (PreparedStatement update = connection.prepareStatement(
				"UPDATE draft_override SET user_key = ?, bucket = ? WHERE policy_id = ? AND user_name = ?")) {
			for (String user : overrides.keySet()) {
				update.setString(1, user.toLowerCase(Locale.ROOT));
				update.setInt(2, OverrideDigest.bucketOf(user));
				update.setLong(3, policyId);
				update.setString(4, user);
				update.addBatch();
			}
			update.executeBatch();
		}
		Map<Integer, String> buckets = OverrideDigest.bucketDigests(overrides);
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO draft_override_bucket (policy_id, bucket, digest) VALUES (?, ?, ?)")) {
			for (Map.Entry<Integer, String> bucket : buckets.entrySet()) {
				insert.setLong(1, policyId);
				insert.setInt(2, bucket.getKey());
				insert.setString(3, bucket.getValue());
				insert.addBatch();
			}
			insert.executeBatch();
		}
		String digest = OverrideDigest.combine(buckets);
		String[] row = row(connection, "SELECT settings, base_cf_sha256 FROM policy_draft WHERE policy_id = ?",
				policyId);
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE policy_draft SET override_count = ?, overrides_digest = ?, content_hash = ?,"
					+ " override_changes_since = -1 WHERE policy_id = ?")) {
			update.setInt(1, overrides.size());
			update.setString(2, digest);
			update.setString(3, contentHash(row[0], digest, row[1]));
			update.setLong(4, policyId);
			update.executeUpdate();
		}
	}

	private static void rehashVersions(Connection connection, long policyId) throws SQLException {
		// Rows opened and closed at each version number.
		Map<Integer, List<String[]>> opened = new HashMap<>();
		Map<Integer, List<String>> closed = new HashMap<>();
		try (PreparedStatement query = connection.prepareStatement(
				"SELECT user_name, from_version, to_version, content_sha256 FROM version_override WHERE policy_id = ?")) {
			query.setLong(1, policyId);
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					opened.computeIfAbsent(rs.getInt(2), (n) -> new ArrayList<>())
						.add(new String[] { rs.getString(1), rs.getString(4) });
					Integer to = rs.getObject(3, Integer.class);
					if (to != null) {
						closed.computeIfAbsent(to, (n) -> new ArrayList<>()).add(rs.getString(1));
					}
				}
			}
		}
		Map<String, String> present = new HashMap<>();
		for (long number : longs(connection,
				"SELECT number FROM policy_version WHERE policy_id = " + policyId + " ORDER BY number")) {
			closed.getOrDefault((int) number, List.of()).forEach(present::remove);
			opened.getOrDefault((int) number, List.<String[]>of()).forEach((entry) -> present.put(entry[0], entry[1]));
			String[] row = row(connection,
					"SELECT settings, base_cf_sha256 FROM policy_version WHERE policy_id = ? AND number = " + number,
					policyId);
			try (PreparedStatement update = connection
				.prepareStatement("UPDATE policy_version SET content_hash = ? WHERE policy_id = ? AND number = ?")) {
				update.setString(1, contentHash(row[0], OverrideDigest.of(present), row[1]));
				update.setLong(2, policyId);
				update.setLong(3, number);
				update.executeUpdate();
			}
		}
	}

	/** What {@code PolicyJson.contentHash} computes, over the stored settings text. */
	private static String contentHash(String settings, String overridesDigest, String baseCfSha256) {
		return OverrideDigest.sha256(settings + "\noverrides:" + overridesDigest + "\nbase-cf:" + baseCfSha256);
	}

	private static List<Long> longs(Connection connection, String sql) throws SQLException {
		List<Long> values = new ArrayList<>();
		try (Statement query = connection.createStatement(); ResultSet rs = query.executeQuery(sql)) {
			while (rs.next()) {
				values.add(rs.getLong(1));
			}
		}
		return values;
	}

	private static Map<String, String> pairs(Connection connection, String sql, long policyId) throws SQLException {
		Map<String, String> values = new HashMap<>();
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			query.setLong(1, policyId);
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					values.put(rs.getString(1), rs.getString(2));
				}
			}
		}
		return values;
	}

	private static String[] row(Connection connection, String sql, long policyId) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			query.setLong(1, policyId);
			try (ResultSet rs = query.executeQuery()) {
				rs.next();
				return new String[] { rs.getString(1), rs.getString(2) };
			}
		}
	}

}
