package org.smguard.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyValidator;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Shells;
import org.smguard.policy.Smrsh;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The m4 fragment, included into Debian's own {@code sendmail.mc} where it says it goes
 * (before {@code MAILER_DEFINITIONS}), builds a cf that sendmail reads back as the policy
 * says: options, class t and the prog mailer. m4 exits 0 even when cf.m4 reports an
 * error, so its standard error must be empty; a fragment placed after
 * {@code MAILER(`local')} shows why. Skipped (loudly) without m4, sendmail-cf, Debian's
 * mc or sendmail.
 */
class McFragmentM4Tests {

	private static final SendmailCheck CHECK = HostTools.sendmailCheck(HostTools.SENDMAIL, Duration.ofSeconds(15));

	@BeforeEach
	void needsTools() {
		HostTools.assumeDebianMc();
		HostTools.assumeSendmail();
	}

	static Stream<Named<Policy>> policies() {
		Policy changed = TestPolicies.changedEverywhereOnThisHost();
		Policy withUucp = changed.withTrustedUsers(new TrustedUsers(TrustedUsers.LineStyle.T,
				List.of("root", "daemon", "uucp", "majordomo"), changed.trustedUsers().file()));
		Policy sparse = new Policy(
				new TrustedUsers(TrustedUsers.LineStyle.T, List.of("root", "daemon", "uucp"),
						new TrustedUsersFile("/etc/mail/trusted-users", false, List.of("listmgr"))),
				new Shells(List.of("/bin/sh"), false), new Smrsh(true, "/usr/sbin/smrsh", "/var/adm/sm.bin", List.of()),
				new Forwards(Forwards.DEFAULT_DIRECTORY, List.of()),
				new SecurityOptions(null, "", 0, null, List.of(), null, null));
		Policy m4Words = new Policy(
				new TrustedUsers(TrustedUsers.LineStyle.T,
						List.of("root", "daemon", "uucp", "dnl", "divnum", "unix", "define", "m4exit", "LOCAL_CONFIG",
								"confLOG_LEVEL", "__line__"),
						new TrustedUsersFile("/etc/dnl/unix", true, List.of("changequote"))),
				new Shells(List.of("/bin/sh"), false),
				new Smrsh(true, "/usr/lib/dnl/smrsh", "/etc/mail/smrsh", List.of()),
				new Forwards(Forwards.DEFAULT_DIRECTORY, List.of()),
				new SecurityOptions("daemon", "/var/dnl/$u.forward:$z/.forward", 12,
						"dnl,divnum,unix,__line__,LOCAL_CONFIG", List.of("goaway"), "/var/divnum/dnl", "0600"));
		return Stream.of(Named.of("every managed setting changed", withUucp),
				Named.of("values that are m4 macro names", m4Words),
				Named.of("Debian's stock settings", StockPolicy.debian()),
				Named.of("options unset, empty or zero, smrsh elsewhere", sparse));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void buildsACfFromDebiansMcThatReadsBackAsThePolicy(Policy policy, @TempDir Path dir) throws IOException {
		assertThat(PolicyValidator.validate(policy).errors()).isEmpty();
		HostTools.Run m4 = HostTools.m4(debianMcWith(fragment(policy, dir), "MAILER_DEFINITIONS"));
		assertThat(m4.errors()).as("cf.m4's complaints").isEmpty();
		assertThat(m4.exitCode()).isZero();
		SendmailCheck.Result result = CHECK.check(policy, m4.output());
		assertThat(result.errors()).as("sendmail's read-back of the m4-built cf").isEmpty();
		assertThat(result.status()).isEqualTo(SendmailCheck.Status.PASSED);
	}

	@Test
	void pointsTheProgMailerAtSmrshWithItsArgumentVector(@TempDir Path dir) throws IOException {
		Policy policy = TestPolicies.changedEverywhereOnThisHost();
		String cf = HostTools.m4(debianMcWith(fragment(policy, dir), "MAILER_DEFINITIONS")).output();
		String mailers = HostTools.sendmail(cf, "=M\n").output();
		assertThat(mailers).containsPattern("mailer \\d+ \\(prog\\): P=/usr/libexec/sendmail/smrsh .* A=smrsh -c \\$u");
	}

	@Test
	void reportsAFragmentAfterMailerLocalOnStandardErrorWhileM4ExitsZero(@TempDir Path dir) throws IOException {
		Policy policy = TestPolicies.changedEverywhereOnThisHost();
		HostTools.Run m4 = HostTools.m4(debianMcWith(fragment(policy, dir), "MAILER(`smtp')dnl"));
		assertThat(m4.exitCode()).isZero();
		assertThat(m4.errors()).contains("FEATURE(smrsh) must occur before MAILER(local)");
	}

	@Test
	void saysWhereItGoes() {
		assertThat(McFragmentRenderer.render(StockPolicy.debian())).contains("before MAILER_DEFINITIONS",
				"FEATURE(`smrsh') must come before");
	}

	private static Path fragment(Policy policy, Path dir) throws IOException {
		Path fragment = dir.resolve(PolicyFiles.MC_FRAGMENT);
		Files.writeString(fragment, McFragmentRenderer.render(policy));
		return fragment;
	}

	/** Debian's sendmail.mc with the fragment included just before {@code beforeLine}. */
	private static String debianMcWith(Path fragment, String beforeLine) throws IOException {
		String mc = Files.readString(HostTools.DEBIAN_MC);
		String include = "include(`" + fragment + "')dnl\n";
		int at = mc.indexOf("\n" + beforeLine + "\n");
		assertThat(at).as("'%s' in %s", beforeLine, HostTools.DEBIAN_MC).isNotNegative();
		return mc.substring(0, at + 1) + include + mc.substring(at + 1);
	}

}
