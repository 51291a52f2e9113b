package org.smguard.policy;

import org.smguard.validation.ValidationException;

/**
 * What a base {@code sendmail.cf} must be: text with {@code \n} line ends (a CR or NUL
 * would reach the file sendmail reads), and of a sane size. Whether sendmail accepts it
 * is the sendmail check's business.
 */
public final class BaseCfRules {

	/** Debian's cf is 90 KB; a site's may be larger, but not this large. */
	public static final int MAX_LENGTH = 4 * 1024 * 1024;

	private BaseCfRules() {
	}

	public static void check(String cf) {
		if (cf.length() > MAX_LENGTH) {
			throw new ValidationException("baseCf", "must be at most " + MAX_LENGTH + " characters");
		}
		for (int i = 0; i < cf.length(); i++) {
			char c = cf.charAt(i);
			if (c == '\0') {
				throw new ValidationException("baseCf", "line " + lineOf(cf, i) + ": must be text without NUL bytes");
			}
		}
	}

	private static int lineOf(String text, int index) {
		int line = 1;
		for (int i = 0; i < index; i++) {
			if (text.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

}
