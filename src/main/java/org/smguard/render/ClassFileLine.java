package org.smguard.render;

import java.util.Optional;

/**
 * An {@code F} line as readcf reads it: the class (macid_parse, so {@code F{ t}} is class
 * t), an optional {@code -o} word, then a map spec ({@code key@map:spec}), a program
 * ({@code |prog}) or a file ending at the first space, and after it a scanf pattern.
 *
 * @param pattern the scanf pattern, {@code %s} when the line has none
 */
record ClassFileLine(String className, boolean optional, String file, String pattern, boolean program, boolean map) {

	static Optional<ClassFileLine> of(String read) {
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
		int space = p.indexOf(' ');
		String file = (space >= 0) ? p.substring(0, space) : p;
		// extrquotstr drops quotes: "|prog" is a program too.
		boolean program = file.replace("\"", "").startsWith("|");
		String pattern = (space >= 0) ? p.substring(skipSpace(p, space + 1)) : "";
		return Optional.of(new ClassFileLine(name.get().name(), optional, file,
				(program || pattern.isEmpty()) ? "%s" : pattern, program, false));
	}

	/** Whether this line fills class t, the trusted users. */
	boolean isClassT() {
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
