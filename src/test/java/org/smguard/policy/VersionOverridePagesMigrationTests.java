package org.smguard.policy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Migration V12 on versions saved before it: every interval row gets its lowercased user
 * key, and every version the number of override files it holds, counted from its
 * intervals.
 */
class VersionOverridePagesMigrationTests {

	private static final String URL = "jdbc:h2:mem:version-override-pages;DB_CLOSE_DELAY=-1";

	private static final String HASH_A = "a".repeat(64);

	private static final String HASH_B = "b".repeat(64);

	@Test
	void fillsUserKeysAndCountsTheOverrideFilesOfEveryVersion() throws SQLException {
		Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target("9").load().migrate();
		try (Connection connection = DriverManager.getConnection(URL, "sa", "");
				Statement sql = connection.createStatement()) {
			sql.execute("INSERT INTO policy (id, name, description, created_at) VALUES (1, 'old', '', NOW())");
			sql.execute("INSERT INTO policy (id, name, description, created_at) VALUES (2, 'empty', '', NOW())");
			insert(connection, "INSERT INTO base_cf (sha256, content) VALUES (?, ?)", HASH_A, "V10\n");
			insert(connection, "INSERT INTO override_content (sha256, content) VALUES (?, ?)", HASH_A, "");
			insert(connection, "INSERT INTO override_content (sha256, content) VALUES (?, ?)", HASH_B, "x\n");
			for (int number = 1; number <= 3; number++) {
				insertVersion(connection, 1, number);
			}
			insertVersion(connection, 2, 1);
			// Version 1: alice, Bob, carol. Version 2: alice changed, Bob gone, dave
			// added. Version 3: carol gone.
			insertInterval(connection, "alice", 1, 2, HASH_A);
			insertInterval(connection, "Bob", 1, 2, HASH_A);
			insertInterval(connection, "carol", 1, 3, HASH_A);
			insertInterval(connection, "alice", 2, null, HASH_B);
			insertInterval(connection, "dave", 2, null, HASH_A);

			Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").load().migrate();

			assertThat(column(sql, "SELECT override_count FROM policy_version WHERE policy_id = 1 ORDER BY number"))
				.containsExactly("3", "3", "2");
			assertThat(column(sql, "SELECT override_count FROM policy_version WHERE policy_id = 2"))
				.containsExactly("0");
			assertThat(column(sql, "SELECT DISTINCT user_key FROM version_override ORDER BY user_key"))
				.containsExactly("alice", "bob", "carol", "dave");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> sql.execute("UPDATE version_override SET user_key = NULL"));
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> sql.execute("UPDATE policy_version SET override_count = NULL"));
		}
	}

	private static void insertVersion(Connection connection, long policyId, int number) throws SQLException {
		insert(connection,
				"INSERT INTO policy_version (policy_id, number, message, author, created_at, state, content_hash,"
						+ " settings, base_cf_sha256) VALUES (?, ?, 'v', 'admin', NOW(), 'saved', ?, '{}', ?)",
				policyId, number, "0".repeat(64), HASH_A);
	}

	private static void insertInterval(Connection connection, String user, int from, Integer to, String hash)
			throws SQLException {
		insert(connection,
				"INSERT INTO version_override (policy_id, user_name, from_version, to_version, content_sha256)"
						+ " VALUES (1, ?, ?, ?, ?)",
				user, from, to, hash);
	}

	private static void insert(Connection connection, String query, Object... values) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(query)) {
			for (int i = 0; i < values.length; i++) {
				statement.setObject(i + 1, values[i]);
			}
			statement.executeUpdate();
		}
	}

	private static List<String> column(Statement sql, String query) throws SQLException {
		List<String> values = new ArrayList<>();
		try (ResultSet rows = sql.executeQuery(query)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

}
