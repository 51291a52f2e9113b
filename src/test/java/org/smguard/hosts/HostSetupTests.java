package org.smguard.hosts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HostSetup}: the commands put the token, the console's address and the
 * key where {@code smguard-pull} reads them.
 */
class HostSetupTests {

	private static final String TOKEN = "smh_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";

	@Test
	void putsTheTokenTheAddressAndTheKeyWhereSmguardPullReadsThem() {
		String commands = HostSetup.commands(TOKEN, "https://console.example.org/");
		assertThat(commands).contains("( umask 077 && printf '%s\\n' '" + TOKEN + "' > /etc/smguard/host-token )")
			.contains("chmod 0600 /etc/smguard/host-token")
			.contains("printf 'url=%s\\n' 'https://console.example.org' > /etc/smguard/pull.conf")
			.contains("https://console.example.org/signing-key/smguard.pub")
			.contains("install -m 0644 smguard.pub /etc/smguard/smguard.pub")
			.contains("curl -fsS -K - 'https://console.example.org/api/v1/hosts/self/freshness'");
	}

	@Test
	void neverPutsTheTokenOnACommandLineOfItsOwn() {
		for (String line : HostSetup.commands(TOKEN, "https://console.example.org").split("\n")) {
			if (line.contains(TOKEN)) {
				assertThat(line).startsWith("( umask 077 && printf ");
			}
		}
	}

}
