package org.smguard.policy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The migrations after V3: existing override rows get their lowercased key and digest
 * bucket, drafts their count and digest, and every draft and version the content hash the
 * code now computes, so that an unchanged draft still equals its base version.
 */
class OverrideIndexMigrationTests {

	private static final String URL = "jdbc:h2:mem:override-index;DB_CLOSE_DELAY=-1";

	private static final Forwards.OverrideFile ALICE = new Forwards.OverrideFile("alice", "alice@example.org\n");

	private static final Forwards.OverrideFile ALICE_2 = new Forwards.OverrideFile("alice", "");

	private static final Forwards.OverrideFile BOB = new Forwards.OverrideFile("Bob", "");

	private static final Forwards.OverrideFile CAROL = new Forwards.OverrideFile("carol", "carol@example.org\n");

	@Test
	void fillsTheIndexAndRehashesDraftsAndVersions() throws SQLException {
		Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target("3").load().migrate();
		Policy stock = StockPolicy.debian();
		String settings = PolicyJson.settings(stock);
		String baseCf = PolicyJson.sha256(StockPolicy.debianBaseCf());
		try (Connection connection = DriverManager.getConnection(URL, "sa", "");
				Statement sql = connection.createStatement()) {
			sql.execute("INSERT INTO policy (id, name, description, created_at) VALUES (1, 'old', '', NOW())");
			for (Forwards.OverrideFile file : List.of(ALICE, ALICE_2, CAROL)) {
				insert(connection, "INSERT INTO override_content (sha256, content) VALUES (?, ?)",
						PolicyJson.sha256(file.content()), file.content());
			}
			// Version 1 held alice and Bob; version 2 changed alice, dropped Bob, added
			// carol.
			insertVersion(connection, 1, settings, baseCf);
			insertVersion(connection, 2, settings, baseCf);
			insertInterval(connection, ALICE, 1, 2);
			insertInterval(connection, BOB, 1, 2);
			insertInterval(connection, ALICE_2, 2, null);
			insertInterval(connection, CAROL, 2, null);
			insert(connection,
					"INSERT INTO policy_draft (policy_id, revision, base_version, settings, content_hash,"
							+ " base_cf_sha256, updated_by, updated_at) VALUES (1, 9, 2, ?, ?, ?, 'admin', NOW())",
					settings, "0".repeat(64), baseCf);
			for (Forwards.OverrideFile file : List.of(ALICE_2, CAROL)) {
				insert(connection, "INSERT INTO draft_override (policy_id, user_name, content_sha256) VALUES (1, ?, ?)",
						file.user(), PolicyJson.sha256(file.content()));
			}

			Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").load().migrate();

			String version1 = PolicyJson.contentHash(withOverrides(stock, ALICE, BOB), baseCf);
			String version2 = PolicyJson.contentHash(withOverrides(stock, ALICE_2, CAROL), baseCf);
			assertThat(single(sql, "SELECT content_hash FROM policy_version WHERE number = 1")).isEqualTo(version1);
			assertThat(single(sql, "SELECT content_hash FROM policy_version WHERE number = 2")).isEqualTo(version2);
			assertThat(single(sql, "SELECT content_hash FROM policy_draft")).as("unchanged since version 2")
				.isEqualTo(version2);
			assertThat(single(sql, "SELECT override_count FROM policy_draft")).isEqualTo("2");
			assertThat(single(sql, "SELECT override_changes_since FROM policy_draft")).isEqualTo("-1");
			assertThat(single(sql, "SELECT overrides_digest FROM policy_draft")).isEqualTo(OverrideDigest
				.of(Map.of("alice", PolicyJson.sha256(""), "carol", PolicyJson.sha256(CAROL.content()))));
			assertThat(single(sql, "SELECT COUNT(*) FROM draft_override_bucket"))
				.isEqualTo((OverrideDigest.bucketOf("alice") == OverrideDigest.bucketOf("carol")) ? "1" : "2");
			assertThat(single(sql, "SELECT bucket FROM draft_override WHERE user_name = 'carol'"))
				.isEqualTo(Integer.toString(OverrideDigest.bucketOf("carol")));
			assertThat(single(sql, "SELECT user_key FROM draft_override WHERE user_name = 'carol'")).isEqualTo("carol");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> sql.execute("UPDATE draft_override SET user_key = NULL"));
		}
	}

	private static Policy withOverrides(Policy policy, Forwards.OverrideFile... files) {
		return policy.withForwards(new Forwards(policy.forwards().directory(), List.of(files)));
	}

	private static void insertVersion(Connection connection, int number, String settings, String baseCf)
			throws SQLException {
		insert(connection, "INSERT INTO policy_version (policy_id, number, message, author, created_at, state,"
				+ " content_hash, settings, base_cf_sha256) VALUES (1, ?, 'v', 'admin', NOW(), 'saved', ?, ?, ?)",
				number, "0".repeat(64), settings, baseCf);
	}

	private static void insertInterval(Connection connection, Forwards.OverrideFile file, int from, Integer to)
			throws SQLException {
		insert(connection,
				"INSERT INTO version_override (policy_id, user_name, from_version, to_version, content_sha256)"
						+ " VALUES (1, ?, ?, ?, ?)",
				file.user(), from, to, PolicyJson.sha256(file.content()));
	}

	private static void insert(Connection connection, String query, Object... values) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(query)) {
			for (int i = 0; i < values.length; i++) {
				statement.setObject(i + 1, values[i]);
			}
			statement.executeUpdate();
		}
	}

	private static String single(Statement sql, String query) throws SQLException {
		try (ResultSet rows = sql.executeQuery(query)) {
			assertThat(rows.next()).isTrue();
			return rows.getString(1);
		}
	}

}
