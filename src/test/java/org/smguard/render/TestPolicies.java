package org.smguard.render;

import java.util.List;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Shells;
import org.smguard.policy.Smrsh;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;

/** Policies the render tests share. */
public final class TestPolicies {

	/**
	 * Differs from Debian's stock settings in every managed thing: each option changed
	 * (SafeFileEnvironment unset, PostmasterCopy set where the base has it commented
	 * out), {@code Ct} lines instead of {@code T} with uucp gone and a name added, a
	 * trusted-users file, smrsh on, programs and override files.
	 */
	public static Policy changedEverywhere() {
		return new Policy(
				new TrustedUsers(TrustedUsers.LineStyle.Ct, List.of("root", "daemon", "majordomo"),
						new TrustedUsersFile("/etc/mail/trusted-users", true, List.of("listmgr", "www-data"))),
				new Shells(List.of("/bin/sh", "/bin/bash", "/usr/bin/zsh"), false),
				new Smrsh(true, "/usr/libexec/sendmail/smrsh", "/etc/mail/smrsh",
						List.of(new Smrsh.Program("vacation", "/usr/bin/vacation"),
								new Smrsh.Program("procmail", "/usr/bin/procmail"))),
				new Forwards("/usr/local/etc/forwards",
						List.of(new Forwards.OverrideFile("bob", ""),
								new Forwards.OverrideFile("carol", "carol@elsewhere.example"))),
				new SecurityOptions("mailnull:mailnull", "/usr/local/etc/forwards/$u.forward:$z/.forward", 12,
						"postmaster,securitymaster", List.of("goaway", "restrictmailq", "restrictqrun"), null, "0600"));
	}

	/**
	 * {@link #changedEverywhere()} with a default user that exists on Debian, so that the
	 * real sendmail reads the cf without a warning.
	 */
	static Policy changedEverywhereOnThisHost() {
		Policy policy = changedEverywhere();
		SecurityOptions o = policy.options();
		return policy.withOptions(new SecurityOptions("mail:mail", o.forwardPath(), o.logLevel(), o.postmasterCopy(),
				o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
	}

}
