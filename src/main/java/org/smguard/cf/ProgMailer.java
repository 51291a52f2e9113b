package org.smguard.cf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code prog} delivery agent's program ({@code P=}) and argument vector
 * ({@code A=}), read as makemailer reads an {@code M} line: the name ends at a comma or
 * blank and is matched without case (a later {@code MPROG} replaces {@code Mprog});
 * fields are keyed by their first letter ({@code Path=} is {@code P=}) and their values
 * read as munchstring reads them (quotes, backslashes, up to a comma). Values written
 * here are validated paths, so no comma can start another field.
 */
public record ProgMailer(String path, String argv) {

	public static final String SHELL = "/bin/sh";

	public static final String SHELL_ARGV = "sh -c $u";

	public static final String SMRSH_ARGV = "smrsh -c $u";

	/** One field of an M line: its key letter, and its raw text in the line. */
	public record Field(char key, String raw) {
	}

	/** The mailer's name, or empty when {@code read} is no M line. */
	public static Optional<String> nameOf(String read) {
		if (read == null || !read.startsWith("M")) {
			return Optional.empty();
		}
		int i = 1;
		while (i < read.length() && read.charAt(i) != ',' && !CfText.isSpace(read.charAt(i))) {
			i++;
		}
		return (i > 1) ? Optional.of(read.substring(1, i)) : Optional.empty();
	}

	public static boolean isProg(String read) {
		return nameOf(read).map((name) -> name.equalsIgnoreCase("prog")).orElse(false);
	}

	/** The fields of an M line in order, each with the text that spells it. */
	public static List<Field> fields(String read) {
		String name = nameOf(read).orElseThrow();
		List<Field> fields = new ArrayList<>();
		int p = 1 + name.length();
		if (p < read.length()) {
			p++;
		}
		while (p < read.length()) {
			while (p < read.length() && (read.charAt(p) == ',' || CfText.isSpace(read.charAt(p)))) {
				p++;
			}
			if (p >= read.length()) {
				break;
			}
			int start = p;
			char key = read.charAt(p);
			while (p < read.length() && read.charAt(p) != '=' && read.charAt(p) != ',') {
				p++;
			}
			if (p >= read.length() || read.charAt(p) != '=') {
				// sendmail refuses the line ("`=' expected"); nothing more to read.
				fields.add(new Field('\0', read.substring(start)));
				return fields;
			}
			p++;
			boolean backslash = false;
			boolean quoted = false;
			while (p < read.length()) {
				char c = read.charAt(p);
				if (backslash) {
					backslash = false;
				}
				else if (c == '\\') {
					backslash = true;
				}
				else if (c == '"') {
					quoted = !quoted;
				}
				else if (c == ',' && !quoted) {
					break;
				}
				p++;
			}
			fields.add(new Field(key, read.substring(start, p)));
		}
		return fields;
	}

	/** A field's value as munchstring makes it, blanks after '=' skipped. */
	public static String value(Field field) {
		String raw = field.raw();
		int i = raw.indexOf('=') + 1;
		while (i < raw.length() && CfText.isSpace(raw.charAt(i))) {
			i++;
		}
		StringBuilder out = new StringBuilder();
		boolean backslash = false;
		for (; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (backslash) {
				backslash = false;
				out.append(switch (c) {
					case 'r' -> '\r';
					case 'n' -> '\n';
					case 'f' -> '\f';
					case 'b' -> '\b';
					default -> c;
				});
			}
			else if (c == '\\') {
				backslash = true;
			}
			else if (c != '"') {
				out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * The mailer as sendmail reads one M line: the last non-empty P= and A= of the line
	 * win (makemailer skips an empty one). A null path or argv means sendmail does not
	 * define the mailer ("P= argument required", "`=' expected").
	 */
	public static ProgMailer of(String read) {
		String path = null;
		String argv = null;
		for (Field field : fields(read)) {
			if (field.key() == '\0') {
				return new ProgMailer(null, null);
			}
			String value = value(field);
			if (field.key() == 'P' && !value.isEmpty()) {
				path = value;
			}
			else if (field.key() == 'A' && !value.isEmpty()) {
				argv = String.join(" ", makeargv(value));
			}
		}
		return new ProgMailer(path, argv);
	}

	/**
	 * makeargv: words end at any ASCII white space (a form feed from {@code \f} too), and
	 * white space at the start gives an empty first word ({@code A=" sh"} runs "").
	 */
	private static List<String> makeargv(String value) {
		List<String> words = new ArrayList<>();
		int i = 0;
		while (i < value.length()) {
			int start = i;
			while (i < value.length() && !CfText.isSpace(value.charAt(i))) {
				i++;
			}
			words.add(value.substring(start, i));
			while (i < value.length() && CfText.isSpace(value.charAt(i))) {
				i++;
			}
		}
		return words;
	}

	/**
	 * Whether an argument vector, as {@link #of} joins it, is {@code smrsh -c $u}.
	 */
	public static boolean isSmrshArgv(String argv) {
		return SMRSH_ARGV.equals(argv);
	}

	public boolean runsSmrsh() {
		return this.path != null && (this.path.equals("smrsh") || this.path.endsWith("/smrsh"));
	}

}
