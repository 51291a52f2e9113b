package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * V2 added the base cf columns without a value for existing drafts and versions, while
 * the code needs one. Those rows were made before a base cf was kept, that is, from the
 * stock base the console ships: it is stored (once) and named there, and the columns
 * become NOT NULL. A Java migration because the base is a 90 KB file, not SQL. The SQL it
 * runs is the same on H2 and PostgreSQL.
 */
public class V3__Backfill_base_cf extends BaseJavaMigration {

	private static final String STOCK_BASE = "/base/debian-sendmail.cf";

	@Override
	public void migrate(Context context) throws Exception {
		String content = stockBase();
		String sha256 = sha256(content);
		var connection = context.getConnection();
		try (PreparedStatement known = connection.prepareStatement("SELECT COUNT(*) FROM base_cf WHERE sha256 = ?")) {
			known.setString(1, sha256);
			try (ResultSet count = known.executeQuery()) {
				count.next();
				if (count.getLong(1) == 0) {
					try (PreparedStatement insert = connection
						.prepareStatement("INSERT INTO base_cf (sha256, content) VALUES (?, ?)")) {
						insert.setString(1, sha256);
						insert.setString(2, content);
						insert.executeUpdate();
					}
				}
			}
		}
		for (String table : new String[] { "policy_draft", "policy_version" }) {
			try (PreparedStatement backfill = connection
				.prepareStatement("UPDATE " + table + " SET base_cf_sha256 = ? WHERE base_cf_sha256 IS NULL")) {
				backfill.setString(1, sha256);
				backfill.executeUpdate();
			}
			try (Statement constrain = connection.createStatement()) {
				constrain.execute("ALTER TABLE " + table + " ALTER COLUMN base_cf_sha256 SET NOT NULL");
			}
		}
	}

	private static String stockBase() throws IOException {
		try (InputStream in = V3__Backfill_base_cf.class.getResourceAsStream(STOCK_BASE)) {
			if (in == null) {
				throw new IOException("the stock base " + STOCK_BASE + " is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String sha256(String text) throws NoSuchAlgorithmException {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}
