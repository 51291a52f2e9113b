package org.smguard.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code sendmail.cf} read the way {@code readcf} reads it, keeping every byte.
 * Physical lines that start with a space or tab continue the line before them; a
 * statement is one line with its continuations. The renderer replaces whole statements
 * and the importer reads them, so both agree on what a line means.
 */
public final class CfText {

	/**
	 * A long option line as sendmail 8.17 reads it: exactly one space after {@code O},
	 * then the name up to {@code =} (blanks before it dropped), then the value. A name
	 * with blanks inside (two spaces after {@code O}, or a value without {@code =}) is
	 * one sendmail refuses.
	 */
	private static final Pattern LONG_OPTION = Pattern.compile("\\AO ([^=]*?)[ \\t]*(?:=[ \\t]*(.*))?\\z",
			Pattern.DOTALL);

	/**
	 * A trusted-users file line as readcf reads it: {@code Ft} or {@code F{t}}, blanks,
	 * an optional word that starts with {@code -o}, the file, and after blanks the rest
	 * (a scanf pattern).
	 */
	static final Pattern FT_LINE = Pattern
		.compile("\\AF(?:t|\\{t\\})[ \\t]*(?:(-o)\\S*[ \\t]*)?(\\S+)(?:[ \\t]+(.*))?\\z");

	/** Single-character names of the managed options, as in pre-8.7 cfs ({@code OL9}). */
	static final Map<Character, String> SHORT_OPTION_NAMES = Map.of('u', "DefaultUser", 'J', "ForwardPath", 'L',
			"LogLevel", 'P', "PostmasterCopy", 'p', "PrivacyOptions", 'F', "TempFileMode");

	/**
	 * How short sendmail 8.17 lets each managed option's name be: it takes any prefix
	 * that matches one option only ({@code Lo} is LogLevel, {@code L} also matches
	 * LDAPDefaultSpec), measured against Debian's build.
	 */
	private static final Map<String, Integer> SHORTEST_ABBREVIATION = Map.of("DefaultUser", 8, "ForwardPath", 4,
			"LogLevel", 2, "PostmasterCopy", 2, "PrivacyOptions", 3, "SafeFileEnvironment", 3, "TempFileMode", 2);

	private final List<String> lines;

	private final boolean endsWithNewline;

	private CfText(List<String> lines, boolean endsWithNewline) {
		this.lines = lines;
		this.endsWithNewline = endsWithNewline;
	}

	public static CfText parse(String text) {
		boolean endsWithNewline = text.endsWith("\n");
		String body = endsWithNewline ? text.substring(0, text.length() - 1) : text;
		List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
		if (text.isEmpty()) {
			lines.clear();
		}
		return new CfText(lines, endsWithNewline);
	}

	/** The physical lines, without line ends. */
	public List<String> lines() {
		return this.lines;
	}

	public boolean endsWithNewline() {
		return this.endsWithNewline;
	}

	/**
	 * Every statement: a line that is not a continuation, with its continuation lines.
	 */
	public List<Statement> statements() {
		List<Statement> statements = new ArrayList<>();
		int i = 0;
		while (i < this.lines.size()) {
			int end = i + 1;
			// Like sendmail's fgetfolded(): any line, comments included, continues while
			// the next starts blank.
			while (end < this.lines.size() && isContinuation(this.lines.get(end))) {
				end++;
			}
			statements.add(new Statement(i, end, String.join("\n", this.lines.subList(i, end))));
			i = end;
		}
		return statements;
	}

	/**
	 * Whether a statement reads a file (or program) into class t: {@code Ft...} or
	 * {@code F{t}...}.
	 */
	static boolean isTrustedUsersFileLine(String logical) {
		return logical.startsWith("Ft") || logical.startsWith("F{t}");
	}

	static boolean isContinuation(String line) {
		return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
	}

	/**
	 * One statement, lines {@code [start, end)}.
	 */
	public record Statement(int start, int end, String text) {

		/**
		 * The text as sendmail reads it: continuation lines joined with their leading
		 * white space.
		 */
		public String logical() {
			return this.text.replace("\n", "");
		}

		/** The option this statement sets, if it is an active option line. */
		public Optional<OptionLine> option() {
			return optionOf(logical());
		}

		/** The option a commented-out line ({@code #O Name=value}) would set. */
		public Optional<OptionLine> commentedOption() {
			String logical = logical();
			return logical.startsWith("#O") ? optionOf(logical.substring(1)) : Optional.empty();
		}

	}

	/**
	 * An option line: its canonical name (or the name as written for unknown options) and
	 * raw value.
	 */
	public record OptionLine(String name, String value) {
	}

	static Optional<OptionLine> optionOf(String logical) {
		if (!logical.startsWith("O") || logical.length() < 2) {
			return Optional.empty();
		}
		Matcher matcher = LONG_OPTION.matcher(logical);
		if (matcher.matches()) {
			if (matcher.group(1).isEmpty() || !matcher.group(1).matches("\\S+")) {
				return Optional.empty();
			}
			String value = (matcher.group(2) != null) ? stripTrailing(matcher.group(2)) : "";
			return Optional.of(new OptionLine(canonicalName(matcher.group(1)), value));
		}
		char c = logical.charAt(1);
		if (c == ' ') {
			return Optional.empty();
		}
		String name = SHORT_OPTION_NAMES.get(c);
		return Optional
			.of(new OptionLine((name != null) ? name : String.valueOf(c), stripTrailing(logical.substring(2))));
	}

	/**
	 * Maps an option name as sendmail reads it to the managed option's spelling, if it is
	 * one: without case, and abbreviated down to the shortest prefix that names only that
	 * option ({@code O Log=9} sets LogLevel; {@code O L=9} is ambiguous and sendmail
	 * refuses it).
	 */
	static String canonicalName(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		for (String known : RenderedOptions.NAMES) {
			String knownLower = known.toLowerCase(Locale.ROOT);
			if (knownLower.equals(lower)
					|| (knownLower.startsWith(lower) && lower.length() >= SHORTEST_ABBREVIATION.get(known))) {
				return known;
			}
		}
		return name;
	}

	private static String stripTrailing(String value) {
		return value.replaceAll("[ \\t]+\\z", "");
	}

	/** Joins physical lines back into the file's text. */
	static String join(List<String> lines, boolean endsWithNewline) {
		if (lines.isEmpty()) {
			return "";
		}
		return String.join("\n", lines) + (endsWithNewline ? "\n" : "");
	}

}
