package org.smguard.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.smguard.policy.Policy;

import org.springframework.stereotype.Component;

/**
 * The override directory (seed 22.8.3.2): a directory of its own. In a system directory
 * or one that users can write, an override file is either dangerous to write or, being
 * writable by someone else, skipped by sendmail, which then falls through to the user's
 * own .forward.
 */
@Component
class ForwardsRule implements AdvisorRule {

	static final Set<String> SYSTEM_DIRECTORIES = Set.of("/", "/etc", "/etc/mail", "/tmp", "/var/tmp", "/dev/shm",
			"/home", "/root", "/usr", "/usr/bin", "/usr/sbin", "/bin", "/sbin", "/var", "/var/mail", "/var/spool",
			"/var/spool/mail", "/boot", "/dev", "/proc", "/sys", "/run", "/lib", "/usr/lib", "/usr/local",
			"/usr/local/etc", "/usr/local/bin");

	@Override
	public List<Finding> check(Policy policy) {
		List<Finding> findings = new ArrayList<>();
		String directory = trim(policy.forwards().directory());
		if (SYSTEM_DIRECTORIES.contains(directory) || directory.startsWith("/home/") || directory.startsWith("/tmp/")
				|| directory.startsWith("/var/tmp/")) {
			findings.add(new Finding("override-directory-system", Severity.CRITICAL, "forwards.directory",
					"The override directory is " + directory + ", not a directory of its own",
					"The installer makes the override directory root-owned 0755 and removes override files the"
							+ " policy no longer has: in a system directory that touches files that are not"
							+ " overrides, and where users can write, sendmail skips the overrides (they fail open).",
					"Use a directory only for override files, e.g. /usr/local/etc/forwards.",
					"/usr/local/etc/forwards"));
		}
		if (directory.equals(trim(policy.smrsh().binDirectory()))) {
			findings.add(new Finding("override-directory-shared", Severity.CRITICAL, "forwards.directory",
					"The override directory is also the sm.bin directory",
					"Override files would land among the programs smrsh may run.", "Give each its own directory.",
					"/usr/local/etc/forwards"));
		}
		return findings;
	}

	private static String trim(String path) {
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

}
