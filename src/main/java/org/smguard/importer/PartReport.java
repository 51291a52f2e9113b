package org.smguard.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.smguard.validation.Rules;

/**
 * The report lines of one uploaded part, bounded whatever the upload holds: at most
 * {@value #MAX_IGNORED} "ignored" lines are listed, then one line says how many more
 * there were, and every name or value the upload supplies is shown escaped and cut to
 * {@value #MAX_SHOWN} characters. Without these bounds, a small compressed upload could
 * make an answer of hundreds of megabytes.
 */
final class PartReport {

	static final int MAX_IGNORED = 20;

	static final int MAX_SHOWN = 100;

	private final String part;

	private final List<String> taken;

	private final List<String> ignored;

	private int ignoredCount;

	private final Map<String, Integer> ignoredCounts = new LinkedHashMap<>();

	private final Map<String, Integer> takenCounts = new LinkedHashMap<>();

	PartReport(String part, List<String> taken, List<String> ignored) {
		this.part = part;
		this.taken = taken;
		this.ignored = ignored;
	}

	void take(String line) {
		this.taken.add(this.part + ": " + line);
	}

	void ignore(String line) {
		this.ignoredCount++;
		if (this.ignoredCount <= MAX_IGNORED) {
			this.ignored.add(this.part + ": " + line);
		}
	}

	/**
	 * Reports an archive entry tar would not extract (a {@code ..} in its name); whether
	 * it was one.
	 */
	boolean ignoreUnextractable(UploadedTar.Entry entry) {
		if (entry.path() != null) {
			return false;
		}
		ignore(quote(entry.name()) + " has a '..' in its name, which tar does not extract");
		countIgnored("entry with '..'|entries with '..'");
		return true;
	}

	/**
	 * Counts one ignored entry under {@code what}, a singular and a plural noun such as
	 * {@code "regular file|regular files"}, for {@link #ignoredCounts()}.
	 */
	void countIgnored(String what) {
		this.ignoredCounts.merge(what, 1, Integer::sum);
	}

	/** Counts one taken entry under {@code what}, for {@link #takenCounts()}. */
	void countTaken(String what) {
		this.takenCounts.merge(what, 1, Integer::sum);
	}

	/** What was ignored, e.g. {@code 2 regular files, 1 hard link}, or "". */
	String ignoredCounts() {
		return counts(this.ignoredCounts);
	}

	/** What was taken, e.g. {@code 1 regular file, 2 through symbolic links}, or "". */
	String takenCounts() {
		return counts(this.takenCounts);
	}

	private static String counts(Map<String, Integer> counts) {
		return counts.entrySet().stream().map((e) -> {
			String[] nouns = e.getKey().split("\\|");
			return count(e.getValue(), nouns[0], nouns[1]);
		}).collect(Collectors.joining(", "));
	}

	/** {@code n} with the noun that fits: {@code 1 program}, {@code 2,000 programs}. */
	static String count(long n, String singular, String plural) {
		return Rules.count(n) + " " + ((n == 1) ? singular : plural);
	}

	/** Adds the line that says how many ignored lines were left out, if any. */
	void finish() {
		if (this.ignoredCount > MAX_IGNORED) {
			this.ignored.add(this.part + ": and " + Rules.count(this.ignoredCount - MAX_IGNORED)
					+ " more ignored (only the first " + MAX_IGNORED + " are listed)");
		}
	}

	/**
	 * {@code value} in single quotes, escaped and cut as {@link #shorten} does.
	 */
	static String quote(String value) {
		return "'" + shorten(value) + "'";
	}

	/**
	 * {@code value} cut to its first {@value #MAX_SHOWN} characters, then {@code …}, and
	 * escaped as {@link Rules#quote} escapes: anything outside printable ASCII becomes a
	 * Java-style escape, so that a control character cannot break the report and a
	 * look-alike character cannot make it lie.
	 */
	static String shorten(String value) {
		int length = Math.min(value.length(), MAX_SHOWN);
		StringBuilder shown = new StringBuilder(length + 8);
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\n' -> shown.append("\\n");
				case '\r' -> shown.append("\\r");
				case '\t' -> shown.append("\\t");
				case '\\' -> shown.append("\\\\");
				default -> {
					if (c >= 0x20 && c < 0x7f) {
						shown.append(c);
					}
					else {
						shown.append(String.format("\\u%04x", (int) c));
					}
				}
			}
		}
		return (value.length() > MAX_SHOWN) ? shown.append('…').toString() : shown.toString();
	}

}
