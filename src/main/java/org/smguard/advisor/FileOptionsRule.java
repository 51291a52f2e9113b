package org.smguard.advisor;

import java.util.ArrayList;
import java.util.List;

import org.smguard.policy.Policy;

import org.springframework.stereotype.Component;

/**
 * TempFileMode (seed 22.8.3.7: 0600) and SafeFileEnvironment (22.8.3.6: set, ideally to a
 * directory).
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
		if (safe == null) {
			findings.add(new Finding("safe-file-environment", Severity.WARNING, "options.SafeFileEnvironment",
					"SafeFileEnvironment is not set",
					"Without it sendmail delivers to anything it may write: an alias or .forward entry naming a"
							+ " device or a directory is written to.",
					"Set SafeFileEnvironment to a directory that holds every file mail is delivered to (and change"
							+ " the aliases to it), or at least to / to refuse devices and directories.",
					"/"));
		}
		else if (safe.equals("/")) {
			findings.add(new Finding("safe-file-environment-root", Severity.ADVICE, "options.SafeFileEnvironment",
					"SafeFileEnvironment=/ refuses devices and directories but allows every ordinary file",
					"Set to /, sendmail still writes only ordinary files (and /dev/null), but does not change root"
							+ " into a directory: any file the delivering user may write can be appended to.",
					"To confine file delivery, set it to a directory created for it, and move every file named in"
							+ " aliases and .forward files below it.",
					null));
		}
		return findings;
	}

}
