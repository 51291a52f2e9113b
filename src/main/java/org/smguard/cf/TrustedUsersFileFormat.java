package org.smguard.cf;

import java.util.ArrayList;
import java.util.List;

/**
 * How sendmail reads the trusted-users file of an {@code Ft} line (fileclass in
 * readcf.c): lines that start with {@code #} are skipped; each other line goes through
 * the line's scanf pattern and the words of what it matched join class t. Without a
 * pattern ({@code %s}) that is the first word of the line, and a later {@code #} is part
 * of it; Debian's {@code %[^\#]} takes every word up to a {@code #}. The console reads
 * and renders those two; any other pattern is refused rather than guessed.
 */
public final class TrustedUsersFileFormat {

	private TrustedUsersFileFormat() {
	}

	/** Whether the console reads files with this pattern exactly as sendmail does. */
	public static boolean readable(String pattern) {
		return pattern.equals("%s") || pattern.equals("%[^#]");
	}

	/** The names sendmail takes from {@code text} with {@code pattern}. */
	public static List<String> names(String text, String pattern) {
		if (!readable(pattern)) {
			throw new IllegalArgumentException("unsupported pattern " + pattern);
		}
		List<String> names = new ArrayList<>();
		for (String line : text.split("\n", -1)) {
			if (line.startsWith("#")) {
				continue;
			}
			String matched;
			if (pattern.equals("%s")) {
				// scanf skips C-locale white space only: a leading U+2003 or 0x1c is
				// part of the word.
				String[] words = line.replaceFirst("\\A[ \\t\\r\\f\\u000b]+", "").split("[ \\t\\r\\f\\u000b]+");
				matched = (words.length > 0) ? words[0] : "";
			}
			else {
				int hash = line.indexOf('#');
				matched = (hash >= 0) ? line.substring(0, hash) : line;
			}
			for (String word : matched.split("[ \\t\\r\\f\\u000b]+")) {
				if (!word.isEmpty()) {
					names.add(word);
				}
			}
		}
		return names;
	}

}
