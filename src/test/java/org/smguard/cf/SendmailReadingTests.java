package org.smguard.cf;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.smguard.sandbox.SandboxRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SendmailReading} parses what sendmail printed, strictly. The runs below are
 * sendmail 8.17.1.9's own output in the sandbox ({@code -bt -d37.1} with {@code $=t},
 * then {@code -bt} with {@code =M}) for the cf in each comment, cut only where marked;
 * the forged ones are its output for M lines whose P= holds a {@code \n} escape.
 */
class SendmailReadingTests {

	/*
	 * V10 / O LogLevel=11 # x / O Lo=12 / O TempFileMode=0600 / O DefaultUser=mail:mail /
	 * Og8 / O SafeFileEnvironment=/s/ / O PrivacyOptions=noexpn,foo / O
	 * ForwardPath=$z/.forward<TAB>x / O PostmasterCopy=root / O DefaultUser=nosuch /
	 * Troot Daemon / Mprog, P=/usr/sbin/smrsh, ... A=smrsh -c $u / Mlocal, ...
	 */
	private static final List<String> OPTIONS = List.of("setoption DontProbeInterfaces (0xa1)=true (unsafe)",
			"setoption LogLevel (L)=11", "/etc/mail/sendmail.cf: line 3: Option Lo used as abbreviation for LogLevel",
			"setoption LogLevel (L)=12", "setoption TempFileMode (F)=0600 (unsafe)",
			"setoption DefaultUser (u)=mail:mail (unsafe)", "setoption  (g)=8 (unsafe)",
			"setoption SafeFileEnvironment (0x89)=/s/ (unsafe)", "setoption PrivacyOptions (p)=noexpn,foo",
			"/etc/mail/sendmail.cf: line 8: readcf: Op line: foo unrecognized",
			"setoption ForwardPath (J)=$z/.forward\\tx (unsafe)", "setoption PostmasterCopy (P)=root (unsafe)",
			"setoption DefaultUser (u)=nosuch (unsafe)",
			"/etc/mail/sendmail.cf: line 11: readcf: option u: unknown user nosuch", "setoption HoldExpensive (c)=F",
			"setoption DeliveryMode (d)=", "ADDRESS TEST MODE (ruleset 3 NOT automatically invoked)",
			"Enter <ruleset> <address>", "> Daemon", "root", "> ");

	private static final List<String> MAILERS = List.of(
			"/etc/mail/sendmail.cf: line 3: Option Lo used as abbreviation for LogLevel",
			"/etc/mail/sendmail.cf: line 8: readcf: Op line: foo unrecognized",
			"/etc/mail/sendmail.cf: line 11: readcf: option u: unknown user nosuch",
			"ADDRESS TEST MODE (ruleset 3 NOT automatically invoked)", "Enter <ruleset> <address>",
			"> mailer 0 (prog): P=/usr/sbin/smrsh S=EnvFromL/HdrFromL R=EnvToL/HdrToL M=0 U=-1:-1 F=9DFMeloqsu L=0"
					+ " E=\\n T=<undefined>/<undefined>/<undefined> r=100 A=smrsh -c $u",
			"mailer 1 (*file*): P=[FILE] S=0/0 R=0/0 M=0 U=-1:-1 F=9DEFMPloqsu L=0 E=\\n T=X-Unix/X-Unix/X-Unix r=100"
					+ " A=FILE $u",
			"mailer 2 (*include*): P=/dev/null S=0/0 R=0/0 M=0 U=-1:-1 F=su L=0 E=\\n"
					+ " T=<undefined>/<undefined>/<undefined> r=100 A=INCLUDE $u",
			"mailer 3 (local): P=/usr/lib/sm.bin/mail.local S=EnvFromSMTP/HdrFromL R=EnvToL/HdrToL M=0 U=-1:-1"
					+ " F=/59:@ADFMPSXflmnqswz| L=0 E=\\r\\n T=DNS/RFC822/X-Unix r=100 A=mail.local -l",
			"> ");

	/** V10 (no class t, no option lines). */
	private static final List<String> EMPTY = List.of("setoption DontProbeInterfaces (0xa1)=true (unsafe)",
			"setoption HoldExpensive (c)=F", "setoption DeliveryMode (d)=",
			"ADDRESS TEST MODE (ruleset 3 NOT automatically invoked)", "Enter <ruleset> <address>", "> > ");

	@Test
	void readsTheManagedOptionsInTheOrderSetoptionReceivedThem() {
		SendmailReading reading = parse(OPTIONS, MAILERS);
		assertThat(reading.unreadable()).isNull();
		assertThat(reading.settings()).containsExactly(set("LogLevel", "11"), set("LogLevel", "12"),
				set("TempFileMode", "0600"), set("DefaultUser", "mail:mail"), set("g", "8"),
				set("SafeFileEnvironment", "/s/"), set("PrivacyOptions", "noexpn,foo"),
				set("ForwardPath", "$z/.forward\tx"), set("PostmasterCopy", "root"), set("DefaultUser", "nosuch"));
		assertThat(reading.exitCode()).isZero();
	}

	@Test
	void readsSendmailsMessagesWithTheirLines() {
		SendmailReading reading = parse(OPTIONS, MAILERS);
		assertThat(reading.diagnostics()).containsExactly(
				new SendmailReading.Diagnostic(3, "Option Lo used as abbreviation for LogLevel"),
				new SendmailReading.Diagnostic(8, "readcf: Op line: foo unrecognized"),
				new SendmailReading.Diagnostic(11, "readcf: option u: unknown user nosuch"));
		assertThat(reading.diagnostics()).extracting(SendmailReading.Diagnostic::notice)
			.containsExactly(true, false, false);
		assertThat(reading.diagnostics()).extracting(SendmailReading.Diagnostic::hostDependent)
			.containsExactly(false, false, true);
	}

	@Test
	void tellsMessagesAboutTheHostFromMessagesAboutTheCf() {
		assertThat(new SendmailReading.Diagnostic(2, "readcf: option u: unknown group nosuch").hostDependent())
			.isTrue();
		assertThat(new SendmailReading.Diagnostic(2, "fileclass: cannot open '/etc/mail/x': No such file or directory")
			.hostDependent()).isTrue();
		assertThat(new SendmailReading.Diagnostic(2, "service smtp unknown").hostDependent()).isTrue();
		assertThat(new SendmailReading.Diagnostic(2, "readcf: unknown option name LogLevel 9").hostDependent())
			.isFalse();
		assertThat(new SendmailReading.Diagnostic(2, "fileclass: missing file name").hostDependent()).isFalse();
		assertThat(new SendmailReading.Diagnostic(2,
				"readcf: ambiguous option name L (matches LogLevel and" + " LDAPDefaultSpec)")
			.notice()).isFalse();
	}

	@Test
	void readsClassTWithoutCase() {
		assertThat(parse(OPTIONS, MAILERS).classT()).containsExactlyInAnyOrder("daemon", "root");
	}

	@Test
	void readsAnEmptyClassT() {
		SendmailReading reading = parse(EMPTY, MAILERS);
		assertThat(reading.unreadable()).isNull();
		assertThat(reading.classT()).isEmpty();
		assertThat(reading.settings()).isEmpty();
	}

	@Test
	void readsTheMailersInTheOrderSendmailListsThem() {
		SendmailReading reading = parse(OPTIONS, MAILERS);
		assertThat(reading.mailers()).containsExactly(
				new SendmailReading.Mailer(0, "prog", "/usr/sbin/smrsh", "smrsh -c $u"),
				new SendmailReading.Mailer(1, "*file*", "[FILE]", "FILE $u"),
				new SendmailReading.Mailer(2, "*include*", "/dev/null", "INCLUDE $u"),
				new SendmailReading.Mailer(3, "local", "/usr/lib/sm.bin/mail.local", "mail.local -l"));
		assertThat(reading.progMailer()).contains(reading.mailers().get(0));
	}

	@Test
	void findsTheProgMailerInAnyCase() {
		// Mprog ... then MPROG, P=/x, F=l, A=x: sendmail keeps number 0 and the new name.
		List<String> mailers = replace(MAILERS, 5, "> mailer 0 (PROG): P=/x S=0/0 R=0/0 M=0 U=-1:-1 F=l L=0 E=\\r\\n"
				+ " T=<undefined>/<undefined>/<undefined> r=100 A=x");
		assertThat(parse(OPTIONS, mailers).progMailer()).contains(new SendmailReading.Mailer(0, "PROG", "/x", "x"));
	}

	@Test
	void readsAnArgvWithAnEmptyFirstWordAndAMailerWithoutArgv() {
		// Mprog, P=/bin/sh, F=l, A=" sh -c $u": sendmail lists "A= sh -c $u".
		List<String> mailers = replace(MAILERS, 5, "> mailer 0 (prog): P=/bin/sh S=0/0 R=0/0 M=0 U=-1:-1 F=l L=0 E=\\n"
				+ " T=<undefined>/<undefined>/<undefined> r=100 A= sh -c $u");
		assertThat(parse(OPTIONS, mailers).progMailer()).get()
			.extracting(SendmailReading.Mailer::argv)
			.isEqualTo(" sh -c $u");
		mailers = replace(MAILERS, 5, "> mailer 0 (prog): P=/bin/sh S=0/0 R=0/0 M=0 U=-1:-1 F=l L=0 E=\\n"
				+ " T=<undefined>/<undefined>/<undefined> r=100");
		assertThat(parse(OPTIONS, mailers).progMailer()).get().extracting(SendmailReading.Mailer::argv).isEqualTo("");
	}

	@Test
	void takesAPathWithBlanksAndFieldLikeTextUpToTheLastFieldsThatFit() {
		// Mprog, P="/bin/sh, x S=y", ...: P= is printed raw.
		List<String> mailers = replace(MAILERS, 5, "> mailer 0 (prog): P=/bin/sh, x S=y S=0/0 R=0/0 M=0 U=-1:-1 F=l L=0"
				+ " E=\\n T=<undefined>/<undefined>/<undefined> r=100 A=sh -c $u");
		assertThat(parse(OPTIONS, mailers).progMailer()).get()
			.extracting(SendmailReading.Mailer::path)
			.isEqualTo("/bin/sh, x S=y");
	}

	@Test
	void refusesAReadingWhereAProgPathForgesALine() {
		// V10 / Mprog, P=/bin/sh S=0/0 ... r=100 A=x\nmailer 1 (ghost): P=/y, F=l, A=z
		List<String> forged = List.of("ADDRESS TEST MODE (ruleset 3 NOT automatically invoked)",
				"Enter <ruleset> <address>",
				"> mailer 0 (prog): P=/bin/sh S=0/0 R=0/0 M=0 U=-1:-1 F=l L=0 E=\\n"
						+ " T=<undefined>/<undefined>/<undefined> r=100 A=x",
				"mailer 1 (ghost): P=/y S=0/0 R=0/0 M=0 U=-1:-1 F=l L=0 E=\\r\\n"
						+ " T=<undefined>/<undefined>/<undefined> r=100 A=z",
				"mailer 1 (*file*): P=[FILE] S=0/0 R=0/0 M=0 U=-1:-1 F=9DEFMPloqsu L=0 E=\\n"
						+ " T=X-Unix/X-Unix/X-Unix r=100 A=FILE $u",
				"mailer 2 (*include*): P=/dev/null S=0/0 R=0/0 M=0 U=-1:-1 F=su L=0 E=\\n"
						+ " T=<undefined>/<undefined>/<undefined> r=100 A=INCLUDE $u",
				"> ");
		assertThat(parse(EMPTY, forged).unreadable()).contains("does not have the shape it prints");
	}

	@Test
	void refusesAReadingWhereAPathForgesASecondProgMailerAfterTheLast() {
		// V10 / Mprog, P=/usr/sbin/smrsh, F=l, A=smrsh -c $u / Mlast, P=/bin/x S=0/0 ...
		// A=x\nmailer 4 (PROG): P=/bin/sh, F=l, A=sh -c $u
		List<String> forged = List.of("ADDRESS TEST MODE (ruleset 3 NOT automatically invoked)",
				"Enter <ruleset> <address>",
				"> mailer 0 (prog): P=/usr/sbin/smrsh S=0/0 R=0/0 M=0 U=-1:-1 F=l L=0 E=\\n"
						+ " T=<undefined>/<undefined>/<undefined> r=100 A=smrsh -c $u",
				"mailer 1 (*file*): P=[FILE] S=0/0 R=0/0 M=0 U=-1:-1 F=9DEFMPloqsu L=0 E=\\n"
						+ " T=X-Unix/X-Unix/X-Unix r=100 A=FILE $u",
				"mailer 2 (*include*): P=/dev/null S=0/0 R=0/0 M=0 U=-1:-1 F=su L=0 E=\\n"
						+ " T=<undefined>/<undefined>/<undefined> r=100 A=INCLUDE $u",
				"mailer 3 (last): P=/bin/x S=0/0 R=0/0 M=0 U=-1:-1 F=l L=0 E=\\n"
						+ " T=<undefined>/<undefined>/<undefined> r=100 A=x",
				"mailer 4 (PROG): P=/bin/sh S=0/0 R=0/0 M=0 U=-1:-1 F=l L=0 E=\\n"
						+ " T=<undefined>/<undefined>/<undefined> r=100 A=sh -c $u",
				"> ");
		SendmailReading reading = parse(EMPTY, forged);
		assertThat(reading.unreadable()).isEqualTo("sendmail listed 2 mailers named prog");
	}

	@Test
	void refusesAMailerListWhoseNumbersSkip() {
		List<String> mailers = new ArrayList<>(MAILERS);
		mailers.remove(6);
		assertThat(parse(OPTIONS, mailers).unreadable()).contains("does not have the shape it prints");
	}

	@Test
	void refusesAMailerLineCutShort() {
		List<String> mailers = replace(MAILERS, 8,
				"mailer 3 (local): P=/usr/lib/sm.bin/mail.local S=EnvFromSMTP/HdrFromL");
		assertThat(parse(OPTIONS, mailers).unreadable()).contains("does not have the shape it prints");
	}

	@Test
	void refusesAnOptionLineWithoutTheMarkSendmailPrintsForIt() {
		// V10 / O ForwardPath=a$<NL><TAB>b: xputs prints the macro's name, a raw line
		// end.
		List<String> options = new ArrayList<>(EMPTY);
		options.addAll(1, List.of("setoption ForwardPath (J)=a$", "\\tb (unsafe)", "setoption LogLevel (L)=9"));
		SendmailReading reading = parse(options, MAILERS);
		assertThat(reading.unreadable()).isEqualTo("sendmail's line for ForwardPath has no mark");
		assertThat(reading.settings()).containsExactly(set("LogLevel", "9"));
	}

	@Test
	void ignoresOptionsItDoesNotManageAndLinesWhoseNameAndLetterDisagree() {
		List<String> options = new ArrayList<>(EMPTY);
		options.addAll(1,
				List.of("setoption Timeout (r).queuereturn=5d (unsafe)", "setoption QueueLA (x)=8 (unsafe)",
						"setoption Foo (L)=1", "setoption LogLevel (0x4c)=1",
						"setoption: LogLevel does not support suboptions, ignoring .x", "setoption LogLevel (L)=4"));
		SendmailReading reading = parse(options, MAILERS);
		assertThat(reading.unreadable()).isNull();
		assertThat(reading.settings()).containsExactly(set("LogLevel", "4"));
	}

	@Test
	void refusesARunWithoutAnAnswerForClassT() {
		List<String> options = OPTIONS.subList(0, OPTIONS.size() - 1);
		assertThat(parse(options, MAILERS).unreadable()).isEqualTo("sendmail gave no answer for class t");
		assertThat(parse(OPTIONS.subList(0, 16), MAILERS).unreadable())
			.isEqualTo("sendmail gave no answer for class t");
	}

	@Test
	void refusesARunWithoutAnAnswerForItsMailers() {
		assertThat(parse(OPTIONS, MAILERS.subList(0, MAILERS.size() - 1)).unreadable())
			.isEqualTo("sendmail gave no answer for its mailers");
	}

	@Test
	void refusesARunCutAtTheOutputCap() {
		SendmailReading reading = SendmailReading.parse(new SandboxRun(0, OPTIONS, true),
				new SandboxRun(0, MAILERS, false));
		assertThat(reading.unreadable()).isEqualTo("sendmail printed more than the sandbox reads");
	}

	@Test
	void readsTheLinesOfOneAnswerBetweenPrompts() {
		assertThat(SendmailReading.answer(List.of("Enter <ruleset> <address>", "> a", "b", "> "))).containsExactly("a",
				"b");
		assertThat(SendmailReading.answer(List.of("Enter <ruleset> <address>", "> > "))).isEmpty();
		// A class t member ">" is an answer line, not a prompt.
		assertThat(SendmailReading.answer(List.of("Enter <ruleset> <address>", "> >", "> "))).containsExactly(">");
		assertThat(SendmailReading.answer(List.of("Enter <ruleset> <address>", "> a", "b", "> ", "")))
			.containsExactly("a", "b");
		assertThat(SendmailReading.answer(List.of("> a", "> "))).isNull();
		assertThat(SendmailReading.answer(List.of("Enter <ruleset> <address>", "> a"))).isNull();
		assertThat(SendmailReading.answer(List.of("Enter <ruleset> <address>", "a", "> "))).isNull();
		assertThat(SendmailReading.answer(List.of("Enter <ruleset> <address>", "> "))).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/var/x             | /var/x
			a$$b               | a$b
			a$$$$b             | a$$b
			a$$$#b             | a$$#b
			$z/.forward        | $z/.forward
			'a b'              | 'a b'
			""")
	void printsAValueAsXputsDoes(String raw, String printed) {
		assertThat(SendmailReading.printed(raw)).isEqualTo(printed);
	}

	@Test
	void printsControlCharactersAndBytesAboveAsciiAsXputsDoes() {
		// sendmail 8.17.1.9 printed each of these values so.
		assertThat(SendmailReading.printed("a\tb\nc\rd")).isEqualTo("a\\tb\\nc\\rd");
		assertThat(SendmailReading.printed("a\u0001b\u007fc\u001bd")).isEqualTo("abcd");
		assertThat(SendmailReading.printed("noexpn\u00e9novrfy")).isEqualTo("noexpnM-CM-)novrfy");
		assertThat(SendmailReading.printed("a\u00ffb")).isEqualTo("aM-CM-?b");
		assertThat(SendmailReading.printed("a\u0120b")).isEqualTo("aM-DM- b");
	}

	@Test
	void restoresTheTabLineEndAndReturnXputsEscaped() {
		assertThat(SendmailReading.unescape("a\\tb\\nc\\rd")).isEqualTo("a\tb\nc\rd");
		assertThat(SendmailReading.unescape(SendmailReading.printed("$z/.forward\tx"))).isEqualTo("$z/.forward\tx");
		assertThat(SendmailReading.unescape("a\\b")).isEqualTo("a\\b");
	}

	@Test
	void holdsARawValueAsAReadingHoldsIt() {
		assertThat(SendmailReading.asRead("$$z/.forward")).isEqualTo("$z/.forward");
		assertThat(SendmailReading.asRead("a$$$$b")).isEqualTo("a$$b");
		assertThat(SendmailReading.asRead("$z/.forward\tx\n\ty")).isEqualTo("$z/.forward\tx\n\ty");
		assertThat(SendmailReading.asRead(null)).isNull();
	}

	private static SendmailReading parse(List<String> options, List<String> mailers) {
		return SendmailReading.parse(new SandboxRun(0, options, false), new SandboxRun(0, mailers, false));
	}

	private static OptionSemantics.Setting set(String name, String value) {
		return new OptionSemantics.Setting(name, value, 0);
	}

	private static List<String> replace(List<String> lines, int index, String line) {
		List<String> copy = new ArrayList<>(lines);
		copy.set(index, line);
		return copy;
	}

}
