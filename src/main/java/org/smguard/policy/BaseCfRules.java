package org.smguard.policy;

import org.smguard.validation.ValidationException;

/**
 * What a base {@code sendmail.cf} must be: text with {@code \n} line ends (a CR or NUL
 * would reach the file sendmail reads), of a sane size, and with no {@code F} line that
 * makes sendmail run a program ({@code Fx|prog}, however quoted or spaced) or look up a
 * map ({@code Fx key@program:prog}) while it reads the cf. Such lines are refused with
 * their number, on top of the sandbox every sendmail run is in. Whether sendmail accepts
 * the rest is the sendmail check's business.
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
			if (c == '\r') {
				throw new ValidationException("baseCf", "line " + lineOf(cf, i)
						+ ": holds a carriage return that is not part of a CRLF line end; sendmail would read it"
						+ " as part of the line");
			}
		}
		String[] lines = cf.split("\n", -1);
		int statement = -1;
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
			if (!continuation) {
				statement = line.startsWith("F") ? i : -1;
			}
			if (statement >= 0 && (line.indexOf('|') >= 0 || line.indexOf('@') >= 0)) {
				throw new ValidationException("baseCf", "line " + (statement + 1) + ": an F line with '"
						+ (line.indexOf('|') >= 0 ? "|" : "@") + "' fills a class from a program or a map, which"
						+ " sendmail would run while it reads the cf; list the words in a C line or read them from a"
						+ " file");
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
