package org.smguard.advisor;

import java.util.List;
import java.util.Locale;

import org.smguard.policy.Policy;

import org.springframework.stereotype.Component;

/**
 * DefaultUser (seed 22.8.3.1): a dedicated pseudo-user, never root, not nobody (NFS maps
 * root to nobody), and not an account that owns mail files.
 */
@Component
class DefaultUserRule implements AdvisorRule {

	static final String FIELD = "options.DefaultUser";

	private static final String FIX = "Create a pseudo-user whose uid and gid are used nowhere else, with no valid"
			+ " shell and no home directory (e.g. mailnull:*:65533:65533::/no/such/directory:/bin/false), and set"
			+ " DefaultUser to it.";

	@Override
	public List<Finding> check(Policy policy) {
		String value = policy.options().defaultUser();
		if (value == null) {
			return List.of(finding(Severity.WARNING, "DefaultUser is not set",
					"Without it sendmail runs programs and writes files, when it is not running as root, as its"
							+ " compiled-in default identity rather than a pseudo-user chosen for the purpose."));
		}
		String user = value.contains(":") ? value.substring(0, value.indexOf(':')) : value;
		String group = value.contains(":") ? value.substring(value.indexOf(':') + 1) : null;
		String name = user.toLowerCase(Locale.ROOT);
		if (name.equals("root") || name.equals("0") || "0".equals(group) || "root".equals(group)) {
			return List.of(new Finding("default-user", Severity.CRITICAL, FIELD, "DefaultUser is root",
					"sendmail switches to DefaultUser to run programs and write files for addresses that name no"
							+ " user of their own; as root, such a program or file write runs with every privilege.",
					FIX, "mailnull:mailnull"));
		}
		if (name.equals("nobody") || name.equals("65534") || "nogroup".equals(group) || "65534".equals(group)) {
			return List.of(finding(Severity.WARNING, "DefaultUser is nobody",
					"NFS maps root to nobody: a file that root created over NFS believing it private belongs to"
							+ " nobody, and so to whatever sendmail runs as DefaultUser. Use the uid one below"
							+ " nobody's for a dedicated pseudo-user instead."));
		}
		if (name.equals("mail") || "mail".equals(group)) {
			return List.of(finding(Severity.ADVICE, "DefaultUser is the mail account",
					"The mail user or group owns the mail spool on most systems (Debian: /var/mail is group mail,"
							+ " writable), so a program run as DefaultUser could write every mailbox. A pseudo-user"
							+ " that owns nothing is safer."));
		}
		return List.of();
	}

	private static Finding finding(Severity severity, String title, String explanation) {
		return new Finding("default-user", severity, FIELD, title, explanation, FIX, "mailnull:mailnull");
	}

}
