package org.smguard.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.smguard.importer.HostFiles;
import org.smguard.importer.HostImporter;
import org.smguard.policy.StockPolicy;
import org.smguard.testing.HostTools;
import org.smguard.validation.Violation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.smguard.render.CfEdits.base;

/**
 * Any cf that real sendmail accepts, imported into a policy and rendered with that policy
 * unchanged, comes out byte for byte: Debian's own cf, the shipped base, cfs that m4
 * builds for other OSTYPEs and FEATUREs, and hand-written variants of the spellings
 * sendmail reads the same way. Where sendmail is installed, it must accept each cf, and
 * its read-back must match what the importer took from it.
 */
class CfRoundTripTests {

	private static final SendmailCheck CHECK = HostTools.sendmailCheck(HostTools.SENDMAIL, Duration.ofSeconds(15));

	/**
	 * A cf to round-trip; {@code m4} says whether building it needs m4 and sendmail-cf.
	 */
	record Case(boolean m4, Supplier<String> cf) {
	}

	static Stream<Named<Case>> cfs() {
		List<Named<Case>> cases = new ArrayList<>();
		cases.add(Named.of("Debian's /etc/mail/sendmail.cf", new Case(false, CfRoundTripTests::debianCf)));
		cases.add(plain("the shipped base", CfEdits.BASE));
		m4(cases, "OSTYPE(linux), local and smtp", "OSTYPE(`linux')dnl", "MAILER(`local')dnl", "MAILER(`smtp')dnl");
		m4(cases, "OSTYPE(bsd4.4) with smrsh and confTRUSTED_USERS", "OSTYPE(`bsd4.4')dnl", "FEATURE(`smrsh')dnl",
				"define(`confTRUSTED_USERS', `majordomo listmgr')dnl", "MAILER(`local')dnl", "MAILER(`smtp')dnl");
		m4(cases, "use_ct_file with -o", "OSTYPE(`linux')dnl", "FEATURE(`use_ct_file')dnl",
				"define(`confCT_FILE', `-o /etc/mail/trusted-users')dnl", "MAILER(`local')dnl", "MAILER(`smtp')dnl");
		m4(cases, "confPRIVACY_FLAGS goaway on solaris8", "OSTYPE(`solaris8')dnl",
				"define(`confPRIVACY_FLAGS', `goaway')dnl", "MAILER(`local')dnl", "MAILER(`smtp')dnl");
		m4(cases, "freebsd6 with smrsh elsewhere and every option defined", "OSTYPE(`freebsd6')dnl",
				"DOMAIN(`generic')dnl", "FEATURE(`smrsh', `/usr/libexec/smrsh')dnl",
				"define(`confDEF_USER_ID', `daemon:daemon')dnl", "define(`confLOG_LEVEL', `14')dnl",
				"define(`confFORWARD_PATH', `$z/.forward')dnl", "define(`confCOPY_ERRORS_TO', `postmaster')dnl",
				"define(`confSAFE_FILE_ENV', `/var/mailsafe')dnl", "define(`confTEMP_FILE_MODE', `0600')dnl",
				"define(`confPRIVACY_FLAGS', `authwarnings,noexpn,novrfy,noetrn')dnl", "MAILER(`local')dnl",
				"MAILER(`smtp')dnl", "MAILER(`procmail')dnl");
		m4(cases, "openbsd, trusted users and file without -o", "OSTYPE(`openbsd')dnl",
				"define(`confTRUSTED_USERS', `www-data')dnl", "FEATURE(`use_ct_file')dnl",
				"define(`confCT_FILE', `/etc/mail/trusted-users')dnl", "MAILER(`local')dnl", "MAILER(`smtp')dnl");
		m4(cases, "Debian's OSTYPE and DOMAIN", "OSTYPE(`debian')dnl", "DOMAIN(`debian-mta')dnl",
				"FEATURE(`smrsh', `/usr/lib/sm.bin/smrsh')dnl", "MAILER(`local')dnl", "MAILER(`smtp')dnl");
		m4(cases, "nullclient, without a prog mailer", "OSTYPE(`linux')dnl", "FEATURE(`nullclient', `mailhub')dnl");
		cases.add(plain("lower-case option names", base("O LogLevel=9\n", "O loglevel=9\n", "O DefaultUser=mail:mail\n",
				"O defaultuser=mail:mail\n", "O TempFileMode=0640\n", "O TEMPFILEMODE=0640\n")));
		cases.add(plain("abbreviated and short option names",
				base("O LogLevel=9\n", "O Log=9\n", "O SafeFileEnvironment=/\n", "O Safe = /\n",
						"O ForwardPath=$z/.forward.$w:$z/.forward\n", "OJ$z/.forward.$w:$z/.forward\n",
						"O TempFileMode=0640\n", "OF0640\n")));
		cases.add(plain("short option OL9", base("O LogLevel=9\n", "OL9\n")));
		cases.add(plain("ForwardPath without '='",
				base("O ForwardPath=$z/.forward.$w:$z/.forward\n", "O ForwardPath\n")));
		cases.add(plain("Ct and T mixed, several names to a line",
				base("Troot\nTdaemon\nTuucp\n", "Troot daemon\nCt uucp\tmajordomo\nC{t}listmgr\n")));
		cases.add(plain("Tuucp then Tuucp majordomo", base("Tuucp\n", "Tuucp\nTuucp majordomo\n")));
		cases.add(plain("Ft-o with the pattern Debian uses",
				base("#Ft/etc/mail/trusted-users %[^\\#]\n", "Ft-o /etc/mail/trusted-users %[^\\#]\n")));
		cases.add(plain("F{t} with blanks before -o and C{t}", base("#Ft/etc/mail/trusted-users %[^\\#]\nTroot\n",
				"F{t} -o\t/etc/mail/trusted-users  %[^\\#]\nC{t}root\n")));
		cases.add(plain("odd PrivacyOptions separators", base(
				"O PrivacyOptions=needmailhelo,needexpnhelo,needvrfyhelo,restrictqrun,restrictexpand,nobodyreturn,authwarnings\n",
				"O PrivacyOptions=goaway restrictmailq;restrictqrun\n")));
		cases.add(plain("PrivacyOptions in upper case with tabs and repeats", base(
				"O PrivacyOptions=needmailhelo,needexpnhelo,needvrfyhelo,restrictqrun,restrictexpand,nobodyreturn,authwarnings\n",
				"O PrivacyOptions=NeedMailHelo\tneedexpnhelo, needvrfyhelo,restrictqrun,,goaway,GOAWAY\n")));
		cases.add(plain("PrivacyOptions continued on the next line", base(
				"O PrivacyOptions=needmailhelo,needexpnhelo,needvrfyhelo,restrictqrun,restrictexpand,nobodyreturn,authwarnings\n",
				"O PrivacyOptions=needmailhelo,needexpnhelo,\n\tneedvrfyhelo,authwarnings\n")));
		cases.add(plain("an option set twice", base("O LogLevel=9\n", "O LogLevel=12\nO LogLevel=9\n")));
		cases.add(plain("values with blanks around '='", base("O LogLevel=9\n", "O LogLevel = 9  \n")));
		cases.add(plain("continuation lines on Mprog running smrsh", base("Mprog,\t\tP=/bin/sh, F=lsDFMoqeu9,",
				"Mprog,\n\tP=/usr/libexec/sendmail/smrsh,\n\tF=lsDFMoqeu9,", "A=sh -c $u", "A=smrsh -c $u")));
		cases.add(plain("Mprog with P= on its own line and a shell", base("Mprog,\t\tP=/bin/sh, F=lsDFMoqeu9,",
				"Mprog,\t\tF=lsDFMoqeu9,\n\tP=/bin/bash,", "A=sh -c $u", "A=bash -c $u")));
		cases.add(plain("no final newline", CfEdits.BASE.stripTrailing()));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cfs")
	void importedAndRenderedUnchangedComesOutByteForByte(Case input) {
		if (input.m4()) {
			HostTools.assumeM4();
		}
		String cf = input.cf().get();
		HostImporter.Result imported = HostImporter.apply(StockPolicy.debian(),
				new HostFiles(cf.getBytes(StandardCharsets.UTF_8), null, null, null, null), "");
		assertThat(imported.baseCf()).isEqualTo(cf);
		String rendered = CfRenderer.render(imported.policy(), cf);
		assertThat(rendered).isEqualTo(cf);
		assertThat(rendered.getBytes(StandardCharsets.UTF_8)).isEqualTo(cf.getBytes(StandardCharsets.UTF_8));
		if (HostTools.hasSendmail()) {
			HostTools.Run run = HostTools.sendmail(cf, "");
			assertThat(run.exitCode()).as("sendmail's exit code, with %s", run.cfErrors()).isZero();
			assertThat(run.cfErrors()).as("sendmail's complaints")
				.allSatisfy((line) -> assertThat(line).contains("used as abbreviation").doesNotContain("readcf"));
			SendmailCheck.Result check = CHECK.check(imported.policy(), rendered);
			assertThat(check.errors()).as("sendmail reads what the importer took").isEmpty();
			assertThat(check.warnings()).filteredOn((w) -> w.field().equals("baseCf"))
				.allSatisfy((w) -> assertThat(w.message()).contains("in the check's sandbox"));
			assertThat(check.status()).isEqualTo(SendmailCheck.Status.PASSED);
		}
	}

	private static Named<Case> plain(String name, String cf) {
		return Named.of(name, new Case(false, () -> cf));
	}

	private static void m4(List<Named<Case>> cases, String name, String... mc) {
		cases.add(Named.of("m4: " + name, new Case(true, () -> HostTools.buildCf(mc))));
	}

	private static String debianCf() {
		assumeTrue(Files.isReadable(HostTools.DEBIAN_CF), "no " + HostTools.DEBIAN_CF + " on this host");
		try {
			return Files.readString(HostTools.DEBIAN_CF, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
