package org.smguard.smrsh;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.smguard.policy.Smrsh;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdicts {@link SmrshSimulator} gives on a policy's sm.bin.
 */
class SmrshSimulatorTests {

	static final Smrsh SMRSH = new Smrsh(true, Smrsh.DEFAULT_PATH, "/etc/mail/smrsh", List
		.of(new Smrsh.Program("vacation", "/usr/bin/vacation"), new Smrsh.Program("procmail", "/usr/bin/procmail")));

	private static Verdict verdict(String command) {
		return new SmrshSimulator(SMRSH).command(command);
	}

	@Test
	void namesTheLinkItsTargetAndTheArgumentsOfAnAllowedProgram() {
		Verdict verdict = verdict("/usr/bin/vacation -a \"Eric Allman\" eric");
		assertThat(verdict.allowed()).isTrue();
		assertThat(verdict.kind()).isEqualTo("program");
		assertThat(verdict.program()).isEqualTo("/etc/mail/smrsh/vacation");
		assertThat(verdict.target()).isEqualTo("/usr/bin/vacation");
		assertThat(verdict.arguments()).containsExactly("-a", "Eric Allman", "eric");
		assertThat(verdict.shellCommand()).isEqualTo("/etc/mail/smrsh/vacation -a \"Eric Allman\" eric");
		assertThat(verdict.message()).isEqualTo("Runs /etc/mail/smrsh/vacation (linked to /usr/bin/vacation) with"
				+ " arguments '-a', 'Eric Allman', 'eric'.");
		assertThat(verdict.exitCode()).isNull();
		assertThat(verdict.warnings()).isEmpty();
	}

	@Test
	void givesSmrshsOwnMessageAndExitCodeForARefusal() {
		Verdict verdict = verdict("cp ; x");
		assertThat(verdict.allowed()).isFalse();
		assertThat(verdict.program()).isNull();
		assertThat(verdict.message()).isEqualTo("smrsh: \"cp\" not available for sendmail programs (stat failed)");
		assertThat(verdict.exitCode()).isEqualTo(69);
		assertThat(verdict("").exitCode()).isEqualTo(64);
	}

	@Test
	void simulatesOnTheUtf8Bytes() {
		assertThat(verdict("echo é").message()).isEqualTo("smrsh: cannot use \\xA9 in command");
		assertThat(verdict("vacation ö").arguments()).containsExactly("ö");
	}

	@Test
	void listsEveryCommandOfAChain() {
		Verdict verdict = verdict("vacation a && procmail -t || echo failed");
		assertThat(verdict.commands()).extracting(Verdict.Command::program)
			.containsExactly("/etc/mail/smrsh/vacation", "/etc/mail/smrsh/procmail", "echo");
		assertThat(verdict.commands()).extracting(Verdict.Command::kind).containsExactly("sm.bin", "sm.bin", "builtin");
		assertThat(verdict.commands()).extracting(Verdict.Command::after).containsExactly(null, "&&", "||");
		assertThat(verdict.commands().get(1).target()).isEqualTo("/usr/bin/procmail");
		assertThat(verdict.message()).isEqualTo("Runs /etc/mail/smrsh/vacation (linked to /usr/bin/vacation) with"
				+ " argument 'a', then, if that succeeds, /etc/mail/smrsh/procmail (linked to /usr/bin/procmail) with"
				+ " argument '-t', then, if that fails, the shell's echo builtin with argument 'failed'.");
	}

	@Test
	void showsWhatTheShellMakesOfQuotesAroundAnAndAnd() {
		Verdict verdict = verdict("vacation \"a &&vacation b\" c");
		assertThat(verdict.commands()).hasSize(1);
		assertThat(verdict.arguments()).containsExactly("a &&/etc/mail/smrsh/vacation b", "c");
	}

	@Test
	void showsABackgroundJobAndAPipeWhereABackslashSplitsAPair() {
		Verdict background = verdict("vacation a \\&&procmail");
		assertThat(background.commands()).extracting(Verdict.Command::background).containsExactly(true, false);
		assertThat(background.arguments()).containsExactly("a", "&");
		assertThat(background.message()).contains("(in the background); then /etc/mail/smrsh/procmail");
		Verdict pipe = verdict("vacation a \\||procmail");
		assertThat(pipe.commands()).extracting(Verdict.Command::after).containsExactly(null, "|");
		assertThat(pipe.message()).contains(" piped into /etc/mail/smrsh/procmail");
	}

	@Test
	void saysWhenTheShellCannotParseWhatSmrshLetThrough() {
		Verdict verdict = verdict("vacation \"unterminated");
		assertThat(verdict.allowed()).isTrue();
		assertThat(verdict.program()).isNull();
		assertThat(verdict.commands()).isEmpty();
		assertThat(verdict.message()).isEqualTo("smrsh lets it through, but /bin/sh cannot parse what it gets (Syntax"
				+ " error: Unterminated quoted string), so nothing runs");
	}

	@Test
	void warnsThatExecLooksBuiltinsUpOnTheSearchPath() {
		Verdict verdict = verdict("exec echo hi");
		assertThat(verdict.program()).isEqualTo("echo");
		assertThat(verdict.commands().get(0).kind()).isEqualTo("path");
		assertThat(verdict.commands().get(0).exec()).isTrue();
		assertThat(verdict.warnings()).singleElement().asString().contains("search path /usr/bin:/bin");
	}

	@Test
	void warnsThatNothingRunsAfterExec() {
		Verdict verdict = verdict("exec vacation && procmail");
		assertThat(verdict.commands().get(0).exec()).isTrue();
		assertThat(verdict.warnings())
			.containsExactly("exec replaces the shell: /etc/mail/smrsh/procmail after it never runs");
	}

	@Test
	void warnsAboutPatternsAndTildes() {
		Verdict verdict = verdict("vacation *.txt ~root/x '*'");
		assertThat(verdict.arguments()).containsExactly("*.txt", "~root/x", "*");
		assertThat(verdict.warnings()).hasSize(2);
		assertThat(verdict.warnings().get(0)).startsWith("'*.txt' is a file name pattern");
		assertThat(verdict.warnings().get(1)).contains("'~root'");
	}

	@Test
	void letsEverythingThroughWhenSmrshIsOff() {
		Smrsh off = new Smrsh(false, SMRSH.smrshPath(), SMRSH.binDirectory(), SMRSH.programs());
		Verdict verdict = new SmrshSimulator(off).command("cp /etc/shadow /tmp; sh -i");
		assertThat(verdict.allowed()).isTrue();
		assertThat(verdict.message()).startsWith("smrsh is off in this policy: the prog mailer runs /bin/sh -c");
		assertThat(verdict.warnings()).singleElement().asString().contains("switch smrsh on");
	}

	@Test
	void usesThePolicysSmBinDirectory() {
		Smrsh rhel = new Smrsh(true, "/usr/sbin/smrsh", "/etc/smrsh", SMRSH.programs());
		assertThat(new SmrshSimulator(rhel).command("vacation x").program()).isEqualTo("/etc/smrsh/vacation");
	}

}
