package org.smguard.audit;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuditCsv}: every entry one record however its values look, and no cell
 * a spreadsheet would run as a formula.
 */
class AuditCsvTests {

	private static AuditEntry entry(String actor, String detail) {
		return new AuditEntry(7, Instant.parse("2026-01-02T03:04:05Z"), actor, "10.0.0.1", "version.approved",
				"default v1", detail, "0".repeat(64), "f".repeat(64));
	}

	@Test
	void guardsEveryCellThatWouldStartAFormula() throws IOException {
		List<String> hostile = List.of("=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx");
		for (String value : hostile) {
			CSVRecord record = parse(AuditCsv.write(List.of(entry(value, value)))).get(0);
			assertThat(record.get("actor")).isEqualTo("'" + value);
			assertThat(record.get("detail")).isEqualTo("'" + value);
		}
	}

	@Test
	void keepsNewlinesCommasAndQuotesInsideOneRecord() throws IOException {
		String detail = "line one\nline two, \"quoted\"";
		List<CSVRecord> records = parse(AuditCsv.write(List.of(entry("alice", detail), entry("bob", "plain"))));
		assertThat(records).hasSize(2);
		assertThat(records.get(0).get("detail")).isEqualTo(detail);
		assertThat(records.get(0).get("at")).isEqualTo("2026-01-02T03:04:05Z");
		assertThat(records.get(1).get("actor")).isEqualTo("bob");
	}

	private static List<CSVRecord> parse(String csv) throws IOException {
		return CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv))
			.getRecords();
	}

}
