package org.smguard.cf;

import java.util.Optional;

/**
 * An {@code F} line as readcf reads it: the class (macid_parse, so {@code F{ t}} is class
 * t), an optional {@code -o} word, then a map spec ({@code key@map:spec}), a program
 * ({@code |prog}) or a file ending at the first space outside quotes, and after it a
 * scanf pattern.
 *
 * @param pattern the scanf pattern, {@code %s} when the line has none
 */
public record ClassFileLine(String className, boolean optional, String file, String pattern, boolean program,
		boolean map) {

	public static Optional<ClassFileLine> of(String read) {
		if (read == null || !read.startsWith("F")) {
			return Optional.empty();
		}
		Optional<CfText.ClassName> name = CfText.ClassName.of(read.substring(1));
		if (name.isEmpty()) {
			return Optional.empty();
		}
		String p = name.get().rest();
		int i = skipSpace(p, 0);
		boolean optional = false;
		if (p.startsWith("-o", i)) {
			optional = true;
			while (i < p.length() && !CfText.isSpace(p.charAt(i))) {
				i++;
			}
			i = skipSpace(p, i);
		}
		p = p.substring(i);
		boolean map = false;
		int at = p.indexOf('@');
		if (!p.startsWith("/") && !p.startsWith("|") && at >= 0) {
			String q = p.substring(at + 1);
			map = q.equals("LDAP") || (!q.startsWith(":") && q.contains(":"));
		}
		if (map) {
			return Optional.of(new ClassFileLine(name.get().name(), optional, p, "%s", false, true));
		}
		// The file is what extrquotstr makes of the text up to the first space outside
		// quotes: "/etc/mail/trusted users" is one file, and "|prog" a program.
		StringBuilder file = new StringBuilder();
		int end = extrquotstr(p, file);
		if (end < 0) {
			// sendmail refuses the line ("illegal filename") and fills no class.
			return Optional.empty();
		}
		boolean program = file.toString().startsWith("|");
		String pattern = (end < p.length()) ? p.substring(skipSpace(p, end + 1)) : "";
		return Optional.of(new ClassFileLine(name.get().name(), optional, file.toString(),
				(program || pattern.isEmpty()) ? "%s" : pattern, program, false));
	}

	/**
	 * readcf's extrquotstr with a space as the delimiter: quotes are dropped and protect
	 * spaces; a backslash is kept before anything but a space (so {@code \"} still opens
	 * a quote). Returns where the file ends (the space, or the end of the text), or -1
	 * when a quote or backslash is left open.
	 */
	private static int extrquotstr(String text, StringBuilder out) {
		boolean backslash = false;
		boolean quoted = false;
		int i = 0;
		for (; i < text.length(); i++) {
			char c = text.charAt(i);
			if (backslash) {
				backslash = false;
				if (c != ' ') {
					out.append('\\');
				}
			}
			if (c == '\\') {
				backslash = true;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (quoted || c != ' ') {
				out.append(c);
			}
			else {
				break;
			}
		}
		return (quoted || backslash) ? -1 : i;
	}

	/** Whether this line fills class t, the trusted users. */
	public boolean isClassT() {
		return this.className.equals("t");
	}

	private static int skipSpace(String text, int from) {
		int i = from;
		while (i < text.length() && CfText.isSpace(text.charAt(i))) {
			i++;
		}
		return i;
	}

}
