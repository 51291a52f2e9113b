package org.smguard.cf;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.policy.ManagedOption;
import org.smguard.sandbox.SandboxUnavailableException;
import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's reading of cf lines against the real sendmail 8.17's, spelling by
 * spelling, in its sandbox: the option lines {@link HostCf} reads must be those setoption
 * received (as {@code -d37.1} prints them), class t the one sendmail fills, the prog
 * mailer the one sendmail lists, and an {@code Ft} line's file the one sendmail tries to
 * open. The spellings are those the unit tests of {@link CfText}, {@link ClassTLine},
 * {@link ClassFileLine} and {@link ProgMailer} pin, so a rule that drifts from sendmail
 * fails here too. Skipped with a message where sendmail is not installed.
 */
class ReadcfAgreementTests {

	private static final Pattern CANNOT_OPEN = Pattern.compile("\\Afileclass: cannot open '(.*)': [^']*\\z");

	private static SendmailReader reader;

	@BeforeAll
	static void needsSendmail() {
		HostTools.assumeSendmail();
		reader = new SendmailReader(HostTools.sandbox(HostTools.SENDMAIL, Duration.ofSeconds(15)));
	}

	@Test
	void takesEachManagedOptionByTheAbbreviationAndLetterOfTheTable() throws SandboxUnavailableException {
		Map<ManagedOption, String> samples = Map.of(ManagedOption.DEFAULT_USER, "mail", ManagedOption.FORWARD_PATH,
				"/f", ManagedOption.LOG_LEVEL, "3", ManagedOption.POSTMASTER_COPY, "pm", ManagedOption.PRIVACY_OPTIONS,
				"noexpn", ManagedOption.SAFE_FILE_ENVIRONMENT, "/s", ManagedOption.TEMP_FILE_MODE, "0600");
		StringBuilder cf = new StringBuilder("V10\n");
		for (ManagedOption option : ManagedOption.values()) {
			String name = option.cfName();
			String value = samples.get(option);
			// The shortest abbreviation names the option; one letter less is ambiguous.
			cf.append("O ").append(name, 0, option.shortestAbbreviation()).append('=').append(value).append('\n');
			cf.append("O ")
				.append(name.substring(0, option.shortestAbbreviation() - 1).toUpperCase(Locale.ROOT))
				.append('=')
				.append(value)
				.append('\n');
			option.letter().ifPresent((letter) -> cf.append('O').append(letter).append(value).append('\n'));
		}
		SendmailReading reading = read(cf.toString());
		List<String> ours = HostCf.read(cf.toString())
			.settings()
			.stream()
			.map((s) -> s.name() + "=" + SendmailReading.asRead(s.value()))
			.toList();
		List<String> sendmail = reading.settings().stream().map((s) -> s.name() + "=" + s.value()).toList();
		assertThat(ours).containsExactlyElementsOf(sendmail);
		for (ManagedOption option : ManagedOption.values()) {
			assertThat(sendmail).as(option.cfName())
				.filteredOn((line) -> line.startsWith(option.cfName() + "="))
				.hasSize(option.letter().isPresent() ? 2 : 1);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// comments, escapes and macros before and after the V line
			"O LogLevel=1 # x\nV2\nO LogLevel=2 # x\nV3\nO LogLevel=3 # x\nV10\nO ForwardPath=a\\#b\nO ForwardPath=a$#b\n"
					+ "O ForwardPath=a$$#b\nO ForwardPath=a$$$#b\nO ForwardPath=a$=#b\nO ForwardPath=a$~#b\n"
					+ "O ForwardPath=a \t #b\nO ForwardPath=a # c\n\tb # d\n e\nO ForwardPath=a\n\t# c\n\tb\n"
					+ "O ForwardPath=a\\\\#b\nO ForwardPath=#b\nO ForwardPath=a\n\t\nO ForwardPath=a$\nO ForwardPath=a#b\n"
					+ "O ForwardPath=$$z/.forward\nO PostmasterCopy=a$$$$b\nO ForwardPath=a$$$u\n",
			// V levels as strtol into an int
			"V2147483648\nO ForwardPath=a #b\nV4294967299\nO ForwardPath=a #b\nV4294967298\nO ForwardPath=a #b\n"
					+ "V 3\nO ForwardPath=a #b\nVx\nO ForwardPath=c #d\nV99999999999999999999\nO ForwardPath=a #b\n"
					+ "V\t0003/Berkeley\nO ForwardPath=a #b\nV+5\nO ForwardPath=a #b\n",
			// long names, abbreviations, suboptions, blanks, one-letter options
			"V10\nO Lo=2\nO Te=0600\nO Pri=noexpn\nO Po=pm\nO Saf=/s\nO Forw=/f\nO DefaultU=mail\nO L=1\nO T=0600\n"
					+ "O Pr=x\nO Sa=/s\nO For=/f\nO Default=mail\nO DEFAULTUSER=mail\nO logLEVEL=3\nO LogLevel.x=4\n"
					+ "O LogLevel   =   5\nO  LogLevel=6\nO\tLogLevel=7\nOL 8\nOLx9\nOg8\nO Log Level=9\nO LogLevel 9\n"
					+ "O LogLevel\t=9\nO LogLevel= \t9\nOLogLevel=9\nOF0600\nOJ/x\nOP pm\nOp goaway\nOu8\nO LogLevel\n"
					+ "O LogLevel=\nO LogLevel=a=b\n",
			// folding
			"V10\n#O LogLevel=1\n\tO LogLevel=2\nO LogLevel=3\n \n\n\tO LogLevel=5\nO PrivacyOptions=noexpn,\n\tnovrfy\n"
					+ "O ForwardPath=a\tb\nO PostmasterCopy=a\u0001b\nO SafeFileEnvironment=/x/\u00e9\n" })
	void readsOptionLinesAsSetoptionReceivesThem(String cf) throws SandboxUnavailableException {
		SendmailReading reading = read(cf);
		List<String> ours = HostCf.read(cf)
			.settings()
			.stream()
			.map((s) -> s.name() + "=" + SendmailReading.asRead(s.value()))
			.toList();
		assertThat(ours)
			.containsExactlyElementsOf(reading.settings().stream().map((s) -> s.name() + "=" + s.value()).toList());
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"V10\nTfoo bar\nT baz\tqux\n\tquux\nCt a\nC{t}b\nC{ t}c\nC{t }d\nC{T}x\nCTy\nC{tt}z\nC{_t}w\nC{}x\nC{t x\n"
					+ "T-foo\nC-t e\nT Root ROOT\nTa #b\nTa\\#b\nC{\tt}f\nC{t\n\t}g\nC{ }h\nC t i\nV2\nTh #i\n",
			"V10\nC{abcdefghijklmnopqrstuvwxy}t\nC{abcdefghijklmnopqrstuvwxyz}u\nCt\nT\n" })
	void fillsClassTAsReadcfDoes(String cf) throws SandboxUnavailableException {
		SendmailReading reading = read(cf);
		assertThat(HostCf.read(cf).trustedUsers().stream().map((n) -> n.toLowerCase(Locale.ROOT)))
			.containsExactlyInAnyOrderElementsOf(reading.classT());
	}

	@ParameterizedTest
	@ValueSource(strings = { "Mprog, P=/bin/sh, F=lsDFMoqeu9, S=EnvFromL/HdrFromL, R=EnvToL/HdrToL, D=$z:/, A=sh -c $u",
			"Mprog, P=\"/usr/sbin/smrsh\", F=l, A=\"smrsh -c $u\"",
			"Mprog, P=/usr/sbin/sm\\,rsh, F=l, A=smrsh \"-c\" $u", "Mprog, P=/bin/sh, P=, F=l, A=sh -c $u, A=",
			"Mprog, P=/bin/sh, F=l, A=\" sh -c $u\"", "Mprog, P=/bin/sh, F=l, A=\\ sh -c $u",
			"Mprog, P=/bin/sh, F=l, A=sh\\f-c\\r$u", "Mprog, P=/bin/sh, F=l, A=sh\\t-c $u",
			"Mprog, P=/bin/sh, F=l, A=sh -c $u\nMPROG, P=/usr/sbin/smrsh, F=l, A=smrsh -c $u",
			"Mprog, P=/bin/sh, F=l, A=sh -c $u\nMProg, P=/usr/sbin/smrsh F=l A=smrsh",
			"Mprog, P=/bin/sh, F=l, A=sh -c $u\nMprog, P=/usr/sbin/smrsh, Fl, A=smrsh -c $u",
			"Mprog, P=/bin/sh, F=l, A=sh -c $u\nMprog, F=l, A=smrsh -c $u",
			"Mprog, Path=/bin/sh, Flags=l, Argv=sh -c $u, p=x", "Mprog, P=/bin/sh, F=l, A=sh\n\t-c\n\t$u",
			"Mprog,\tP=/bin/sh,F=l,A=sh -c $u", "Mprog P=/bin/sh, F=l, A=sh -c $u",
			"Mprog, P=/bin/sh, F=l, A=sh -c $u # a comment", "Mprog, P=\"/bin/sh, x\", F=l, A=sh -c \"$u\"",
			"Mprog, P= /bin/sh, F=l, A= sh -c $u", "Mprog, P=/bin/sh, F=l, A=\" \"" })
	void readsTheProgMailerAsMakemailerDoes(String line) throws SandboxUnavailableException {
		String cf = "V10\n" + line + "\n";
		SendmailReading reading = read(cf);
		HostCf host = HostCf.read(cf);
		assertThat(reading.progMailer()).isPresent();
		assertThat(host.progPath()).isEqualTo(reading.progMailer().get().path());
		assertThat(host.progArgv()).isEqualTo(reading.progMailer().get().argv());
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ft/etc/mail/nosuch", "Ft\"/etc/mail/no such\"", "Ft/etc/mail/no\" \"such",
			"Ft\"/etc/mail/nosuch\" %[^\\#]", "Ft\"/etc/mail/nosuch", "Ft/etc/mail/no\\ such", "Ft/etc/mail/\\\"q",
			"Ft/etc/mail/a\\b", "Ft -x /etc/mail/nosuch", "Ft/etc/mail/nosuch\t%[^\\#]", "F{ t}/etc/mail/nosuch",
			"Ft-o/etc/mail/nosuch", "Ft -o /etc/mail/nosuch", "Ft-oo /etc/mail/nosuch", "Ft/etc/mail/nosuch  %[^\\#]",
			"Ft/etc/mail/nosuch \n\t%[^\\#]", "Ft /etc/mail/nosuch", "Ft\t/etc/mail/nosuch" })
	void opensTheFileFileclassOpens(String line) throws SandboxUnavailableException {
		String cf = "V10\n" + line + "\n";
		SendmailReading reading = read(cf);
		Optional<ClassFileLine> ft = ClassFileLine.of(CfText.parse(cf).statements().get(1).read());
		List<String> messages = reading.diagnostics()
			.stream()
			.map(SendmailReading.Diagnostic::message)
			.filter((m) -> !m.startsWith("Invalid macro/class character"))
			.toList();
		if (ft.isEmpty()) {
			assertThat(messages).singleElement(InstanceOfAssertFactories.STRING).startsWith("illegal filename");
		}
		else if (ft.get().file().isEmpty()) {
			assertThat(messages).containsExactly("fileclass: missing file name");
		}
		else if (ft.get().optional()) {
			assertThat(messages).isEmpty();
		}
		else {
			assertThat(messages).hasSize(1);
			Matcher opened = CANNOT_OPEN.matcher(messages.get(0));
			assertThat(opened.matches()).as(messages.get(0)).isTrue();
			assertThat(ft.get().file()).isEqualTo(opened.group(1));
		}
	}

	private static SendmailReading read(String cf) throws SandboxUnavailableException {
		SendmailReading reading = reader.read(cf, List.of());
		assertThat(reading).as("sendmail answered in time").isNotNull();
		assertThat(reading.unreadable())
			.as("sendmail's answer, diagnostics %s",
					reading.diagnostics()
						.stream()
						.map(SendmailReading.Diagnostic::message)
						.collect(Collectors.joining("; ")))
			.isNull();
		return reading;
	}

}
