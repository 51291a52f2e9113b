package org.smguard.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Mprog} delivery agent's program ({@code P=}) and argument vector
 * ({@code A=}). Mailer fields are separated by commas, so a comma in a value would start
 * another field: values written here are validated paths.
 */
record ProgMailer(String path, String argv) {

	static final String SHELL = "/bin/sh";

	static final String SHELL_ARGV = "sh -c $u";

	static final String SMRSH_ARGV = "smrsh -c $u";

	private static final Pattern PROG = Pattern.compile("\\AMprog[,\\s].*", Pattern.DOTALL);

	private static final Pattern FIELD = Pattern.compile("(?:\\A|,)\\s*([A-Za-z])=([^,]*)");

	static boolean isProg(String logical) {
		return PROG.matcher(logical).matches();
	}

	static ProgMailer of(String logical) {
		String path = null;
		String argv = null;
		Matcher field = FIELD.matcher(logical);
		while (field.find()) {
			if (field.group(1).equals("P")) {
				path = field.group(2).strip();
			}
			else if (field.group(1).equals("A")) {
				argv = field.group(2).strip();
			}
		}
		return new ProgMailer(path, argv);
	}

	/**
	 * {@code smrsh -c $u} as real configurations write it, however the argument is spelt.
	 */
	static boolean isSmrshArgv(String argv) {
		return argv != null && argv.matches("\\Asmrsh\\s+-c\\s+\\S.*");
	}

	boolean runsSmrsh() {
		return this.path != null && (this.path.equals("smrsh") || this.path.endsWith("/smrsh"));
	}

}
