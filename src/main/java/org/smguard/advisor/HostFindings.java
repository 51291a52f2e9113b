package org.smguard.advisor;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.smguard.hosts.HostFacts;
import org.smguard.hosts.HostService;
import org.smguard.policy.Policy;
import org.smguard.policy.TrustedUsersFile;

/**
 * Findings from what the policy's hosts reported about themselves, read against a policy:
 * a shell the policy lists that a host does not have, and installed files a host has
 * changed or loosened since (the trusted-users file, override files, anything else). They
 * are about hosts, not about the version, so they are warnings and never need an
 * acknowledgement to approve a version.
 */
final class HostFindings {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	/** How many problems of one host a finding names before it says how many more. */
	private static final int NAMED = 5;

	private HostFindings() {
	}

	static List<Finding> of(Policy policy, List<HostService.ReportedFacts> reports) {
		List<Finding> findings = new ArrayList<>();
		List<String> shells = policy.shells().entries();
		for (int i = 0; i < shells.size(); i++) {
			String shell = shells.get(i);
			List<String> hosts = reports.stream()
				.filter((report) -> report.facts().missingShells().contains(shell))
				.map(HostService.ReportedFacts::host)
				.toList();
			if (!hosts.isEmpty()) {
				findings.add(new Finding("host-shell-missing", Severity.WARNING, "shells.entries[" + i + "]",
						shell + " is listed but does not exist on " + String.join(", ", hosts),
						"The hosts reported that their /etc/shells lists this shell and that no such program is there."
								+ " sendmail only asks whether a user's shell is listed, so nothing fails today; but"
								+ " a program installed there later under that name is a valid shell at once, and a"
								+ " list that names what does not exist is harder to review.",
						"Remove it from the list, or install it on those hosts.", null));
			}
		}
		TrustedUsersFile trusted = policy.trustedUsers().file();
		String overridePrefix = policy.forwards().directory() + "/";
		for (HostService.ReportedFacts report : reports) {
			Map<String, List<String>> byKind = new LinkedHashMap<>();
			for (HostFacts.FileProblem problem : report.facts().files()) {
				String kind = (trusted != null && problem.path().equals(trusted.path())) ? "trusted"
						: problem.path().startsWith(overridePrefix) ? "override" : "other";
				byKind.computeIfAbsent(kind, (k) -> new ArrayList<>()).add(describe(problem));
			}
			String where = report.host() + " (reported " + WHEN.format(report.reportedAt()) + ", running version "
					+ ((report.installedVersion() != null) ? report.installedVersion() : "none") + ")";
			String reinstall = "Find out who changed it, then run smguard-pull (or install.sh) on " + report.host()
					+ " again: the installer sets every owner and mode and restores every file.";
			if (byKind.containsKey("trusted")) {
				findings.add(new Finding("host-trusted-users-file", Severity.WARNING, "trustedUsers.file",
						"The trusted-users file on " + report.host() + " is not as installed",
						"On " + where + ": " + named(byKind.get("trusted")) + ". Whoever can write this file can add"
								+ " a trusted user, who may then set any sender address; sendmail accepts the file"
								+ " even when others can write it.",
						reinstall, null));
			}
			if (byKind.containsKey("override")) {
				List<String> problems = byKind.get("override");
				findings.add(new Finding("host-override-files", Severity.WARNING, "forwards.overrides",
						problems.size() + ((problems.size() == 1) ? " override file" : " override files") + " on "
								+ report.host() + " are not as installed",
						"On " + where + ": " + named(problems) + ". sendmail skips an override file that is missing,"
								+ " writable by its group or others, or owned by someone else, and reads the user's own"
								+ " .forward instead: the override no longer holds.",
						reinstall, null));
			}
			if (byKind.containsKey("other")) {
				findings.add(
						new Finding("host-files-changed", Severity.WARNING, "hosts",
								"Installed files on " + report.host() + " are not as installed",
								"On " + where + ": " + named(byKind.get("other"))
										+ ". The host no longer runs exactly the" + " version it reports.",
								reinstall, null));
			}
		}
		return findings;
	}

	private static String describe(HostFacts.FileProblem problem) {
		return problem.path() + switch (problem.problem()) {
			case MISSING -> " is missing";
			case CONTENT -> " has other content";
			case MODE -> " has mode " + problem.actual() + " (installed " + problem.expected() + ")"
					+ (writableByOthers(problem.actual()) ? ", writable by its group or others" : "");
			case OWNER -> " is owned by " + problem.actual() + " (installed " + problem.expected() + ")";
		};
	}

	private static boolean writableByOthers(String mode) {
		return (Integer.parseInt(mode, 8) & 0022) != 0;
	}

	private static String named(List<String> problems) {
		String named = String.join("; ", problems.subList(0, Math.min(NAMED, problems.size())));
		return (problems.size() > NAMED) ? named + "; and " + (problems.size() - NAMED) + " more" : named;
	}

}
