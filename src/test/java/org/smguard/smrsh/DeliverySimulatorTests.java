package org.smguard.smrsh;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Shells;
import org.smguard.policy.StockPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entries of {@code .forward} and aliases files: how they are split and classified,
 * and what the policy makes of each.
 */
class DeliverySimulatorTests {

	private static final Policy POLICY = StockPolicy.debian().withSmrsh(SmrshSimulatorTests.SMRSH);

	private static List<Verdict> forward(Policy policy, String text) {
		return new DeliverySimulator(policy).simulate(text, DeliveryText.Format.FORWARD);
	}

	private static List<Verdict> aliases(String text) {
		return new DeliverySimulator(POLICY).simulate(text, DeliveryText.Format.ALIASES);
	}

	private static Policy withSafeFileEnvironment(String directory) {
		SecurityOptions options = POLICY.options();
		return POLICY.withOptions(new SecurityOptions(options.defaultUser(), options.forwardPath(), options.logLevel(),
				options.postmasterCopy(), options.privacyOptions(), directory, options.tempFileMode()));
	}

	@Test
	void classifiesTheEntriesOfAForwardFile() {
		List<Verdict> verdicts = forward(POLICY, "# away until May\n\\eric, \"|/usr/bin/vacation eric\"\n"
				+ "eric@example.org\n|procmail\n:include:/etc/mail/lists/staff\n/var/mail/archive\n");
		assertThat(verdicts).extracting(Verdict::kind)
			.containsExactly("address", "program", "address", "program", "include", "file");
		assertThat(verdicts).extracting(Verdict::line).containsExactly(2, 2, 3, 4, 5, 6);
		assertThat(verdicts.get(0).message())
			.isEqualTo("delivers to the mailbox of eric, without looking at aliases or a .forward again");
		assertThat(verdicts.get(1).input()).isEqualTo("\"|/usr/bin/vacation eric\"");
		assertThat(verdicts.get(1).command()).isEqualTo("/usr/bin/vacation eric");
		assertThat(verdicts.get(1).program()).isEqualTo("/etc/mail/smrsh/vacation");
		assertThat(verdicts.get(2).message()).isEqualTo("forwards to eric@example.org");
		assertThat(verdicts.get(3).command()).isEqualTo("procmail");
		assertThat(verdicts.get(4).message()).startsWith("sendmail reads more addresses from /etc/mail/lists/staff");
	}

	@Test
	void givesTheProgMailerTheEntryWithoutQuotesBackslashesAndPipe() {
		Verdict verdict = forward(POLICY, "\"|vacation -a \\\"Eric Allman\\\" eric\"").get(0);
		assertThat(verdict.command()).isEqualTo("vacation -a \"Eric Allman\" eric");
		assertThat(verdict.arguments()).containsExactly("-a", "Eric Allman", "eric");
	}

	@Test
	void refusesAProgramEntryAsSmrshWould() {
		Verdict verdict = forward(POLICY, "\"|/tmp/x.sh\", \"|cp /bin/sh /home/george/.x; chmod u+s x\"").get(1);
		assertThat(verdict.allowed()).isFalse();
		assertThat(verdict.message()).isEqualTo("smrsh: \"cp\" not available for sendmail programs (stat failed)");
		assertThat(forward(POLICY, "\"|/tmp/x.sh\"").get(0).message()).contains("\"x.sh\" not available");
	}

	@Test
	void saysThatForwardProgramsAndFilesNeedAValidShell() {
		Verdict program = forward(POLICY, "\"|vacation eric\"").get(0);
		assertThat(program.warnings()).anyMatch((w) -> w
			.contains("login shell is listed in /etc/shells; this policy" + " lists /bin/sh, /usr/bin/sh, /bin/bash"));
		Policy anyShell = POLICY.withShells(new Shells(POLICY.shells().entries(), true));
		assertThat(forward(anyShell, "/tmp/mbox").get(0).warnings())
			.anyMatch((w) -> w.contains(Shells.ANY_SHELL + ", so every shell is valid"));
		assertThat(aliases("archive: /var/mail/archive").get(0).warnings()).noneMatch((w) -> w.contains("shell"));
	}

	@Test
	void warnsAboutAnUnquotedProgramEntryThatAddressParsingMayChange() {
		assertThat(forward(POLICY, "|procmail -a list@example.org").get(0).warnings())
			.anyMatch((w) -> w.startsWith("write it in double quotes"));
		assertThat(forward(POLICY, "|/usr/bin/vacation eric").get(0).warnings())
			.noneMatch((w) -> w.startsWith("write it in double quotes"));
	}

	@Test
	void confinesFilesToTheSafeFileEnvironment() {
		Verdict inside = forward(withSafeFileEnvironment("/var/mail"), "/var/mail/eric.archive").get(0);
		assertThat(inside.allowed()).isTrue();
		assertThat(inside.message()).contains("SafeFileEnvironment /var/mail");
		Verdict outside = forward(withSafeFileEnvironment("/var/mail"), "/etc/passwd").get(0);
		assertThat(outside.allowed()).isFalse();
		assertThat(outside.message()).isEqualTo("/etc/passwd is not under SafeFileEnvironment /var/mail: sendmail"
				+ " changes its root to /var/mail first and so appends to /var/mail/etc/passwd instead, if that is a"
				+ " regular file");
		Verdict slash = forward(withSafeFileEnvironment("/"), "/etc/passwd").get(0);
		assertThat(slash.allowed()).isTrue();
		assertThat(slash.message()).as("no change of root, no regular-file check")
			.isEqualTo("appends the message to /etc/passwd");
		assertThat(slash.warnings()).anyMatch((w) -> w.startsWith("SafeFileEnvironment=/ has no effect"));
		Verdict unset = forward(withSafeFileEnvironment(null), "/etc/passwd").get(0);
		assertThat(unset.allowed()).isTrue();
		assertThat(unset.warnings()).anyMatch((w) -> w.startsWith("SafeFileEnvironment is not set"));
		assertThat(forward(withSafeFileEnvironment("/var/mail"), "/dev/null").get(0).message())
			.isEqualTo("discards the message (/dev/null)");
	}

	@Test
	void splitsAliasesOnCommasOutsideQuotesAndJoinsContinuationLines() {
		List<Verdict> verdicts = aliases("# lists\npostmaster: root\nstaff: alice, \"|/usr/bin/procmail -a a,b\",\n"
				+ "\tbob,\n  :include:/etc/mail/staff\nbroken line\n");
		assertThat(verdicts).extracting(Verdict::input)
			.containsExactly("root", "alice", "\"|/usr/bin/procmail -a a,b\"", "bob", ":include:/etc/mail/staff",
					"broken line");
		assertThat(verdicts).extracting(Verdict::line).containsExactly(2, 3, 3, 3, 3, 6);
		assertThat(verdicts.get(2).arguments()).containsExactly("-a", "a,b");
		assertThat(verdicts.get(5).kind()).isEqualTo("invalid");
		assertThat(verdicts.get(5).allowed()).isFalse();
	}

	@Test
	void tellsAliasesFromForwardFiles() {
		assertThat(DeliveryText.detect("# aliases\n\npostmaster: root\n")).isEqualTo(DeliveryText.Format.ALIASES);
		assertThat(DeliveryText.detect("\\eric, \"|/usr/bin/vacation eric\"")).isEqualTo(DeliveryText.Format.FORWARD);
		assertThat(DeliveryText.detect(":include:/x")).isEqualTo(DeliveryText.Format.FORWARD);
		assertThat(DeliveryText.detect("eric@example.org")).isEqualTo(DeliveryText.Format.FORWARD);
		assertThat(DeliveryText.detect("")).isEqualTo(DeliveryText.Format.FORWARD);
	}

	@Test
	void stripsQuotesAsSendmailDoes() {
		assertThat(DeliveryText.stripQuotes("\"|a \\\"b\\\" c\\\\d\"")).isEqualTo("|a \"b\" c\\d");
		assertThat(DeliveryText.stripQuotes("x\\")).isEqualTo("x");
	}

}
