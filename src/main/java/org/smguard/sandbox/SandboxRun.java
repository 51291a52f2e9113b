package org.smguard.sandbox;

import java.util.List;

/**
 * What one sandboxed sendmail run printed (standard output and error together, as
 * ISO-8859-1 lines), its exit code, and whether the output was cut at the cap.
 */
public record SandboxRun(int exitCode, List<String> lines, boolean truncated) {

	/**
	 * The path the cf under test has inside the sandbox, as sendmail's messages name it.
	 */
	public static final String CF_PATH = "/etc/mail/sendmail.cf";

}
