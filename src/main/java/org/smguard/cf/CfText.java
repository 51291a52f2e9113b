package org.smguard.cf;

import org.smguard.policy.ManagedOption;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code sendmail.cf} read the way {@code readcf} reads it, keeping every byte.
 * Physical lines that start with a space or tab continue the line before them; a
 * statement is one line with its continuations. Each statement also carries the text
 * readcf interprets: continuation line ends kept, {@code #} comments cut once a {@code V}
 * line has set configuration level 3 or more, trailing blanks stripped. The renderer
 * replaces whole statements and the importer reads them, so both agree on what a line
 * means.
 */
public final class CfText {

	/**
	 * One-letter names of the managed options, as in pre-8.7 cfs ({@code OL9}), and of
	 * the default group option {@code g}, which changes DefaultUser's group.
	 */
	public static final Map<Character, String> SHORT_OPTION_NAMES = shortOptionNames();

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
		int configLevel = 0;
		int i = 0;
		while (i < this.lines.size()) {
			int end = i + 1;
			// Like sendmail's fgetfolded(): any line, comments included, continues while
			// the next starts blank.
			while (end < this.lines.size() && isContinuation(this.lines.get(end))) {
				end++;
			}
			String text = String.join("\n", this.lines.subList(i, end));
			String read = readcfText(text, configLevel);
			statements.add(new Statement(i, end, text, read));
			configLevel = nextConfigLevel(read, configLevel);
			i = end;
		}
		return statements;
	}

	/**
	 * What readcf interprets of a folded statement, or {@code null} for a comment line:
	 * after level 3, a {@code #} that is not first starts a comment up to the end of its
	 * physical line (with the blanks before it), {@code \#} is a plain {@code #},
	 * {@code $#} is a macro; then trailing white space is stripped (translate_dollars).
	 */
	public static String readcfText(String folded, int configLevel) {
		if (folded.startsWith("#")) {
			return null;
		}
		StringBuilder out = new StringBuilder(folded.length());
		for (int i = 0; i < folded.length(); i++) {
			char c = folded.charAt(i);
			if (c == '$' && i + 1 < folded.length()) {
				// $$, $x, $=x and ${name} are passed on whole: translate_dollars hands
				// the macro name to macid_parse, so a '#' in it ($=#, $#) is no comment.
				int end = (folded.charAt(i + 1) == '$') ? i + 2 : macroEnd(folded, i + 1);
				out.append(folded, i, end);
				i = end - 1;
				continue;
			}
			if (c == '#' && out.length() > 0 && configLevel >= 3) {
				if (out.charAt(out.length() - 1) == '\\') {
					out.setCharAt(out.length() - 1, '#');
					continue;
				}
				int keep = out.length();
				while (keep > 1 && isSpace(out.charAt(keep - 1)) && out.charAt(keep - 1) != '\n') {
					keep--;
				}
				out.setLength(keep);
				int newline = folded.indexOf('\n', i);
				if (newline < 0) {
					break;
				}
				i = newline - 1;
				continue;
			}
			out.append(c);
		}
		int end = out.length();
		while (end > 1 && isSpace(out.charAt(end - 1))) {
			end--;
		}
		out.setLength(end);
		return out.toString();
	}

	/**
	 * The end of the macro reference after a '$' at {@code start - 1}: an optional
	 * {@code =}, {@code ~}, {@code &} or {@code ?}, then the name as macid_parse reads
	 * it.
	 */
	private static int macroEnd(String text, int start) {
		int i = start;
		if ("=~&?".indexOf(text.charAt(i)) >= 0) {
			i++;
		}
		return (i < text.length()) ? ClassName.nameEnd(text, i) : i;
	}

	/** A {@code V} line sets the configuration level that decides what a '#' is. */
	static int nextConfigLevel(String read, int level) {
		if (read == null || !read.startsWith("V")) {
			return level;
		}
		int i = 1;
		while (i < read.length() && isSpace(read.charAt(i))) {
			i++;
		}
		if (i >= read.length() || read.charAt(i) < '0' || read.charAt(i) > '9') {
			return level;
		}
		// readcf stores strtol's long in an int: V4294967299 is level 3 and
		// V2147483648 a negative one, which cuts no comments.
		return OptionSemantics.atoi(read.substring(i));
	}

	/** sendmail's SM_ISSPACE: ASCII white space. */
	static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
	}

	public static boolean isContinuation(String line) {
		return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
	}

	/**
	 * A class name as macid_parse reads it after {@code C} or {@code F}: one character,
	 * or {@code {name}} with every character but letters, digits and '_' dropped (so
	 * {@code { t}} is class t, and {@code { }} a class with an empty long name); and the
	 * rest of the line. Empty when sendmail would refuse the name.
	 */
	public record ClassName(String name, String rest) {

		/** MAXMACNAMELEN: a 26th letter, digit or '_' makes the name too long. */
		public static final int MAX_LENGTH = 25;

		public static Optional<ClassName> of(String text) {
			if (text.isEmpty() || text.startsWith("{}")) {
				return Optional.empty();
			}
			if (text.charAt(0) != '{') {
				return Optional.of(new ClassName(text.substring(0, 1), text.substring(1)));
			}
			int end = nameEnd(text, 0);
			if (text.charAt(end - 1) != '}') {
				return Optional.empty();
			}
			StringBuilder name = new StringBuilder();
			for (int i = 1; i < end - 1; i++) {
				if (isNameCharacter(text.charAt(i))) {
					name.append(text.charAt(i));
				}
			}
			return Optional.of(new ClassName(name.toString(), text.substring(end)));
		}

		/**
		 * Where macid_parse stops reading the name at {@code start}: after one character,
		 * after the '}' of {@code {name}}, or (refusing the name) at the end of the text
		 * or the character after the 25th one kept.
		 */
		static int nameEnd(String text, int start) {
			if (text.charAt(start) != '{') {
				return start + 1;
			}
			int kept = 0;
			int i = start + 1;
			while (i < text.length() && text.charAt(i) != '}' && kept < MAX_LENGTH) {
				if (isNameCharacter(text.charAt(i))) {
					kept++;
				}
				i++;
			}
			return (i < text.length() && text.charAt(i) == '}') ? i + 1 : i;
		}

		private static boolean isNameCharacter(char c) {
			return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
		}

	}

	/**
	 * One statement, lines {@code [start, end)}; {@code read} is what readcf interprets
	 * of it ({@code null} for a comment).
	 */
	public record Statement(int start, int end, String text, String read) {

		/** The text with continuation line ends removed, for messages and markers. */
		public String logical() {
			return this.text.replace("\n", "");
		}

		/** The option this statement sets, if it is an active option line. */
		public Optional<OptionLine> option() {
			return (this.read != null) ? optionOf(this.read) : Optional.empty();
		}

		/** The option a commented-out line ({@code #O Name=value}) would set. */
		public Optional<OptionLine> commentedOption() {
			String logical = logical();
			return logical.startsWith("#O") ? optionOf(logical.substring(1)) : Optional.empty();
		}

	}

	/**
	 * An option line: its canonical name (or the name as written for unknown options) and
	 * raw value as setoption receives it.
	 */
	public record OptionLine(String name, String value) {
	}

	/**
	 * The option a line sets, read as setoption reads it: {@code O} and one space start a
	 * long name that ends at {@code =} (spaces before and after it dropped, a
	 * {@code .suboption} ignored); any other character after {@code O} is a one-letter
	 * option whose value is the rest, untrimmed.
	 */
	public static Optional<OptionLine> optionOf(String read) {
		if (!read.startsWith("O") || read.length() < 2) {
			return Optional.empty();
		}
		if (read.charAt(1) != ' ') {
			String name = SHORT_OPTION_NAMES.get(read.charAt(1));
			return Optional.of(new OptionLine((name != null) ? name : read.substring(1, 2), read.substring(2)));
		}
		String val = read.substring(2);
		int equals = val.indexOf('=');
		int nameEnd = (equals >= 0) ? equals : val.length();
		while (nameEnd > 0 && val.charAt(nameEnd - 1) == ' ') {
			nameEnd--;
		}
		String name = val.substring(0, nameEnd);
		if (name.isEmpty()) {
			return Optional.empty();
		}
		int valueStart = (equals >= 0) ? equals + 1 : val.length();
		while (valueStart < val.length() && val.charAt(valueStart) == ' ') {
			valueStart++;
		}
		int dot = name.indexOf('.');
		if (dot >= 0) {
			name = name.substring(0, dot);
		}
		return Optional.of(new OptionLine(canonicalName(name), val.substring(valueStart)));
	}

	/**
	 * Maps an option name as sendmail reads it to the managed option's spelling, if it is
	 * one: without case, and abbreviated down to the shortest prefix that names only that
	 * option ({@code O Log=9} sets LogLevel; {@code O L=9} is ambiguous and sendmail
	 * refuses it).
	 */
	static String canonicalName(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		for (ManagedOption known : ManagedOption.values()) {
			String knownLower = known.cfName().toLowerCase(Locale.ROOT);
			if (knownLower.equals(lower)
					|| (knownLower.startsWith(lower) && lower.length() >= known.shortestAbbreviation())) {
				return known.cfName();
			}
		}
		return name;
	}

	private static Map<Character, String> shortOptionNames() {
		Map<Character, String> names = new HashMap<>();
		for (ManagedOption option : ManagedOption.values()) {
			option.letter().ifPresent((letter) -> names.put(letter, option.cfName()));
		}
		names.put('g', OptionSemantics.DEFAULT_GROUP);
		return Map.copyOf(names);
	}

	/** Joins physical lines back into the file's text. */
	public static String join(List<String> lines, boolean endsWithNewline) {
		if (lines.isEmpty()) {
			return "";
		}
		return String.join("\n", lines) + (endsWithNewline ? "\n" : "");
	}

}
