package org.smguard.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Rules;
import org.smguard.validation.Violations;

/**
 * Section rules for the security options, one per option of the {@link ManagedOption}
 * table, which applies them. {@code null} means unset and is always valid. The rules are
 * stricter than sendmail, which reads many malformed values silently as something else:
 * <ul>
 * <li>{@code DefaultUser}: {@code user}, {@code user:group}, {@code uid} or
 * {@code uid:gid}, never root. Sendmail treats a part that starts with a digit as a
 * number and reads it with {@code atoi} into an {@code int} ({@code 8abc} becomes 8,
 * {@code 4294967296} becomes 0, root), so numbers must be plain decimal without sign or
 * leading zeros, from 1 to 2147483647. Sendmail also splits the value at the first
 * {@code .} or {@code /}, so neither is allowed in names. The groups {@code root} and
 * {@code wheel} are refused as well (gid 0 on Linux and on the BSDs).</li>
 * <li>{@code ForwardPath}: {@code ""} turns {@code .forward} files off. Otherwise
 * colon-separated elements, each an absolute path or starting with a macro; only
 * {@code $z $u $h $w} and {@code A-Z a-z 0-9 . _ + - /}; no empty element and no empty,
 * {@code .} or {@code ..} path segment; at most 1024 characters.</li>
 * <li>{@code LogLevel}: 0 to 99.</li>
 * <li>{@code PostmasterCopy}: comma-separated local user names or {@code local@domain}
 * addresses, no spaces, no empty element, no repeats; the empty string is refused (leave
 * it unset instead); at most 1024 characters.</li>
 * <li>{@code PrivacyOptions}: any of {@link #PRIVACY_FLAGS}, each at most once, lower
 * case. An empty list is accepted and means the same as {@code public}.</li>
 * <li>{@code SafeFileEnvironment}: {@code /} or a safe absolute path.</li>
 * <li>{@code TempFileMode}: three octal digits with an optional leading 0 (sendmail stops
 * at the first non-octal digit, so {@code 0680} would silently be 06). A mode that lets
 * the group or others write, gives others any access, or denies the owner read and write
 * is allowed with a warning; the sendmail book recommends 0600.</li>
 * </ul>
 */
public final class SecurityOptionsValidator {

	/** The privacy flags this console accepts, in the order the console shows them. */
	public static final List<String> PRIVACY_FLAGS = List.of("public", "needmailhelo", "needexpnhelo", "needvrfyhelo",
			"noexpn", "novrfy", "restrictexpand", "restrictmailq", "restrictqrun", "noetrn", "noverb", "authwarnings",
			"noreceipts", "nobodyreturn", "goaway", "noactualrecipient");

	public static final FieldPath SECTION = FieldPath.of("options");

	/** Sendmail keeps uids and gids in an {@code int}; anything larger wraps. */
	private static final long MAX_ID = Integer.MAX_VALUE;

	/**
	 * Longest ForwardPath or PostmasterCopy: sendmail expands ForwardPath elements into
	 * path-sized buffers, and no sensible list of bounce recipients comes near it.
	 */
	private static final int MAX_OPTION_LENGTH = Rules.MAX_PATH_LENGTH;

	private static final int MAX_LOG_LEVEL = 99;

	private static final Pattern DIGITS = Pattern.compile("\\A[0-9]+\\z");

	private static final Pattern SIGNED_NUMBER = Pattern.compile("\\A[+-][0-9]+\\z");

	private static final Pattern FORWARD_PATH_CHARACTER = Pattern.compile("[A-Za-z0-9._+/-]");

	private static final String FORWARD_PATH_MACROS = "zuhw";

	private static final Pattern LOCAL_PART = Pattern
		.compile("\\A[A-Za-z0-9_+][A-Za-z0-9_+-]*(\\.[A-Za-z0-9_+-]+)*\\z");

	private static final Pattern DOMAIN = Pattern
		.compile("\\A[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\z");

	private static final Pattern TEMP_FILE_MODE = Pattern.compile("\\A0?[0-7]{3}\\z");

	static final String DEFAULT_USER_FORMAT = "must be user, user:group, uid or uid:gid (for example mailnull:mailnull"
			+ " or 8:12)";

	static final String NOT_PRIVILEGED = "the default identity must not be privileged";

	static final String FORWARD_PATH_RULE = "each element must be an absolute path or start with one of the macros"
			+ " $z $u $h $w, and hold only A-Z a-z 0-9 . _ + - / and those macros";

	static final String POSTMASTER_COPY_RULE = "must be a comma-separated list, without spaces, of local user names"
			+ " or local@domain addresses";

	private SecurityOptionsValidator() {
	}

	public static void validate(SecurityOptions options, Violations violations) {
		if (options == null) {
			violations.error(SECTION, Rules.REQUIRED);
			return;
		}
		for (ManagedOption option : ManagedOption.values()) {
			option.check(options, violations);
		}
	}

	static void checkDefaultUser(FieldPath field, String value, Violations violations) {
		if (value == null) {
			return;
		}
		String problem = defaultUserProblem(value);
		if (problem != null) {
			violations.error(field, problem);
		}
	}

	private static String defaultUserProblem(String value) {
		if (Rules.hasLineBreakingCharacter(value)) {
			return Rules.quote(value) + " " + Rules.CONTROL_RULE;
		}
		if (value.indexOf('.') >= 0 || value.indexOf('/') >= 0) {
			return Rules.quote(value) + " must not contain '.' or '/': sendmail reads either as the separator"
					+ " between user and group; write user:group";
		}
		String[] parts = value.split(":", -1);
		if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
			return Rules.quote(value) + " " + DEFAULT_USER_FORMAT;
		}
		String problem = idProblem(parts[0], "uid", "user");
		if (problem == null && parts.length == 2) {
			problem = idProblem(parts[1], "gid", "group");
		}
		return problem;
	}

	/** What is wrong with one side of {@code DefaultUser}, or {@code null}. */
	private static String idProblem(String part, String numberKind, String nameKind) {
		char first = part.charAt(0);
		if (first >= '0' && first <= '9') {
			if (!DIGITS.matcher(part).matches()) {
				return Rules.quote(part) + " is not a valid " + numberKind + ": a " + numberKind
						+ " must be all digits (sendmail would read the leading digits and ignore the rest)";
			}
			if (part.length() > 1 && first == '0') {
				return Rules.quote(part) + " is not a valid " + numberKind + ": a " + numberKind
						+ " must be written without leading zeros";
			}
			if (part.length() > 10 || Long.parseLong(part) > MAX_ID) {
				return Rules.quote(part) + " is not a valid " + numberKind + ": a " + numberKind
						+ " must be at most 2147483647 (sendmail would wrap larger numbers; 4294967296 would become 0,"
						+ " root)";
			}
			if (part.equals("0")) {
				return numberKind + " 0 is root; " + NOT_PRIVILEGED;
			}
			return null;
		}
		if (SIGNED_NUMBER.matcher(part).matches()) {
			return Rules.quote(part) + " is not a valid " + numberKind + ": a " + numberKind
					+ " must be a plain decimal number from 1 to 2147483647, without sign";
		}
		if (!Rules.isUserName(part)) {
			return Rules.quote(part) + " is not a valid " + nameKind + " name: it " + Rules.USER_NAME_RULE;
		}
		if (part.equalsIgnoreCase("root") || (nameKind.equals("group") && part.equalsIgnoreCase("wheel"))) {
			return Rules.quote(part) + " is a privileged " + nameKind + "; " + NOT_PRIVILEGED;
		}
		return null;
	}

	static void checkForwardPath(FieldPath field, String value, Violations violations) {
		if (value == null || value.isEmpty()) {
			return;
		}
		String problem = forwardPathProblem(value);
		if (problem != null) {
			violations.error(field, problem);
		}
	}

	private static String forwardPathProblem(String value) {
		if (Rules.hasLineBreakingCharacter(value)) {
			return Rules.quote(value) + " " + Rules.CONTROL_RULE;
		}
		if (value.length() > MAX_OPTION_LENGTH) {
			return "must be at most " + MAX_OPTION_LENGTH + " characters long";
		}
		for (String element : value.split(":", -1)) {
			if (element.isEmpty()) {
				return Rules.quote(value) + " has an empty element (a leading, trailing or doubled ':'); "
						+ FORWARD_PATH_RULE;
			}
			String problem = forwardPathElementProblem(element);
			if (problem != null) {
				return "element " + Rules.quote(element) + " " + problem;
			}
		}
		return null;
	}

	private static String forwardPathElementProblem(String element) {
		if (element.charAt(0) != '/' && element.charAt(0) != '$') {
			return "is relative; " + FORWARD_PATH_RULE;
		}
		for (int i = 0; i < element.length(); i++) {
			char c = element.charAt(i);
			if (c == '$') {
				if (i + 1 < element.length() && FORWARD_PATH_MACROS.indexOf(element.charAt(i + 1)) >= 0) {
					i++;
					continue;
				}
				String macro = element.substring(i, Math.min(i + 2, element.length()));
				return "uses " + Rules.quote(macro) + "; the only macros allowed are $z (home directory), $u (user"
						+ " name), $h (+detail) and $w (host name)";
			}
			if (!FORWARD_PATH_CHARACTER.matcher(String.valueOf(c)).matches()) {
				return "contains " + Rules.quote(String.valueOf(c)) + "; " + FORWARD_PATH_RULE;
			}
		}
		String[] segments = element.split("/", -1);
		// An absolute element starts with an empty segment before its first '/'.
		for (int i = (element.charAt(0) == '/') ? 1 : 0; i < segments.length; i++) {
			String segment = segments[i];
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				return "has an empty, '.' or '..' path segment; each element must name its file directly";
			}
		}
		return null;
	}

	static void checkLogLevel(FieldPath field, Integer value, Violations violations) {
		if (value != null && (value < 0 || value > MAX_LOG_LEVEL)) {
			violations.error(field, "'" + value + "' must be a whole number from 0 to " + MAX_LOG_LEVEL);
		}
	}

	static void checkPostmasterCopy(FieldPath field, String value, Violations violations) {
		if (value == null) {
			return;
		}
		if (value.isEmpty()) {
			violations.error(field, "must not be empty; leave it unset to send no copies of bounces");
			return;
		}
		if (Rules.hasLineBreakingCharacter(value)) {
			violations.error(field, Rules.quote(value) + " " + Rules.CONTROL_RULE);
			return;
		}
		if (value.length() > MAX_OPTION_LENGTH) {
			violations.error(field, "must be at most " + MAX_OPTION_LENGTH + " characters long");
			return;
		}
		String[] recipients = value.split(",", -1);
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < recipients.length; i++) {
			String recipient = recipients[i];
			if (recipient.isEmpty()) {
				violations.error(field, Rules.quote(value) + " has an empty element (a leading, trailing or doubled"
						+ " ','); the value " + POSTMASTER_COPY_RULE);
				return;
			}
			if (!isRecipient(recipient)) {
				violations.error(field, Rules.quote(recipient)
						+ " is not a local user name or local@domain address; the value " + POSTMASTER_COPY_RULE);
				return;
			}
			Integer first = seen.putIfAbsent(recipient.toLowerCase(Locale.ROOT), i);
			if (first != null) {
				violations.error(field, Rules.quote(recipient) + " is listed twice (recipients " + (first + 1) + " and "
						+ (i + 1) + "); list each recipient once");
				return;
			}
		}
	}

	private static boolean isRecipient(String recipient) {
		int at = recipient.indexOf('@');
		if (at < 0) {
			return Rules.isUserName(recipient);
		}
		String local = recipient.substring(0, at);
		String domain = recipient.substring(at + 1);
		return local.length() <= 64 && domain.length() <= 253 && LOCAL_PART.matcher(local).matches()
				&& DOMAIN.matcher(domain).matches();
	}

	static void checkPrivacyOptions(FieldPath field, List<String> flags, Violations violations) {
		if (flags == null) {
			return;
		}
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < flags.size(); i++) {
			FieldPath elementField = field.index(i);
			String flag = flags.get(i);
			if (flag == null) {
				violations.error(elementField, Rules.REQUIRED);
			}
			else if (Rules.hasLineBreakingCharacter(flag)) {
				violations.error(elementField, Rules.quote(flag) + " " + Rules.CONTROL_RULE);
			}
			else if (PRIVACY_FLAGS.contains(flag)) {
				Integer first = seen.putIfAbsent(flag, i);
				if (first != null) {
					violations.error(elementField, Rules.quote(flag) + " is listed twice (flags " + (first + 1)
							+ " and " + (i + 1) + "); list each flag once");
				}
			}
			else if (PRIVACY_FLAGS.contains(flag.toLowerCase(Locale.ROOT))) {
				violations.error(elementField, Rules.quote(flag) + " must be written in lower case: "
						+ Rules.quote(flag.toLowerCase(Locale.ROOT)));
			}
			else {
				violations.error(elementField, Rules.quote(flag) + " is not a known privacy flag; the known flags are: "
						+ String.join(", ", PRIVACY_FLAGS));
			}
		}
	}

	static void checkSafeFileEnvironment(FieldPath field, String value, Violations violations) {
		if (value == null || value.equals("/")) {
			return;
		}
		if (Rules.hasLineBreakingCharacter(value)) {
			violations.error(field, Rules.quote(value) + " " + Rules.CONTROL_RULE);
		}
		else if (!Rules.isSafePath(value)) {
			violations.error(field,
					Rules.quote(value) + " " + Rules.SAFE_PATH_RULE.replaceFirst("must be ", "must be / or "));
		}
		else if (value.length() > Rules.MAX_PATH_LENGTH) {
			violations.error(field, "must be at most " + Rules.MAX_PATH_LENGTH + " characters long");
		}
	}

	static void checkTempFileMode(FieldPath field, String value, Violations violations) {
		if (value == null) {
			return;
		}
		if (Rules.hasLineBreakingCharacter(value)) {
			violations.error(field, Rules.quote(value) + " " + Rules.CONTROL_RULE);
			return;
		}
		if (!TEMP_FILE_MODE.matcher(value).matches()) {
			violations.error(field, Rules.quote(value) + " must be an octal mode of three digits 0-7 with an optional"
					+ " leading 0, such as 0600" + silentReading(value));
			return;
		}
		int mode = Integer.parseInt(value, 8);
		List<String> risks = new ArrayList<>();
		if ((mode & 0022) != 0) {
			risks.add("lets the group or other users write them");
		}
		if ((mode & 0007) != 0) {
			risks.add("gives other users access to them");
		}
		if ((mode & 0600) != 0600) {
			risks.add("does not let sendmail itself read and write them");
		}
		if (!risks.isEmpty()) {
			violations.warning(field, Rules.quote(value) + " is the mode of sendmail's queue and temporary files and "
					+ String.join(" and ", risks) + "; the sendmail book recommends 0600");
		}
	}

	/**
	 * Explains what sendmail, which stops at the first non-octal digit, would make of a
	 * bad mode.
	 */
	private static String silentReading(String value) {
		int end = 0;
		while (end < value.length() && value.charAt(end) >= '0' && value.charAt(end) <= '7') {
			end++;
		}
		if (end == 0 || end == value.length()) {
			return "";
		}
		return "; sendmail stops at the first digit that is not octal and would silently read it as "
				+ Rules.quote(value.substring(0, end));
	}

}
