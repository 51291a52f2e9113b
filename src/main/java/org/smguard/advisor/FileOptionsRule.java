package org.smguard.advisor;

import java.util.ArrayList;
import java.util.List;

import org.smguard.policy.Policy;

import org.springframework.stereotype.Component;

/**
 * TempFileMode (seed 22.8.3.7: 0600) and SafeFileEnvironment (22.8.3.6: set, ideally to a
 * directory). What {@code /} does is taken from the real sendmail in
 * {@code SafeFileEnvironmentSendmailTests}: nothing.
 */
@Component
class FileOptionsRule implements AdvisorRule {

	@Override
	public List<Finding> check(Policy policy) {
		List<Finding> findings = new ArrayList<>();
		String mode = policy.options().tempFileMode();
		if (mode != null) {
			int bits = Integer.parseInt(mode, 8);
			if ((bits & 0002) != 0) {
				findings.add(new Finding("temp-file-mode", Severity.CRITICAL, "options.TempFileMode",
						"TempFileMode " + mode + " lets every local user write queue and temporary files",
						"Queue files hold the messages and their envelopes: anyone who can write them can change"
								+ " where mail goes and what it says.",
						"Set TempFileMode to 0600.", "0600"));
			}
			else if ((bits & 0077) != 0) {
				findings.add(new Finding("temp-file-mode", Severity.WARNING, "options.TempFileMode",
						"TempFileMode " + mode + " is looser than 0600",
						"Every file sendmail creates should be private to it; a group or other bit lets others read"
								+ " mail in the queue.",
						"Set TempFileMode to 0600.", "0600"));
			}
		}
		String safe = policy.options().safeFileEnvironment();
		String fix = "Set SafeFileEnvironment to a directory made for it (e.g. /var/spool/mailfiles) and move every"
				+ " file named in aliases and .forward files below it: sendmail then writes only ordinary files, and"
				+ " only there.";
		if (safe == null) {
			findings.add(new Finding("safe-file-environment", Severity.WARNING, "options.SafeFileEnvironment",
					"SafeFileEnvironment is not set",
					"Without it sendmail delivers to anything it may write: an alias or .forward entry naming a"
							+ " device or a directory is written to.",
					fix, null));
		}
		else if (safe.replaceAll("/+$", "").isEmpty()) {
			findings.add(new Finding("safe-file-environment-root", Severity.WARNING, "options.SafeFileEnvironment",
					"SafeFileEnvironment=" + safe + " has no effect in sendmail 8.17",
					"The seed suggests / to refuse devices and directories, but readcf's setoption strips trailing"
							+ " slashes from the value and sets nothing when that leaves it empty. mailfile() in"
							+ " deliver.c refuses what is not a regular file only after changing root to a set"
							+ " SafeFileEnvironment, so with / sendmail 8.17.1.9 writes a message into a FIFO named"
							+ " in aliases exactly as with the option unset, while SafeFileEnvironment set to a directory"
							+ " refuses it. An alias naming a directory is refused either way, by mailfile()'s own"
							+ " checks on execute bits and link count.",
					fix, null));
		}
		return findings;
	}

}
