package org.smguard.policy;

import java.util.List;

/**
 * The sendmail restricted shell: whether the prog mailer runs it, where it is, its sm.bin
 * directory and the programs linked there.
 */
public record Smrsh(boolean enabled, String smrshPath, String binDirectory, List<Program> programs) {

	public static final String DEFAULT_PATH = "/usr/libexec/sendmail/smrsh";

	public static final String DEFAULT_BIN_DIRECTORY = "/etc/mail/smrsh";

	/** Most programs a policy may link into sm.bin; a real one holds a handful. */
	public static final int MAX_PROGRAMS = 10_000;

	public Smrsh {
		programs = Lists.copy(programs);
	}

	/** One sm.bin entry: a bare program name and the absolute path its link points to. */
	public record Program(String name, String target) {
	}

}
