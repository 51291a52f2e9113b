package org.smguard.smrsh;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@link RestrictedShell}, each with smrsh's exact message, as
 * {@link SmrshDifferentialTests} found them in the binary.
 */
class RestrictedShellTests {

	private static final Set<String> SM_BIN = Set.of("vacation", "procmail");

	private static RestrictedShell.Outcome check(String command) {
		return check(command.getBytes(StandardCharsets.UTF_8), "/etc/mail/smrsh");
	}

	private static RestrictedShell.Outcome check(byte[] command, String binDirectory) {
		return RestrictedShell.check(command, binDirectory, SM_BIN::contains);
	}

	private static String shell(String command) {
		RestrictedShell.Outcome outcome = check(command);
		assertThat(outcome.accepted()).as(command).isTrue();
		return ByteText.show(outcome.shellCommand());
	}

	private static String refusal(String command) {
		RestrictedShell.Outcome outcome = check(command);
		assertThat(outcome.accepted()).as(command).isFalse();
		return ByteText.show(outcome.message());
	}

	@Test
	void runsAProgramLinkedIntoSmBin() {
		assertThat(shell("vacation eric")).isEqualTo("/etc/mail/smrsh/vacation eric");
		assertThat(shell("procmail")).isEqualTo("/etc/mail/smrsh/procmail");
	}

	@Test
	void stripsTheLeadingPathOfTheProgram() {
		assertThat(shell("/usr/bin/vacation eric")).isEqualTo("/etc/mail/smrsh/vacation eric");
		assertThat(shell("../vacation x")).isEqualTo("/etc/mail/smrsh/vacation x");
		assertThat(shell("./vacation")).isEqualTo("/etc/mail/smrsh/vacation");
	}

	@Test
	void treatsTheEightBitTwinOfASlashAsASlash() {
		byte[] command = "/usr/bin\u00afvacation x".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(ByteText.show(check(command, "/etc/mail/smrsh").shellCommand()))
			.isEqualTo("/etc/mail/smrsh/vacation x");
	}

	@Test
	void refusesAProgramThatIsNotInSmBin() {
		assertThat(refusal("cp /etc/passwd /tmp/x"))
			.isEqualTo("smrsh: \"cp\" not available for sendmail programs (stat failed)");
		assertThat(refusal("/tmp/x.sh")).isEqualTo("smrsh: \"x.sh\" not available for sendmail programs (stat failed)");
		assertThat(refusal("Vacation")).contains("\"Vacation\" not available");
		assertThat(check("cp").exitCode()).isEqualTo(69);
		assertThat(check("cp").refusal()).isEqualTo(RestrictedShell.Refusal.NOT_AVAILABLE);
	}

	@Test
	void refusesTheDirectoryAndItsParentAsNoFile() {
		assertThat(refusal("/usr/bin/")).isEqualTo("smrsh: \"\" not available for sendmail programs (not a file)");
		assertThat(refusal(".")).isEqualTo("smrsh: \".\" not available for sendmail programs (not a file)");
		assertThat(refusal("..")).isEqualTo("smrsh: \"..\" not available for sendmail programs (not a file)");
	}

	@Test
	void checksTheProgramBeforeTheCharactersAfterIt() {
		assertThat(refusal("cp ; x")).isEqualTo("smrsh: \"cp\" not available for sendmail programs (stat failed)");
		assertThat(refusal("vacation ; x")).isEqualTo("smrsh: cannot use ; in command");
		assertThat(refusal("cp;")).isEqualTo("smrsh: \"cp;\" not available for sendmail programs (stat failed)");
		assertThat(refusal("vacation;")).contains("\"vacation;\" not available");
	}

	@Test
	void refusesTheFirstSpecialCharacterOfTheArguments() {
		assertThat(refusal("vacation a > /tmp/x < y")).isEqualTo("smrsh: cannot use > in command");
		for (char special : "<|>^();&`$".toCharArray()) {
			assertThat(refusal("vacation a" + special + "b")).isEqualTo("smrsh: cannot use " + special + " in command");
		}
		assertThat(refusal("vacation a\rb")).isEqualTo("smrsh: cannot use \\x0D in command");
		assertThat(refusal("vacation a\nb")).isEqualTo("smrsh: cannot use \\x0A in command");
		assertThat(refusal("vacation a&|b")).isEqualTo("smrsh: cannot use & in command");
	}

	@Test
	void refusesTheEightBitTwinsOfTheSpecialCharacters() {
		for (char special : RestrictedShell.SPECIALS.toCharArray()) {
			byte[] command = ("vacation x" + (char) (special | 0x80)).getBytes(StandardCharsets.ISO_8859_1);
			RestrictedShell.Outcome outcome = check(command, "/etc/mail/smrsh");
			assertThat(outcome.character()).isEqualTo(special | 0x80);
			assertThat(ByteText.show(outcome.message()))
				.isEqualTo(String.format("smrsh: cannot use \\x%02X in command", special | 0x80));
		}
		assertThat(refusal("vacation \u00e9")).as("é is C3 A9, and A9 is ')' | 0x80")
			.isEqualTo("smrsh: cannot use \\xA9 in command");
		assertThat(refusal("echo Grüße")).as("ü is C3 BC, and BC is '<' | 0x80")
			.isEqualTo("smrsh: cannot use \\xBC in command");
		assertThat(refusal("vacation ä")).as("A4 is '$' | 0x80").isEqualTo("smrsh: cannot use \\xA4 in command");
		assertThat(shell("vacation ö ñ 日本")).isEqualTo("/etc/mail/smrsh/vacation ö ñ 日本");
	}

	@Test
	void takesOnlySevenBitPairsAsAndOrOr() {
		byte[] twins = "vacation a\u00a6\u00a6vacation".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(ByteText.show(check(twins, "/etc/mail/smrsh").message()))
			.isEqualTo("smrsh: cannot use \\xA6 in command");
	}

	@Test
	void chainsCommandsWithAndAndOr() {
		assertThat(shell("vacation a && procmail b || /usr/bin/vacation c"))
			.isEqualTo("/etc/mail/smrsh/vacation a &&/etc/mail/smrsh/procmail b ||/etc/mail/smrsh/vacation c");
		assertThat(shell("vacation a&&procmail")).isEqualTo("/etc/mail/smrsh/vacation a&&/etc/mail/smrsh/procmail");
		assertThat(refusal("vacation a && cp ; b")).contains("\"cp\" not available");
		assertThat(refusal("vacation a && vacation ; b")).isEqualTo("smrsh: cannot use ; in command");
		assertThat(refusal("vacation a &&& b")).contains("\"&\" not available");
		assertThat(shell("vacation a &&")).isEqualTo("/etc/mail/smrsh/vacation a &&");
	}

	@Test
	void allowsEchoAndExitOnlyWithoutAPath() {
		assertThat(shell("echo hello world")).isEqualTo("echo hello world");
		assertThat(shell("exit 3")).isEqualTo("exit 3");
		assertThat(shell("echo")).isEqualTo("echo");
		assertThat(refusal("/bin/echo hi"))
			.isEqualTo("smrsh: \"echo\" not available for sendmail programs (stat failed)");
		assertThat(refusal("/bin/exit")).contains("\"exit\" not available");
	}

	@Test
	void prefixesTheNextCommandWithExec() {
		assertThat(shell("exec vacation x")).isEqualTo("exec /etc/mail/smrsh/vacation x");
		assertThat(shell("exec\t/usr/bin/vacation")).isEqualTo("exec /etc/mail/smrsh/vacation");
		assertThat(shell("exec echo x")).isEqualTo("exec echo x");
		assertThat(shell("exec exec vacation")).isEqualTo("exec exec /etc/mail/smrsh/vacation");
		assertThat(refusal("exec ")).isEqualTo("smrsh: missing command to exec");
		assertThat(refusal("exec")).as("without a separator it is a program name")
			.isEqualTo("smrsh: \"exec\" not available for sendmail programs (stat failed)");
		assertThat(refusal("/bin/exec vacation")).contains("\"exec\" not available");
		assertThat(refusal("exec cp x")).contains("\"cp\" not available");
	}

	@Test
	void answersUsageForNothingButWhiteSpace() {
		for (String blank : new String[] { "", " ", "\t \u000b" }) {
			RestrictedShell.Outcome outcome = check(blank);
			assertThat(ByteText.show(outcome.message())).isEqualTo("Usage: smrsh -c command");
			assertThat(outcome.exitCode()).isEqualTo(64);
		}
	}

	@Test
	void dropsLeadingWhiteSpaceAndTurnsTheSeparatorIntoASpace() {
		assertThat(shell(" \t\u000bvacation\tx\ty")).isEqualTo("/etc/mail/smrsh/vacation x\\x09y");
		assertThat(refusal("vacation\u000bx")).contains("\"vacation\\x0Bx\" not available");
	}

	@Test
	void refusesCommandsLongerThanItsBufferAllows() {
		assertThat(check("vacation " + "a".repeat(973)).accepted()).as("982 bytes").isTrue();
		assertThat(refusal("vacation " + "a".repeat(974))).startsWith("smrsh: command too long: vacation aaaa");
		RestrictedShell.Outcome shorter = check(("vacation " + "a".repeat(977)).getBytes(StandardCharsets.UTF_8),
				"/etc/smrsh");
		assertThat(shorter.accepted()).as("986 bytes with RHEL's shorter /etc/smrsh").isTrue();
	}

	@Test
	void namesTheCommandAsFarAsItHadCutItWhenTheBufferOverflows() {
		assertThat(refusal("exec vacation &&" + "vacation &&".repeat(40))).as("exec's separator stays cut")
			.isEqualTo("smrsh: command too long: exec");
		String chain = "vacation a &&".repeat(40);
		assertThat(refusal(chain)).as("cut where the 35th name ends, which no longer fits")
			.isEqualTo("smrsh: command too long: " + "vacation a &&".repeat(34) + "vacation");
		assertThat(refusal("vacation &&".repeat(40))).as("an argument that no longer fits: nothing is cut")
			.isEqualTo("smrsh: command too long: " + "vacation &&".repeat(40));
	}

	@Test
	void endsTheCommandAtANul() {
		assertThat(shell("vacation x\0; rm -rf /")).isEqualTo("/etc/mail/smrsh/vacation x");
	}

}
