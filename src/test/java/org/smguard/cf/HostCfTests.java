package org.smguard.cf;

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
	void takesTheLastProgDefinition() {
		HostCf host = HostCf
			.read("V10\nMprog, P=/bin/sh, F=l, A=sh -c $u\nMPROG, P=/usr/sbin/smrsh, F=l, A=smrsh -c $u\n");
		assertThat(host.progPath()).isEqualTo("/usr/sbin/smrsh");
		assertThat(host.progArgv()).isEqualTo("smrsh -c $u");
		assertThat(host.progRunsSmrsh()).isTrue();
	}

	@Test
	void keepsTheEarlierProgDefinitionWhereSendmailRefusesALaterOne() {
		// sendmail: "MProg: A= argument required", "P= argument required", "`='
		// expected".
		for (String refused : new String[] { "MProg, P=/usr/sbin/smrsh F=l A=smrsh", "Mprog, F=l, A=smrsh -c $u",
				"Mprog, P=/usr/sbin/smrsh, Fl, A=smrsh -c $u", "Mprog, P=, A=" }) {
			HostCf host = HostCf.read("V10\nMprog, P=/bin/sh, F=l, A=sh -c $u\n" + refused + "\n");
			assertThat(host.progPath()).as(refused).isEqualTo("/bin/sh");
			assertThat(host.progArgv()).as(refused).isEqualTo("sh -c $u");
		}
	}

	@Test
	void readsNoProgMailerFromACfWithout() {
		HostCf host = HostCf.read("V10\nMlocal, P=/bin/true, F=l, A=true\n");
		assertThat(host.progPath()).isNull();
		assertThat(host.progArgv()).isNull();
		assertThat(host.progRunsSmrsh()).isFalse();
	}

	@Test
	void readsTheFtLineThroughItsQuotes() {
		HostCf host = HostCf.read("V10\nFt-o \"/etc/mail/trusted-users\" %[^\\#]\n");
		assertThat(host.trustedUsersFile()).isEqualTo(new HostCf.FtLine("/etc/mail/trusted-users", true, "%[^#]", 2));
		assertThat(host.problems()).isEmpty();
	}

}
