package org.smguard.policy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The migration after V2: drafts and versions made before a base cf was kept get the
 * stock base, and the column refuses a missing one from then on.
 */
class BaseCfBackfillMigrationTests {

	private static final String URL = "jdbc:h2:mem:backfill;DB_CLOSE_DELAY=-1";

	@Test
	void givesRowsWithoutABaseCfTheStockBaseAndThenRequiresOne() throws SQLException {
		Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target("2").load().migrate();
		try (Connection connection = DriverManager.getConnection(URL, "sa", "");
				Statement sql = connection.createStatement()) {
			sql.execute("INSERT INTO policy (id, name, description, created_at) VALUES (1, 'old', '', NOW())");
			sql.execute("INSERT INTO policy_draft (policy_id, revision, settings, content_hash, updated_by, updated_at)"
					+ " VALUES (1, 1, '{}', '" + "0".repeat(64) + "', 'admin', NOW())");
			sql.execute("INSERT INTO policy_version (policy_id, number, message, author, created_at, state,"
					+ " content_hash, settings) VALUES (1, 1, 'v1', 'admin', NOW(), 'saved', '" + "0".repeat(64)
					+ "', '{}')");

			Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").load().migrate();

			String stock = PolicyJson.sha256(StockPolicy.debianBaseCf());
			assertThat(single(sql, "SELECT base_cf_sha256 FROM policy_draft WHERE policy_id = 1")).isEqualTo(stock);
			assertThat(single(sql, "SELECT base_cf_sha256 FROM policy_version WHERE policy_id = 1")).isEqualTo(stock);
			assertThat(single(sql, "SELECT content FROM base_cf WHERE sha256 = '" + stock + "'"))
				.isEqualTo(StockPolicy.debianBaseCf());
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> sql.execute("UPDATE policy_draft SET base_cf_sha256 = NULL WHERE policy_id = 1"));
		}
	}

	private static String single(Statement sql, String query) throws SQLException {
		try (ResultSet rows = sql.executeQuery(query)) {
			assertThat(rows.next()).isTrue();
			return rows.getString(1);
		}
	}

}
