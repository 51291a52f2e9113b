package org.smguard.smrsh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The entries of a {@code .forward} or aliases file, as sendmail splits them: a
 * {@code .forward} holds address lists, one per line; an aliases file holds
 * {@code name: list} lines, continued on lines that start with a space or a tab. Lists
 * are split on commas outside double quotes (a backslash escapes the next character);
 * lines that start with {@code #} are comments.
 */
final class DeliveryText {

	/** An alias line: a name without spaces, quotes or colons, then a colon. */
	private static final Pattern ALIAS_LINE = Pattern.compile("\\A[^\\s:\"|/\\\\#,][^\\s:\",]*\\s*:");

	private DeliveryText() {
	}

	enum Format {

		FORWARD, ALIASES;

		static Format of(String name) {
			return switch (name.toLowerCase(Locale.ROOT)) {
				case "forward", ".forward" -> FORWARD;
				case "aliases" -> ALIASES;
				default -> throw new IllegalArgumentException(name);
			};
		}

	}

	/**
	 * One entry of a list, trimmed.
	 *
	 * @param line where its line starts (1 for the first)
	 * @param address the entry as written, or the whole line when it is no alias line
	 * @param malformed whether the line is an alias line without its colon
	 */
	record Entry(int line, String address, boolean malformed) {

		Entry(int line, String address) {
			this(line, address, false);
		}

	}

	/**
	 * An aliases file when its first line that is neither blank nor a comment reads
	 * {@code name:}; a {@code .forward} otherwise.
	 */
	static Format detect(String text) {
		for (String line : lines(text)) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			return ALIAS_LINE.matcher(line).find() ? Format.ALIASES : Format.FORWARD;
		}
		return Format.FORWARD;
	}

	/** The entries in order; an alias line without a colon is an entry of its own. */
	static List<Entry> entries(String text, Format format) {
		List<String> lines = lines(text);
		List<Entry> entries = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.strip().isEmpty() || line.startsWith("#")) {
				continue;
			}
			int number = i + 1;
			if (format == Format.FORWARD) {
				split(line).forEach((address) -> entries.add(new Entry(number, address)));
				continue;
			}
			StringBuilder logical = new StringBuilder(line);
			while (i + 1 < lines.size() && !lines.get(i + 1).isEmpty()
					&& (lines.get(i + 1).charAt(0) == ' ' || lines.get(i + 1).charAt(0) == '\t')) {
				logical.append('\n').append(lines.get(++i));
			}
			int colon = colon(logical);
			if (colon < 0) {
				entries.add(new Entry(number, logical.toString().strip(), true));
				continue;
			}
			split(logical.substring(colon + 1)).forEach((address) -> entries.add(new Entry(number, address)));
		}
		return entries;
	}

	/** The text's lines, without their line ends (LF or CRLF). */
	static List<String> lines(String text) {
		List<String> lines = new ArrayList<>(List.of(text.replace("\r\n", "\n").split("\n", -1)));
		if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
			lines.remove(lines.size() - 1);
		}
		return lines;
	}

	/** The entries of an address list: split on commas outside quotes, trimmed. */
	static List<String> split(CharSequence list) {
		List<String> parts = new ArrayList<>();
		StringBuilder part = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < list.length(); i++) {
			char c = list.charAt(i);
			if (c == '\\' && i + 1 < list.length()) {
				part.append(c).append(list.charAt(++i));
				continue;
			}
			if (c == '"') {
				quoted = !quoted;
			}
			if (c == ',' && !quoted) {
				add(parts, part);
				part.setLength(0);
				continue;
			}
			part.append(c);
		}
		add(parts, part);
		return parts;
	}

	/**
	 * sendmail's {@code stripquotes}: drops every double quote and the backslash of every
	 * escape; what the prog and file mailers get.
	 */
	static String stripQuotes(String address) {
		StringBuilder out = new StringBuilder(address.length());
		for (int i = 0; i < address.length(); i++) {
			char c = address.charAt(i);
			if (c == '\\') {
				if (i + 1 < address.length()) {
					out.append(address.charAt(++i));
				}
				continue;
			}
			if (c != '"') {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static int colon(CharSequence line) {
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ':' && !quoted) {
				return i;
			}
		}
		return -1;
	}

	private static void add(List<String> parts, StringBuilder part) {
		String trimmed = part.toString().strip();
		if (!trimmed.isEmpty()) {
			parts.add(trimmed);
		}
	}

}
