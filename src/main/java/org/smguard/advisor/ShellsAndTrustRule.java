package org.smguard.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.smguard.policy.Policy;

import org.springframework.stereotype.Component;

/**
 * /etc/shells (seed 22.8.4: never /SENDMAIL/ANY/SHELL/) and trusted users (22.8.1: only
 * what the host needs).
 */
@Component
class ShellsAndTrustRule implements AdvisorRule {

	/** Who Debian's stock configuration trusts. */
	static final Set<String> STOCK_TRUSTED = Set.of("root", "daemon", "uucp");

	@Override
	public List<Finding> check(Policy policy) {
		List<Finding> findings = new ArrayList<>();
		if (policy.shells().allowAnyShell()) {
			findings.add(new Finding("any-shell", Severity.CRITICAL, "shells.allowAnyShell",
					"/SENDMAIL/ANY/SHELL/ lets every account run programs and write files through mail",
					"The valid-shell check is what keeps pseudo-users such as ftp or bin from having sendmail run"
							+ " programs or write files for them; this entry switches it off for everyone. The seed"
							+ " recommends it never be used.",
					"Remove it, and give the few accounts that need program delivery a shell listed in /etc/shells"
							+ " (e.g. /bogus/shell).",
					"false"));
		}
		List<String> extra = new ArrayList<>();
		policy.trustedUsers().users().stream().filter((u) -> !STOCK_TRUSTED.contains(u)).forEach(extra::add);
		if (policy.trustedUsers().file() != null) {
			policy.trustedUsers()
				.file()
				.users()
				.stream()
				.filter((u) -> !STOCK_TRUSTED.contains(u) && !extra.contains(u))
				.forEach(extra::add);
		}
		if (!extra.isEmpty()) {
			findings.add(new Finding("trusted-users", Severity.ADVICE, "trustedUsers.users",
					"Trusted beyond root, daemon and uucp: "
							+ String.join(", ", extra.subList(0, Math.min(10, extra.size())))
							+ ((extra.size() > 10) ? " and " + (extra.size() - 10) + " more" : ""),
					"A trusted user may set any sender with -f without an X-Authentication-Warning: header, so"
							+ " each one can send mail that looks like it comes from anyone; and sendmail runs programs"
							+ " and writes files for a trusted user whatever its shell (usershellok() skips the"
							+ " /etc/shells check for class t).",
					"Keep only the accounts that must set the sender (a list manager, UUCP's rmail).", null));
		}
		return findings;
	}

}
