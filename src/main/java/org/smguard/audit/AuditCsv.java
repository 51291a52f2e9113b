package org.smguard.audit;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The audit trail as CSV (RFC 4180, by Commons CSV), safe to open in a spreadsheet: a
 * cell that a spreadsheet would take for a formula (starting with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return) is written with a leading apostrophe.
 * Pure.
 */
final class AuditCsv {

	private static final String[] HEADER = { "id", "at", "actor", "address", "action", "subject", "detail", "prev_hash",
			"hash" };

	private AuditCsv() {
	}

	static String write(List<AuditEntry> entries) throws IOException {
		StringWriter out = new StringWriter();
		try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
			for (AuditEntry e : entries) {
				csv.printRecord(e.id(), e.at().toString(), cell(e.actor()), cell(e.address()), cell(e.action()),
						cell(e.subject()), cell(e.detail()), e.prevHash(), e.hash());
			}
		}
		return out.toString();
	}

	static String cell(String value) {
		if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
			return "'" + value;
		}
		return value;
	}

}
