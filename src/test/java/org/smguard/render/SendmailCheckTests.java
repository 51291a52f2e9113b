package org.smguard.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.cf.SendmailReading;
import org.smguard.policy.Policy;
import org.smguard.policy.Smrsh;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.testing.HostTools;
import org.smguard.validation.Violation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link SendmailCheck} against the real sendmail: a rendered cf passes, and a cf that
 * says something else than the policy (an extra trusted user, another program for the
 * prog mailer, an option set again) fails on the field concerned, even where sendmail
 * exits 0. Host-specific problems are warnings; a missing or hanging binary is a skip
 * with its reason, never a pass. Where sendmail is not installed these tests are skipped
 * with a message (and fail when {@code CI} is set).
 */
class SendmailCheckTests {

	private static final String BASE = StockPolicy.debianBaseCf();

	private static final Policy POLICY = TestPolicies.changedEverywhereOnThisHost();

	private static final String FAKE = "fake-sendmail";

	private SendmailCheck check;

	/** The check on the real binary; the tests with a fake one do without. */
	@BeforeEach
	void needsSendmail(TestInfo test) {
		if (!test.getTags().contains(FAKE)) {
			HostTools.assumeSendmail();
		}
		this.check = HostTools.sendmailCheck(HostTools.SENDMAIL, Duration.ofSeconds(15));
	}

	@Test
	void passesARenderedPolicy() {
		SendmailCheck.Result result = this.check.check(POLICY, CfRenderer.render(POLICY, BASE));
		assertThat(result.errors()).isEmpty();
		// Debian's base reads /etc/mail/local-host-names, which the sandbox does not
		// hold.
		assertThat(result.warnings()).allSatisfy((w) -> assertThat(w.message()).contains("in the check's sandbox"));
		assertThat(result.status()).isEqualTo(SendmailCheck.Status.PASSED);
		assertThat(result.status().json()).isEqualTo("passed");
	}

	@Test
	void passesTheStockPolicyOnDebiansOwnCf() throws IOException {
		assumeTrue(Files.isReadable(HostTools.DEBIAN_CF), "no " + HostTools.DEBIAN_CF);
		String cf = Files.readString(HostTools.DEBIAN_CF);
		assertThat(this.check.check(StockPolicy.debian(), cf).status()).isEqualTo(SendmailCheck.Status.PASSED);
	}

	@Test
	void resolvesTheDefaultUserInTheSandboxWhateverThisHostHas() {
		Policy policy = TestPolicies.changedEverywhere();
		SendmailCheck.Result result = this.check.check(policy, CfRenderer.render(policy, BASE));
		assertThat(result.errors()).isEmpty();
		assertThat(result.warnings()).extracting(Violation::field).doesNotContain("options.DefaultUser");
		assertThat(result.status()).isEqualTo(SendmailCheck.Status.PASSED);
	}

	@Test
	void failsATrustedUserAddedToTheCf() {
		String cf = CfRenderer.render(POLICY, BASE) + "Tevil\n";
		assertFailsOn(cf, "trustedUsers.users", "extra [evil]");
	}

	@Test
	void failsATrustedUserAddedByACommaInAClassLine() {
		String cf = CfEdits.replace(CfRenderer.render(POLICY, BASE), "Ctmajordomo\n", "Ctmajordomo listmgr2\n");
		assertFailsOn(cf, "trustedUsers.users", "extra [listmgr2]");
	}

	@Test
	void failsAProgMailerThatRunsAnotherProgram() {
		String cf = CfEdits.replace(CfRenderer.render(POLICY, BASE), "P=/usr/libexec/sendmail/smrsh,", "P=/bin/sh,");
		assertFailsOn(cf, "smrsh.smrshPath", "P=/bin/sh");
	}

	@Test
	void failsAProgMailerThatRunsSmrshWhenThePolicyTurnedItOff() {
		Policy off = POLICY.withSmrsh(new Smrsh(false, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY, List.of()));
		String cf = CfRenderer.render(POLICY, BASE);
		SendmailCheck.Result result = this.check.check(off, cf);
		assertThat(result.status()).isEqualTo(SendmailCheck.Status.FAILED);
		assertThat(result.errors()).extracting(Violation::field).contains("smrsh.enabled");
	}

	@Test
	void failsAnOptionSetAgainLaterInTheCf() {
		String cf = CfRenderer.render(POLICY, BASE) + "O LogLevel=3\n";
		assertFailsOn(cf, "options.LogLevel", "reads '3' where the policy means '12'");
	}

	@Test
	void failsAnOptionThePolicyLeavesUnset() {
		String cf = CfRenderer.render(POLICY, BASE) + "O SafeFileEnvironment=/tmp\n";
		assertFailsOn(cf, "options.SafeFileEnvironment", "unset");
	}

	@Test
	void failsAnOptionMissingFromTheCf() {
		String cf = CfEdits.replace(CfRenderer.render(POLICY, BASE), "O TempFileMode=0600\n", "");
		assertFailsOn(cf, "options.TempFileMode", "reads it unset");
	}

	@Test
	void mapsAReadcfErrorToTheFieldOfItsLine() {
		String cf = CfEdits.replace(CfRenderer.render(POLICY, BASE), "O PrivacyOptions=goaway,restrictmailq,",
				"O PrivacyOptions=goaway,noreflection,restrictmailq,");
		assertFailsOn(cf, "options.PrivacyOptions", "noreflection unrecognized");
	}

	@Test
	void reportsAnErrorWithoutReadcfPrefixOnTheBaseCf() {
		String cf = CfRenderer.render(POLICY, BASE) + "Zfoo\n";
		assertFailsOn(cf, "baseCf", "unknown configuration line \"Zfoo\"");
	}

	@Test
	void failsAnFtLineThatReadsAnotherFile() {
		String cf = CfEdits.replace(CfRenderer.render(POLICY, BASE), "Ft-o /etc/mail/trusted-users",
				"Ft-o /etc/mail/other-trusted");
		assertFailsOn(cf, "trustedUsers.file.path", "/etc/mail/trusted-users");
	}

	@Test
	void readsTheRenderedTrustedUsersFileNotTheHostsOwn() {
		Policy other = POLICY.withTrustedUsers(new TrustedUsers(POLICY.trustedUsers().lineStyle(),
				POLICY.trustedUsers().users(), new TrustedUsersFile("/etc/mail/trusted-users", true, List.of("ops"))));
		SendmailCheck.Result result = this.check.check(other, CfRenderer.render(POLICY, BASE));
		assertThat(result.errors()).isEmpty();
		assertThat(result.status()).isEqualTo(SendmailCheck.Status.PASSED);
	}

	@Test
	void neverReadsTheConsoleHostsFilesIntoClassT() {
		Policy noFile = POLICY
			.withTrustedUsers(new TrustedUsers(POLICY.trustedUsers().lineStyle(), POLICY.trustedUsers().users(), null));
		String cf = CfEdits.replace(CfRenderer.render(noFile, BASE), "#Ft/etc/mail/trusted-users %[^\\#]\n",
				"Ft/etc/passwd %[^:]\n");
		SendmailCheck.Result result = this.check.check(noFile, cf);
		assertThat(result.status()).isEqualTo(SendmailCheck.Status.FAILED);
		assertThat(result.errors()).extracting(Violation::field).containsExactly("trustedUsers.file");
		assertThat(result.errors().get(0).message()).contains("/etc/passwd").doesNotContain("nobody");
	}

	@Test
	void failsAClassTReadFromAProgramThePolicyDoesNotHave() {
		Policy noFile = POLICY
			.withTrustedUsers(new TrustedUsers(POLICY.trustedUsers().lineStyle(), POLICY.trustedUsers().users(), null));
		String cf = CfEdits.replace(CfRenderer.render(noFile, BASE), "#Ft/etc/mail/trusted-users %[^\\#]\n",
				"Ft|/usr/local/bin/list-trusted\n");
		SendmailCheck.Result result = this.check.check(noFile, cf);
		assertThat(result.status()).isEqualTo(SendmailCheck.Status.FAILED);
		assertThat(result.errors()).extracting(Violation::field).containsExactly("trustedUsers.file");
	}

	@Test
	void readsTheTrustedUsersFileEvenWhereTheBaseDoesNotTrustTheStickyBit() {
		String cf = CfEdits.replace(CfRenderer.render(POLICY, BASE), "O DontBlameSendmail=", "#O DontBlameSendmail=");
		SendmailCheck.Result result = this.check.check(POLICY, cf);
		assertThat(result.errors()).isEmpty();
		assertThat(result.status()).isEqualTo(SendmailCheck.Status.PASSED);
	}

	@Test
	void neverRunsAProgramTheCfNames(@TempDir Path dir) {
		// Every spelling readcf runs a program for: the sandbox holds neither the program
		// nor a shell.
		Path witness = dir.resolve("ran");
		Path program = script(dir, "touch " + witness);
		for (String line : List.of("FX|" + program, "F{Evil} -o |" + program + " %s", "Fx\u000b|" + program,
				"Fx\f|" + program, "Fx -oX |" + program, "Fx key@program:" + program + " args",
				"Ft\"|" + program + "\"")) {
			SendmailCheck.Result result = this.check.check(POLICY, CfRenderer.render(POLICY, BASE) + line + "\n");
			assertThat(result.status()).as(line).isNotEqualTo(SendmailCheck.Status.SKIPPED);
		}
		assertThat(witness).doesNotExist();
	}

	@Test
	@Tag(FAKE)
	void skipsWithReasonWithoutBinary() {
		SendmailCheck missing = HostTools.sendmailCheck(Path.of("/nonexistent/sendmail"), Duration.ofSeconds(15));
		SendmailCheck.Result result = missing.check(POLICY, CfRenderer.render(POLICY, BASE));
		assertThat(result.status()).isEqualTo(SendmailCheck.Status.SKIPPED);
		assertThat(result.status().json()).isEqualTo("skipped");
		assertThat(result.reason()).contains("/nonexistent/sendmail");
		assertThat(result.warnings()).extracting(Violation::field).containsExactly("sendmailCheck");
	}

	@Test
	void neverPutsAByteOfAHostFileIntoItsAnswer(@TempDir Path dir) throws IOException {
		String secret = "s3cret-" + System.nanoTime();
		Path file = Files.writeString(dir.resolve("secret"), secret + "\n" + secret + " x\n");
		for (String line : List.of("Fx" + file, "F{ x}" + file + " %[^#]", "F{ t}" + file, "Ft-o " + file + " %s",
				"Fw" + file, "F{x}/proc/self/environ", "Fx/etc/passwd")) {
			SendmailCheck.Result result = this.check.check(POLICY, CfRenderer.render(POLICY, BASE) + line + "\n");
			String answer = result.errors() + " " + result.warnings() + " " + result.reason();
			assertThat(answer).as(line).doesNotContain(secret).doesNotContain("SMGUARD").doesNotContain("PATH=");
		}
	}

	@Test
	void failsALaterProgDefinitionSpeltInOtherCase() {
		String cf = CfRenderer.render(POLICY, BASE) + "MPROG, P=/bin/sh, F=lsDFMoqeu9, A=sh -c $u\n";
		assertFailsOn(cf, "smrsh.smrshPath", "runs P=/bin/sh A=sh -c $u");
	}

	@Test
	void neverTakesAProgMailerForgedInsideAnotherMailersPath() {
		String forged = "mailer 0 (prog): P=" + POLICY.smrsh().smrshPath() + " S=EnvFromL/HdrFromL R=EnvToL/HdrToL M=0"
				+ " U=-1:-1 F=9DFMeloqsu L=0 E=\\n T=X-Unix/X-Unix/X-Unix r=100 A=smrsh -c $u";
		String cf = CfRenderer.render(POLICY, BASE) + "MPROG, P=/bin/sh, F=lsDFMoqeu9, A=sh -c $u\n"
				+ "Mdecoy, P=\"/bin/true\\n" + forged + "\", F=lsD, A=true\n";
		SendmailCheck.Result result = this.check.check(POLICY, cf);
		assertThat(result.status()).isEqualTo(SendmailCheck.Status.FAILED);
	}

	@Test
	void neverTakesAProgMailerNamedInsideAnotherMailersArguments() {
		String cf = CfRenderer.render(POLICY, BASE) + "MPROG, P=/bin/sh, F=lsDFMoqeu9, A=sh -c $u\n"
				+ "Mdecoy, P=/bin/true, F=lsD, A=true mailer 0 (prog): P=" + POLICY.smrsh().smrshPath()
				+ " A=smrsh -c $u\n";
		assertFailsOn(cf, "smrsh.smrshPath", "runs P=/bin/sh");
	}

	@Test
	@Tag(FAKE)
	void readsAnEmptyClassAsEmpty() {
		List<String> answer = List.of("ADDRESS TEST MODE (ruleset 3 NOT automatically invoked)",
				"Enter <ruleset> <address>", "> > ");
		assertThat(SendmailReading.answer(answer)).isEmpty();
		List<String> members = List.of("Enter <ruleset> <address>", "> daemon", "Root", ">", "> ");
		assertThat(SendmailReading.answer(members)).containsExactly("daemon", "Root", ">");
	}

	private void assertFailsOn(String cf, String field, String message) {
		SendmailCheck.Result result = this.check.check(POLICY, cf);
		assertThat(result.status()).as("%s", result.errors()).isEqualTo(SendmailCheck.Status.FAILED);
		assertThat(result.errors()).filteredOn((error) -> error.field().equals(field))
			.as("errors on %s among %s", field, result.errors())
			.anySatisfy((error) -> assertThat(error.message()).contains(message));
	}

	private static Path script(Path dir, String body) {
		try {
			Path script = dir.resolve("sendmail");
			Files.writeString(script, "#!/bin/sh\n" + body + "\n");
			Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
			return script;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
