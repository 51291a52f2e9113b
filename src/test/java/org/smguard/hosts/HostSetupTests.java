package org.smguard.hosts;

import java.nio.charset.StandardCharsets;

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
	void isValidShellThatBootstrapsSmguardPullOnlyAfterCheckingIt() throws Exception {
		String commands = HostSetup.commands(TOKEN, "https://console.example.org");
		System.out.println(commands);
		Process syntax = new ProcessBuilder("sh", "-n").redirectErrorStream(true).start();
		syntax.getOutputStream().write(commands.getBytes(StandardCharsets.UTF_8));
		syntax.getOutputStream().close();
		String errors = new String(syntax.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(syntax.waitFor()).as(errors).isZero();
		int verify = commands.indexOf("openssl pkeyutl -verify");
		int hash = commands.indexOf("sha256sum < \"$b/smguard-pull\"");
		int run = commands.indexOf("sh \"$b/smguard-pull\"");
		assertThat(verify).isPositive().isLessThan(hash);
		assertThat(hash).isLessThan(run);
		assertThat(commands).contains("'*/15 * * * * root /var/lib/smguard/bin/smguard-pull' > /etc/cron.d/smguard");
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
