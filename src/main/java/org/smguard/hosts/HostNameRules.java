package org.smguard.hosts;

import java.util.Locale;
import java.util.regex.Pattern;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Rules;
import org.smguard.validation.Violations;

/**
 * What a mail host's name must be: a DNS host name as RFC 1123 allows it, written in
 * lower case so that one host cannot be registered twice under two spellings. Labels of
 * 1-63 characters of {@code a-z 0-9 -}, not starting or ending with {@code -}, joined by
 * dots, {@value #MAX_LENGTH} characters at most, no trailing dot. {@code self} is
 * refused: it is the path of the host API ({@code /api/v1/hosts/self/...}). Pure and
 * static.
 */
final class HostNameRules {

	static final int MAX_LENGTH = 253;

	static final String RULE = "must be a DNS host name in lower case: labels of 1-63 characters of a-z 0-9 -,"
			+ " not starting or ending with '-', joined by '.' (such as mx1.example.org), at most " + MAX_LENGTH
			+ " characters";

	static final String RESERVED = "self";

	private static final Pattern LABEL = Pattern.compile("\\A[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\z");

	private HostNameRules() {
	}

	static void check(FieldPath field, String name, Violations violations) {
		if (name == null || name.isEmpty()) {
			violations.error(field, Rules.REQUIRED);
			return;
		}
		if (name.length() > MAX_LENGTH) {
			violations.error(field, "must be at most " + MAX_LENGTH + " characters, not " + name.length());
			return;
		}
		if (RESERVED.equals(name)) {
			violations.error(field, "must not be '" + RESERVED + "': the host API uses that name for the calling host");
			return;
		}
		String lower = name.toLowerCase(Locale.ROOT);
		if (!name.equals(lower) && isHostName(lower)) {
			violations.error(field, "must be in lower case: " + Rules.quote(lower));
			return;
		}
		if (!isHostName(name)) {
			violations.error(field, RULE);
		}
	}

	/**
	 * Whether {@code name} is a host name these rules accept (apart from the reserved
	 * one).
	 */
	static boolean isHostName(String name) {
		if (name.isEmpty() || name.length() > MAX_LENGTH || name.startsWith(".") || name.endsWith(".")) {
			return false;
		}
		for (String label : name.split("\\.", -1)) {
			if (!LABEL.matcher(label).matches()) {
				return false;
			}
		}
		return true;
	}

}
