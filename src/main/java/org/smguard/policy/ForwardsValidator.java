package org.smguard.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Rules;
import org.smguard.validation.Violations;

/**
 * Section rules for the ForwardPath override files.
 * <ul>
 * <li>{@code directory} is a required safe absolute path.</li>
 * <li>Each override names a user (user-name rule) at most once; names are compared
 * ignoring case because sendmail lowercases local user names before it expands {@code $u}
 * (unless the local mailer has the {@code u} flag). For the same reason a name with
 * upper-case letters draws a warning: its file would never be read.</li>
 * <li>{@code content} is required; the empty text is legal and means "always deliver
 * locally".</li>
 * <li>Content is plain text whose lines are separated by {@code \n}. Everything else that
 * could split or hide a line is refused: CR, NUL, TAB (strict: a tab is never needed in a
 * {@code .forward} file and hides in a review), every other control character, U+2028 and
 * U+2029, bidirectional controls (they make the text a reviewer sees differ from what
 * sendmail reads) and broken UTF-16.</li>
 * <li>Each line is at most 1000 bytes in UTF-8 (the same as 1000 characters for ASCII):
 * sendmail reads the file into a fixed-size line buffer. The whole file is at most 64
 * KiB.</li>
 * <li>At most {@value Forwards#MAX_OVERRIDES} override files.</li>
 * </ul>
 * Everything here is linear in the size of the input, so 50,000 overrides validate
 * quickly.
 */
public final class ForwardsValidator {

	public static final FieldPath SECTION = FieldPath.of("forwards");

	public static final FieldPath DIRECTORY = SECTION.name("directory");

	/**
	 * The override files; one is {@code OVERRIDES.index(i)}, with the fields
	 * {@link #USER} and {@link #CONTENT}.
	 */
	public static final FieldPath OVERRIDES = SECTION.name("overrides");

	public static final String USER = "user";

	public static final String CONTENT = "content";

	/** The user of a change of one override file, which names the file on its own. */
	public static final FieldPath CHANGED_USER = FieldPath.of(USER);

	/** The content of a change of one override file. */
	public static final FieldPath CHANGED_CONTENT = FieldPath.of(CONTENT);

	static final int MAX_LINE_BYTES = 1000;

	static final int MAX_CONTENT_BYTES = 64 * 1024;

	private ForwardsValidator() {
	}

	public static void validate(Forwards section, Violations violations) {
		if (section == null) {
			violations.error(SECTION, Rules.REQUIRED);
			return;
		}
		validateDirectory(section.directory(), violations);
		List<Forwards.OverrideFile> overrides = section.overrides();
		if (!Rules.checkListSize(OVERRIDES, overrides, Forwards.MAX_OVERRIDES, "override files", violations)) {
			return;
		}
		Map<String, String> seen = new HashMap<>(overrides.size() * 2);
		for (int i = 0; i < overrides.size(); i++) {
			FieldPath field = OVERRIDES.index(i);
			Forwards.OverrideFile override = overrides.get(i);
			if (override == null) {
				violations.error(field, Rules.REQUIRED);
				continue;
			}
			String user = override.user();
			if (checkUser(field.name(USER), user, violations)) {
				String first = seen.putIfAbsent(user.toLowerCase(Locale.ROOT), user);
				if (first != null) {
					violations.error(field.name(USER), clash(user, first));
				}
			}
			checkContent(field.name(CONTENT), override.content(), violations);
		}
	}

	static void validateDirectory(String directory, Violations violations) {
		Rules.checkSafePath(DIRECTORY, directory, violations);
	}

	/** At most {@value Forwards#MAX_OVERRIDES} override files. */
	static void checkCount(int count, Violations violations) {
		if (count > Forwards.MAX_OVERRIDES) {
			violations.error(OVERRIDES, "has " + Rules.count(count) + " override files; at most "
					+ Rules.count(Forwards.MAX_OVERRIDES) + " override files are allowed");
		}
	}

	/**
	 * One override file on its own: the user-name and content rules. Whether another
	 * file's user clashes with it is the caller's to check, with {@link #clash}.
	 */
	public static void validateOverride(Forwards.OverrideFile override, FieldPath userField, FieldPath contentField,
			Violations violations) {
		checkUser(userField, override.user(), violations);
		checkContent(contentField, override.content(), violations);
	}

	/**
	 * Why {@code user} may not have a file while the one of {@code existing}, the same
	 * name ignoring case, exists.
	 */
	static String clash(String user, String existing) {
		return Rules.quote(user) + " already has an override"
				+ (existing.equals(user) ? "" : " as " + Rules.quote(existing))
				+ " (sendmail compares user names ignoring case); give each user one override";
	}

	private static boolean checkUser(FieldPath field, String user, Violations violations) {
		if (!Rules.checkUserName(field, user, violations)) {
			return false;
		}
		String lower = user.toLowerCase(Locale.ROOT);
		if (!lower.equals(user)) {
			violations.warning(field,
					Rules.quote(user) + " has upper-case letters, but sendmail"
							+ " lowercases local user names (unless its local mailer has the u flag) before looking for"
							+ " the file, so " + Rules.quote(user + ".forward") + " would never be read; use "
							+ Rules.quote(lower));
		}
		return true;
	}

	private static void checkContent(FieldPath field, String content, Violations violations) {
		if (content == null) {
			violations.error(field, Rules.REQUIRED + " (an empty text means: always deliver locally)");
			return;
		}
		String problem = null;
		int line = 1;
		int lineBytes = 0;
		long totalBytes = 0;
		for (int i = 0; i < content.length(); i++) {
			char c = content.charAt(i);
			if (c == '\n') {
				line++;
				lineBytes = 0;
				totalBytes++;
				continue;
			}
			int bytes;
			boolean pair = false;
			if (c < 0x80) {
				bytes = 1;
			}
			else if (c < 0x800) {
				bytes = 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < content.length()
					&& Character.isLowSurrogate(content.charAt(i + 1))) {
				bytes = 4;
				pair = true;
				i++;
			}
			else {
				bytes = 3;
			}
			if (problem == null) {
				problem = pair ? null : characterProblem(c);
				if (problem == null && lineBytes + bytes > MAX_LINE_BYTES) {
					problem = "is too long: each line must be at most " + MAX_LINE_BYTES
							+ " bytes (characters outside ASCII take 2 to 4 bytes)";
				}
				if (problem != null) {
					problem = "line " + line + " " + problem;
				}
			}
			lineBytes += bytes;
			totalBytes += bytes;
		}
		if (problem != null) {
			violations.error(field, problem);
		}
		if (totalBytes > MAX_CONTENT_BYTES) {
			violations.error(field, "is " + totalBytes + " bytes long; an override file must be at most "
					+ MAX_CONTENT_BYTES + " bytes (64 KiB)");
		}
	}

	/**
	 * Why {@code c} may not appear in an override file, or {@code null} when it may.
	 * Valid surrogate pairs never reach here, so any surrogate is half of a broken one.
	 */
	private static String characterProblem(char c) {
		if (c == '\r') {
			return "contains a carriage return (\\r): lines must end with \\n only";
		}
		if (c == '\t') {
			return "contains a tab (\\t): tabs are not allowed, use spaces";
		}
		if (Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029) {
			return "contains the control character " + escape(c) + ": only printable text separated by \\n is"
					+ " allowed";
		}
		if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c) {
			return "contains the bidirectional control " + escape(c)
					+ ", which makes the text shown to reviewers differ from what sendmail reads";
		}
		if (Character.isSurrogate(c)) {
			return "contains the broken character " + escape(c) + " (half of a UTF-16 surrogate pair)";
		}
		return null;
	}

	private static String escape(char c) {
		return String.format("\\u%04x", (int) c);
	}

}
