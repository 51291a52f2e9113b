package org.smguard.render;

import org.junit.jupiter.api.Test;

import org.smguard.policy.TrustedUsers.LineStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HostCf} gathers what a whole cf says about the managed settings as sendmail
 * reads it: class t names each once without case (sendmail's setclass), and the last prog
 * definition sendmail accepts.
 */
class HostCfTests {

	@Test
	void takesEachTrustedUserOnceWithoutCaseKeepingTheFirstSpelling() {
		// sendmail's $=t lists "Root" once for "T Root ROOT root".
		HostCf host = HostCf.read("V10\nT Root ROOT\nCt root uucp\n");
		assertThat(host.trustedUsers()).containsExactly("Root", "uucp");
		assertThat(host.duplicateTrustedUsers()).containsExactly("ROOT", "root");
		assertThat(host.trustedUsersStyle()).isEqualTo(LineStyle.T);
	}

	@Test
	void reportsAMacroInClassTAsAProblem() {
		assertThat(HostCf.read("V10\nT$w\n").problems()).singleElement()
			.asString()
			.contains("class t names a macro ('$w')");
	}

	@Test
	void readsTheFtLineThroughItsQuotes() {
		HostCf host = HostCf.read("V10\nFt-o \"/etc/mail/trusted-users\" %[^\\#]\n");
		assertThat(host.trustedUsersFile()).isEqualTo(new HostCf.FtLine("/etc/mail/trusted-users", true, "%[^#]", 2));
		assertThat(host.problems()).isEmpty();
	}

}
