package org.smguard.validation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules shared by every section. Patterns are matched against whole values
 * ({@code \A...\z}) because Java's {@code $} also accepts a trailing newline, and a
 * newline in a value would inject whole lines into {@code sendmail.cf}.
 */
public final class Rules {

	/**
	 * Every path that lands in the cf or a rendered file; a comma or space would change a
	 * cf field.
	 */
	private static final Pattern SAFE_PATH = Pattern.compile("\\A/[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*\\z");

	/**
	 * C0 and C1 control characters (CR, LF, NUL, U+0085 ...) and the Unicode line
	 * separators.
	 */
	private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

	/** User names: trusted users, override file owners, console accounts. */
	private static final Pattern USER_NAME = Pattern.compile("\\A[A-Za-z0-9_][A-Za-z0-9._-]{0,31}\\z");

	public static final String SAFE_PATH_RULE = "must be an absolute path of segments made of A-Z a-z 0-9 . _ + -"
			+ " (no spaces, commas or other characters, no empty, '.' or '..' segment)";

	public static final String USER_NAME_RULE = "must be 1-32 characters of A-Z a-z 0-9 . _ - and not start with '-' or '.'";

	public static final String CONTROL_RULE = "must not contain control characters or line breaks";

	public static final String REQUIRED = "is required";

	/**
	 * Longest path accepted anywhere: sendmail copies paths into {@code MAXPATHLEN}
	 * buffers and would cut a longer one short without telling anyone.
	 */
	public static final int MAX_PATH_LENGTH = 1024;

	/** How much of an offending value a message repeats; enough to recognise it. */
	private static final int QUOTE_LIMIT = 80;

	private Rules() {
	}

	public static boolean hasLineBreakingCharacter(String value) {
		return value != null && LINE_BREAKING.matcher(value).find();
	}

	/**
	 * Whether {@code value} is an absolute path that is safe to write into a cf field or
	 * use as a file location: strict characters and no {@code .} or {@code ..} segment.
	 */
	public static boolean isSafePath(String value) {
		if (value == null || !SAFE_PATH.matcher(value).matches()) {
			return false;
		}
		for (String segment : value.substring(1).split("/")) {
			if (segment.equals(".") || segment.equals("..")) {
				return false;
			}
		}
		return true;
	}

	public static boolean isUserName(String value) {
		return value != null && USER_NAME.matcher(value).matches();
	}

	/**
	 * The value in single quotes, fit for a message. Anything outside printable ASCII is
	 * shown as a Java-style escape (backslash-n, backslash-u0000, backslash-u0430) so
	 * that a control character cannot break the message or the page that shows it, and a
	 * homoglyph or bidi control cannot make the message lie about the value. Long values
	 * are cut short.
	 */
	public static String quote(String value) {
		if (value == null) {
			return "null";
		}
		int length = Math.min(value.length(), QUOTE_LIMIT);
		StringBuilder quoted = new StringBuilder(length + 8).append('\'');
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c >= 0x20 && c < 0x7f) {
						quoted.append(c);
					}
					else {
						quoted.append(String.format("\\u%04x", (int) c));
					}
				}
			}
		}
		if (value.length() > QUOTE_LIMIT) {
			quoted.append("...");
		}
		return quoted.append('\'').toString();
	}

	/**
	 * Reports a missing, control-character or badly formed user name on {@code field}.
	 * @return whether the name is valid
	 */
	public static boolean checkUserName(FieldPath field, String value, Violations violations) {
		if (value == null) {
			violations.error(field, REQUIRED);
			return false;
		}
		if (hasLineBreakingCharacter(value)) {
			violations.error(field, quote(value) + " " + CONTROL_RULE);
			return false;
		}
		if (!isUserName(value)) {
			violations.error(field, quote(value) + " " + USER_NAME_RULE);
			return false;
		}
		return true;
	}

	/**
	 * Reports a list longer than {@code max} on {@code field}, e.g. "has 20,001 shells;
	 * at most 20,000 shells are allowed". A list over its limit is not checked entry by
	 * entry: one error says what is wrong, instead of thousands.
	 * @param what the plural noun for the entries, e.g. {@code "shells"}
	 * @return whether the list is within its limit
	 */
	public static boolean checkListSize(FieldPath field, List<?> list, int max, String what, Violations violations) {
		if (list.size() <= max) {
			return true;
		}
		violations.error(field,
				"has " + count(list.size()) + " " + what + "; at most " + count(max) + " " + what + " are allowed");
		return false;
	}

	/** A count with thousands separators: {@code 100,000}. */
	public static String count(long n) {
		return String.format(Locale.ROOT, "%,d", n);
	}

	/**
	 * Reports a missing, control-character, unsafe or overlong path on {@code field}.
	 * @return whether the path is valid
	 */
	public static boolean checkSafePath(FieldPath field, String value, Violations violations) {
		if (value == null) {
			violations.error(field, REQUIRED);
			return false;
		}
		if (hasLineBreakingCharacter(value)) {
			violations.error(field, quote(value) + " " + CONTROL_RULE);
			return false;
		}
		if (!isSafePath(value)) {
			violations.error(field, quote(value) + " " + SAFE_PATH_RULE);
			return false;
		}
		if (value.length() > MAX_PATH_LENGTH) {
			violations.error(field, "must be at most " + MAX_PATH_LENGTH + " characters long");
			return false;
		}
		return true;
	}

}
