package org.smguard.advisor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.smguard.policy.Policy;
import org.smguard.validation.Rules;
import org.smguard.validation.ValidationException;

/**
 * Checks a host's {@code /etc/passwd} against the policy's valid shells (seed 22.8.4).
 * sendmail runs programs and writes files for an address only when the account it acts
 * for has a shell listed in {@code /etc/shells} (or the file lists
 * {@code /SENDMAIL/ANY/SHELL/}), an empty shell field, or is a trusted user (class
 * {@code t}): sendmail 8.17's {@code usershellok()}. So a pseudo-user (a system account)
 * with a valid shell can have sendmail run programs or write files for it, and a person
 * without one has such deliveries bounce. Pure: it reads only the text and the policy.
 */
final class PasswdCheck {

	/** Largest /etc/passwd accepted: a site with 50,000 users stays far below it. */
	static final int MAX_BYTES = 8 * 1024 * 1024;

	/** Debian's SYS_UID_MAX: accounts up to it are system accounts. */
	static final int LAST_SYSTEM_UID = 999;

	static final int NOBODY_UID = 65534;

	private static final int MAX_IGNORED_SHOWN = 20;

	private PasswdCheck() {
	}

	/** One account whose mail the check has something to say about. */
	record Account(String name, long uid, String shell, String consequence) {
	}

	/** What the check found; {@code ignored} names lines that are not passwd entries. */
	record Report(int accounts, List<Account> pseudoUsersWithValidShell, List<Account> usersWithoutValidShell,
			List<String> ignored, int ignoredCount) {
	}

	/**
	 * @param hostName the host's name, as the bounce names it ({@code $j}); a placeholder
	 * when unknown
	 */
	static Report check(Policy policy, String passwd, String hostName) {
		if (passwd == null || passwd.isBlank()) {
			throw new ValidationException("passwd", "is required: the text of the host's /etc/passwd");
		}
		checkSize(passwd);
		ValidShells validShells = ValidShells.of(policy);
		boolean anyShell = policy.shells().allowAnyShell();
		String host = (hostName != null && !hostName.isBlank()) ? hostName.strip() : "<this host>";
		List<Account> pseudo = new ArrayList<>();
		List<Account> stranded = new ArrayList<>();
		List<String> ignored = new ArrayList<>();
		int ignoredCount = 0;
		int accounts = 0;
		String[] lines = passwd.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] fields = line.split(":", -1);
			Long uid = (fields.length == 7) ? uid(fields[2]) : null;
			if (uid == null || fields[0].isEmpty() || fields[0].startsWith("+") || fields[0].startsWith("-")) {
				ignoredCount++;
				if (ignored.size() < MAX_IGNORED_SHOWN) {
					ignored.add("line " + (i + 1) + ": " + Rules.quote(cut(line)));
				}
				continue;
			}
			accounts++;
			String name = fields[0];
			String shell = fields[6];
			boolean validShell = validShells.ok(name, shell);
			boolean system = (uid > 0 && uid <= LAST_SYSTEM_UID) || uid == NOBODY_UID;
			if (system && validShell) {
				pseudo.add(new Account(name, uid, shell,
						"sendmail will run programs and write files for " + name + " (a system account) when an alias"
								+ " or its .forward asks: give it a shell that /etc/shells does not list, such as"
								+ " /usr/sbin/nologin" + (anyShell ? ", and remove /SENDMAIL/ANY/SHELL/" : "")
								+ (validShells.trusted().contains(name)
										? ", and do not trust it (trusted users pass the shell check)" : "")
								+ (shell.isEmpty() ? " (an empty shell field passes the check)" : "")));
			}
			else if (!system && uid != 0 && !validShell) {
				stranded.add(new Account(name, uid, shell,
						"program and file delivery for " + name + " bounce with \"550 5.7.1 User " + name + "@" + host
								+ " doesn't have a valid shell for mailing to programs\" (and \"... to files\")"));
			}
		}
		return new Report(accounts, pseudo, stranded, ignored, ignoredCount);
	}

	/** One passwd entry: the fields the mail route needs. */
	record Entry(String name, long uid, String home, String shell) {
	}

	/** The entry of {@code user} in a passwd text, if it has one (the first wins). */
	static Optional<Entry> find(String passwd, String user) {
		for (String line : passwd.split("\n", -1)) {
			String[] fields = (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).split(":", -1);
			if (fields.length == 7 && fields[0].equals(user)) {
				Long uid = uid(fields[2]);
				if (uid != null) {
					return Optional.of(new Entry(fields[0], uid, fields[5], fields[6]));
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether sendmail runs programs and writes files for {@code name} with
	 * {@code shell}: sendmail 8.17's {@code usershellok()}.
	 */
	static boolean shellOk(Policy policy, String name, String shell) {
		return ValidShells.of(policy).ok(name, shell);
	}

	/** Refuses a password file over {@link #MAX_BYTES}. */
	static void checkSize(String passwd) {
		if (passwd.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw new ValidationException("passwd", "is larger than " + (MAX_BYTES / (1024 * 1024)) + " MiB");
		}
	}

	/**
	 * What passes sendmail 8.17's {@code usershellok()} under a policy: a shell listed in
	 * /etc/shells, any shell with /SENDMAIL/ANY/SHELL/, an empty shell field, or a
	 * trusted user (class t, from T lines and the Ft file).
	 */
	record ValidShells(Set<String> shells, Set<String> trusted, boolean anyShell) {

		static ValidShells of(Policy policy) {
			Set<String> trusted = new HashSet<>(policy.trustedUsers().users());
			if (policy.trustedUsers().file() != null) {
				trusted.addAll(policy.trustedUsers().file().users());
			}
			return new ValidShells(new HashSet<>(policy.shells().entries()), trusted, policy.shells().allowAnyShell());
		}

		boolean ok(String name, String shell) {
			return this.anyShell || shell.isEmpty() || this.trusted.contains(name) || this.shells.contains(shell);
		}

	}

	private static Long uid(String text) {
		if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return null;
		}
		return Long.parseLong(text);
	}

	private static String cut(String line) {
		return (line.length() > 100) ? line.substring(0, 100) + "\u2026" : line;
	}

}
