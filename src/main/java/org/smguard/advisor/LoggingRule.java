package org.smguard.advisor;

import java.util.ArrayList;
import java.util.List;

import org.smguard.policy.Policy;

import org.springframework.stereotype.Component;

/**
 * LogLevel (seed 22.8.3.3, op.me: 9 by default, 12 every SMTP connection, 13 bad shells
 * and file permissions, 15 every SMTP command, above 64 debugging) and PostmasterCopy
 * (22.8.3.4: bounces reach someone who reads them).
 */
@Component
class LoggingRule implements AdvisorRule {

	@Override
	public List<Finding> check(Policy policy) {
		List<Finding> findings = new ArrayList<>();
		Integer level = policy.options().logLevel();
		int effective = (level != null) ? level : 9;
		if (effective < 9) {
			findings.add(new Finding("log-level", Severity.WARNING, "options.LogLevel",
					"LogLevel " + effective + " logs less than sendmail's default of 9",
					"Below 9 sendmail stops logging what it delivers and refuses: a forged message or a break-in"
							+ " attempt leaves no trace.",
					"Set LogLevel to at least 9; 12 logs both sides of every SMTP conversation.", "12"));
		}
		else if (effective > 64) {
			findings.add(new Finding("log-level", Severity.WARNING, "options.LogLevel",
					"LogLevel " + effective + " is a debugging level",
					"Above 64 sendmail logs for debugging: message contents and internals end up in syslog, and the"
							+ " log grows without bound.",
					"Use 12 to 15 on a production server.", "12"));
		}
		else if (effective >= 12) {
			findings.add(new Finding("log-level", Severity.ADVICE, "options.LogLevel",
					"LogLevel " + effective + " logs " + describe(effective),
					"This is what the seed recommends when someone forges mail through the server, but it produces"
							+ " a huge amount of output: rotate and prune the mail log more often, and watch the disk.",
					"Keep it, with log rotation sized for it.", null));
		}
		if (policy.options().postmasterCopy() == null) {
			findings.add(new Finding("postmaster-copy", Severity.ADVICE, "options.PostmasterCopy",
					"Nobody gets a copy of bounced mail",
					"Clumsy break-in attempts show up as bounces (\"cannot open /tmp/.../getshell\"); with"
							+ " PostmasterCopy someone sees them.",
					"Set PostmasterCopy to postmaster and a security administrator's alias, and make sure both are"
							+ " read.",
					"postmaster,securitymaster"));
		}
		return findings;
	}

	private static String describe(int level) {
		if (level >= 15) {
			return "every SMTP command";
		}
		if (level >= 13) {
			return "every SMTP connection, bad shells and unsafe file permissions";
		}
		return "both sides of every SMTP conversation";
	}

}
