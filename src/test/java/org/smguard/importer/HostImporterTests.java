package org.smguard.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Smrsh;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.testing.HostTools;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link HostImporter} reads a host's files the way sendmail and the other programs read
 * them: Debian's cf and the cf m4 builds from Debian's mc give Debian's settings, m4's
 * {@code T} and {@code Ft-o} lines and smrsh in {@code Mprog} are understood, repeated
 * names are reported, and a line sendmail would refuse or misread refuses the whole
 * import with a message that names the line.
 */
class HostImporterTests {

	private static final Policy CURRENT = StockPolicy.debian();

	private static final SecurityOptions DEBIAN_OPTIONS = StockPolicy.debian().options();

	@Test
	void importsDebiansOwnCf() throws IOException {
		assumeTrue(Files.isReadable(HostTools.DEBIAN_CF), "no " + HostTools.DEBIAN_CF);
		assertImportsDebiansSettings(Files.readString(HostTools.DEBIAN_CF));
	}

	@Test
	void importsTheShippedBase() {
		assertImportsDebiansSettings(StockPolicy.debianBaseCf());
	}

	@Test
	void importsTheCfM4BuildsFromDebiansMc() throws IOException {
		HostTools.assumeDebianMc();
		HostTools.Run m4 = HostTools.m4(Files.readString(HostTools.DEBIAN_MC));
		assertThat(m4.errors()).isEmpty();
		assertImportsDebiansSettings(m4.output());
	}

	@Test
	void importsM4sTrustedUsersFileAndSmrsh() {
		HostTools.assumeM4();
		String cf = HostTools.buildCf("OSTYPE(`linux')dnl", "FEATURE(`smrsh')dnl", "FEATURE(`use_ct_file')dnl",
				"define(`confCT_FILE', `-o /etc/mail/trusted-users')dnl",
				"define(`confTRUSTED_USERS', `majordomo listmgr')dnl", "MAILER(`local')dnl", "MAILER(`smtp')dnl");
		Policy policy = importCf(cf).policy();
		assertThat(policy.trustedUsers().lineStyle()).isEqualTo(TrustedUsers.LineStyle.T);
		assertThat(policy.trustedUsers().users()).containsExactly("root", "daemon", "uucp", "majordomo", "listmgr");
		assertThat(policy.trustedUsers().file())
			.isEqualTo(new TrustedUsersFile("/etc/mail/trusted-users", true, List.of()));
		assertThat(policy.smrsh().enabled()).isTrue();
		assertThat(policy.smrsh().smrshPath()).isEqualTo(progPath(cf));
		assertThat(policy.options().logLevel()).isEqualTo(9);
		assertThat(policy.options().tempFileMode()).isEqualTo("0600");
		assertThat(policy.options().defaultUser()).isNull();
	}

	@Test
	void takesRepeatedTrustedUsersOnceAndSaysSo() {
		HostImporter.Result result = importCf(base("Tuucp\n", "Tuucp\nTuucp majordomo\nCt root\n"));
		assertThat(result.policy().trustedUsers().users()).containsExactly("root", "daemon", "uucp", "majordomo");
		assertThat(result.ignored()).contains("cf: trusted user 'uucp' is listed more than once: taken once",
				"cf: trusted user 'root' is listed more than once: taken once");
	}

	@Test
	void takesTheLastOfAnOptionSetTwiceAndSaysSo() {
		HostImporter.Result result = importCf(base("O LogLevel=9\n", "O LogLevel=12\nO loglevel=9\n"));
		assertThat(result.policy().options().logLevel()).isEqualTo(9);
		assertThat(result.taken()).contains("cf line 259: LogLevel=9 (read as sendmail reads its 2 lines)");
	}

	@Test
	void readsOptionsWithoutCaseShortAbbreviatedAndWithOddSeparators() {
		String cf = base("O LogLevel=9\n", "O Log=12\n", "O DefaultUser=mail:mail\n", "Oudaemon\n",
				"O PrivacyOptions=needmailhelo,needexpnhelo,needvrfyhelo,restrictqrun,restrictexpand,nobodyreturn,authwarnings\n",
				"O privacyoptions=goaway restrictmailq;RestrictQRun,,goaway\n",
				"O ForwardPath=$z/.forward.$w:$z/.forward\n", "O ForwardPath\n");
		HostImporter.Result result = importCf(cf);
		SecurityOptions options = result.policy().options();
		assertThat(options.logLevel()).isEqualTo(12);
		assertThat(options.defaultUser()).isEqualTo("daemon");
		assertThat(options.privacyOptions()).containsExactly("goaway", "restrictmailq", "restrictqrun");
		assertThat(options.forwardPath()).isEmpty();
	}

	@Test
	void takesAnUnsetOptionAsUnset() {
		HostImporter.Result result = importCf(base("O SafeFileEnvironment=/\n", "#O SafeFileEnvironment=/\n"));
		assertThat(result.policy().options().safeFileEnvironment()).isNull();
		assertThat(result.taken()).contains("cf: SafeFileEnvironment is not set (sendmail's default)");
	}

	@Test
	void readsFtLinesWithAndWithoutMinusO() {
		Policy optional = importCf(base("#Ft/etc/mail/trusted-users %[^\\#]\n", "Ft-o /etc/mail/trusted-users\n"))
			.policy();
		assertThat(optional.trustedUsers().file())
			.isEqualTo(new TrustedUsersFile("/etc/mail/trusted-users", true, List.of()));
		Policy required = importCf(base("#Ft/etc/mail/trusted-users %[^\\#]\n", "Ft/etc/mail/tu %[^\\#]\n")).policy();
		assertThat(required.trustedUsers().file()).isEqualTo(new TrustedUsersFile("/etc/mail/tu", false, List.of()));
		Policy spaced = importCf(base("#Ft/etc/mail/trusted-users %[^\\#]\n", "Ft -o /etc/mail/tu\n")).policy();
		assertThat(spaced.trustedUsers().file()).isEqualTo(new TrustedUsersFile("/etc/mail/tu", true, List.of()));
		Policy braces = importCf(base("#Ft/etc/mail/trusted-users %[^\\#]\n", "F{t}/etc/mail/tu\n")).policy();
		assertThat(braces.trustedUsers().file()).isEqualTo(new TrustedUsersFile("/etc/mail/tu", false, List.of()));
	}

	@Test
	void readsTheTrustedUsersFileItselfWithComments() {
		String cf = base("#Ft/etc/mail/trusted-users %[^\\#]\n", "Ft-o /etc/mail/trusted-users %[^\\#]\n");
		HostImporter.Result result = HostImporter.apply(CURRENT, new HostFiles(bytes(cf), null,
				bytes("# trusted by sendmail\nmajordomo\nlistmgr # lists\n\nmajordomo\n"), null, null), "");
		assertThat(result.policy().trustedUsers().file().users()).containsExactly("majordomo", "listmgr");
		assertThat(result.ignored()).contains("trustedUsers: 'majordomo' is listed more than once: taken once");
	}

	@Test
	void turnsSmrshOnFromTheProgMailersProgram() {
		String cf = base("P=/bin/sh, F=lsDFMoqeu9", "P=/usr/libexec/sendmail/smrsh, F=lsDFMoqeu9", "A=sh -c $u",
				"A=smrsh -c $u");
		Smrsh smrsh = importCf(cf).policy().smrsh();
		assertThat(smrsh.enabled()).isTrue();
		assertThat(smrsh.smrshPath()).isEqualTo("/usr/libexec/sendmail/smrsh");
		assertThat(smrsh.programs()).isEqualTo(CURRENT.smrsh().programs());
	}

	@Test
	void turnsSmrshOffForAShell() {
		Policy on = CURRENT.withSmrsh(new Smrsh(true, "/usr/sbin/smrsh", "/etc/mail/smrsh", List.of()));
		HostImporter.Result result = HostImporter.apply(on,
				new HostFiles(bytes(StockPolicy.debianBaseCf()), null, null, null, null), "");
		assertThat(result.policy().smrsh().enabled()).isFalse();
		assertThat(result.policy().smrsh().smrshPath()).isEqualTo("/usr/sbin/smrsh");
		assertThat(result.taken()).contains("cf: smrsh off, the prog mailer runs /bin/sh");
	}

	@Test
	void readsALogLevelAsAtoiDoesAfterAComment() {
		assertThat(importCf(base("O LogLevel=9\n", "O LogLevel=11   # audit\n")).policy().options().logLevel())
			.isEqualTo(11);
		assertThat(importCf(base("O LogLevel=9\n", "O LogLevel= 12abc\n")).policy().options().logLevel()).isEqualTo(12);
	}

	@Test
	void refusesAClassFilledFromAProgramHoweverSpelled() {
		for (String line : List.of("Fx|/tmp/prog\n", "Fx\u000b|/tmp/prog\n", "Fx -oX |/tmp/prog\n",
				"Fx key@program:/tmp/prog args\n", "F{ t}\"|/tmp/prog\"\n")) {
			assertRefused(base("O LogLevel=9\n", "O LogLevel=9\n" + line), "line 259", "program or a map");
		}
	}

	@Test
	void refusesALoneCarriageReturnAndReadsCrlfLineEnds() {
		assertRefused(base("O LogLevel=9\n", "O LogLevel=9\rx\n"), "line 258", "carriage return");
		HostImporter.Result crlf = importCf(StockPolicy.debianBaseCf().replace("\n", "\r\n"));
		assertThat(crlf.baseCf()).isEqualTo(StockPolicy.debianBaseCf());
		assertThat(crlf.taken()).contains("cf: CRLF line ends read as sendmail reads them and stored as LF");
	}

	@Test
	void refusesACfThatIsNotUtf8() {
		byte[] latin1 = base("# Copyright", "# Copyright \u00a9").getBytes(StandardCharsets.ISO_8859_1);
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> HostImporter.apply(CURRENT, new HostFiles(latin1, null, null, null, null), ""))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field).containsExactly("cf"));
	}

	@Test
	void readsShellsWithCommentsAndTheAnyShellEntry() {
		String shells = "# /etc/shells: valid login shells\n/bin/sh\n\n  /bin/bash  \n# /bin/csh\n/SENDMAIL/ANY/SHELL/\n"
				+ "/bin/sh\n/usr/bin/zsh";
		HostImporter.Result result = HostImporter.apply(CURRENT, new HostFiles(null, bytes(shells), null, null, null),
				"");
		assertThat(result.policy().shells().entries()).containsExactly("/bin/sh", "/bin/bash", "/usr/bin/zsh");
		assertThat(result.policy().shells().allowAnyShell()).isTrue();
		assertThat(result.ignored()).anySatisfy((line) -> assertThat(line).contains("/SENDMAIL/ANY/SHELL/"));
		assertThat(result.ignored()).contains("shells: '/bin/sh' is listed more than once: taken once");
	}

	@Test
	void readsTheSmBinDirectoryFromLsMinusL(@TempDir Path dir) throws IOException {
		Path smrsh = smBinDirectory(dir);
		for (String flags : List.of("-l", "-la", "-lan")) {
			String listing = HostTools.run(dir, "", "ls", flags, smrsh.toString()).output();
			HostImporter.Result result = HostImporter.apply(CURRENT,
					new HostFiles(null, null, null, bytes(listing), null), "");
			assertThat(result.policy().smrsh().programs()).as(listing)
				.containsExactlyInAnyOrder(new Smrsh.Program("mail.local", "/usr/libexec/sendmail/mail.local"),
						new Smrsh.Program("vacation", "/usr/bin/vacation"),
						new Smrsh.Program("procmail", "/usr/bin/procmail"));
			assertThat(result.ignored()).as(listing)
				.anySatisfy(
						(line) -> assertThat(line).startsWith("smbin: 'notes' is a regular file: smrsh would run it"));
		}
	}

	@Test
	void readsTheSmBinDirectoryFromATarWithSymlinks(@TempDir Path dir) throws IOException {
		Path smrsh = smBinDirectory(dir);
		for (String flags : List.of("-cf", "-czf")) {
			Path tar = dir.resolve("smbin.tar" + flags);
			HostTools.Run run = HostTools.run(dir, "", "tar", "-C", smrsh.toString(), flags, tar.toString(), ".");
			assertThat(run.exitCode()).as(run.errors()).isZero();
			HostImporter.Result result = HostImporter.apply(CURRENT,
					new HostFiles(null, null, null, Files.readAllBytes(tar), null), "");
			assertThat(result.policy().smrsh().programs()).containsExactlyInAnyOrder(
					new Smrsh.Program("mail.local", "/usr/libexec/sendmail/mail.local"),
					new Smrsh.Program("vacation", "/usr/bin/vacation"),
					new Smrsh.Program("procmail", "/usr/bin/procmail"));
			assertThat(result.ignored())
				.contains(
						"smbin: './old/sh' is in a subdirectory: smrsh runs only programs directly in /etc/mail/smrsh")
				.anySatisfy(
						(line) -> assertThat(line).startsWith("smbin: 'notes' is a regular file: smrsh would run it"));
		}
	}

	@Test
	void readsOverrideFilesFromATarPlainOrGzipped(@TempDir Path dir) throws IOException {
		Path forwards = overrideDirectory(dir);
		for (String flags : List.of("-cf", "-czf")) {
			Path tar = dir.resolve("forwards.tar" + flags);
			assertThat(HostTools.run(dir, "", "tar", "-C", forwards.toString(), flags, tar.toString(), ".").exitCode())
				.isZero();
			HostImporter.Result result = HostImporter.apply(CURRENT,
					new HostFiles(null, null, null, null, Files.readAllBytes(tar)), "");
			assertThat(result.policy().forwards().overrides()).containsExactlyInAnyOrder(
					new Forwards.OverrideFile("bob", ""),
					new Forwards.OverrideFile("alice", "\\alice\nalice@elsewhere.example\n"));
			assertThat(result.policy().forwards().directory()).isEqualTo(CURRENT.forwards().directory());
			assertThat(result.ignored()).contains("forwards: './README' is not a <user>.forward file",
					"forwards: './old/carol.forward' is in a subdirectory: sendmail reads only"
							+ " /usr/local/etc/forwards/<user>.forward");
		}
	}

	@Test
	void readsOverrideFilesFromATarOfTheDirectoryItself(@TempDir Path dir) throws IOException {
		overrideDirectory(dir);
		Path tar = dir.resolve("forwards.tar");
		assertThat(HostTools.run(dir, "", "tar", "-C", dir.toString(), "-cf", tar.toString(), "forwards").exitCode())
			.isZero();
		HostImporter.Result result = HostImporter.apply(CURRENT,
				new HostFiles(null, null, null, null, Files.readAllBytes(tar)), "");
		assertThat(result.policy().forwards().overrides()).extracting(Forwards.OverrideFile::user)
			.containsExactlyInAnyOrder("bob", "alice");
		assertThat(result.ignored()).anySatisfy(
				(line) -> assertThat(line).startsWith("forwards: 'forwards/old/carol.forward' is in a subdirectory"));
	}

	private static Path overrideDirectory(Path dir) throws IOException {
		Path forwards = Files.createDirectories(dir.resolve("forwards"));
		Files.writeString(forwards.resolve("bob.forward"), "");
		Files.writeString(forwards.resolve("alice.forward"), "\\alice\nalice@elsewhere.example\n");
		Files.writeString(forwards.resolve("README"), "not an override\n");
		Files.createDirectories(forwards.resolve("old"));
		Files.writeString(forwards.resolve("old/carol.forward"), "carol\n");
		return forwards;
	}

	@Test
	void refusesForwardsThatAreNotATar() {
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> HostImporter.apply(CURRENT,
					new HostFiles(null, null, null, null, bytes("bob.forward\nalice.forward\n")), ""))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field).containsExactly("forwards"));
	}

	private static Path smBinDirectory(Path dir) throws IOException {
		Path smrsh = Files.createDirectories(dir.resolve("smrsh"));
		Files.createSymbolicLink(smrsh.resolve("mail.local"), Path.of("/usr/libexec/sendmail/mail.local"));
		Files.createSymbolicLink(smrsh.resolve("vacation"), Path.of("/usr/bin/vacation"));
		Files.createSymbolicLink(smrsh.resolve("procmail"), Path.of("../../../usr/bin/procmail"));
		Files.writeString(smrsh.resolve("notes"), "a plain file\n");
		Files.createDirectories(smrsh.resolve("old"));
		Files.createSymbolicLink(smrsh.resolve("old/sh"), Path.of("/bin/sh"));
		return smrsh;
	}

	private static void assertImportsDebiansSettings(String cf) {
		HostImporter.Result result = importCf(cf);
		Policy policy = result.policy();
		assertThat(result.baseCf()).isEqualTo(cf);
		assertThat(policy.trustedUsers())
			.isEqualTo(new TrustedUsers(TrustedUsers.LineStyle.T, List.of("root", "daemon", "uucp"), null));
		assertThat(policy.options()).isEqualTo(DEBIAN_OPTIONS);
		assertThat(policy.smrsh().enabled()).isFalse();
		assertThat(policy.shells()).isEqualTo(CURRENT.shells());
		assertThat(result.ignored()).isEmpty();
		assertThat(result.taken()).contains("cf: kept as the base of sendmail.cf",
				"cf: trusted users [root, daemon, uucp] as T lines");
	}

	private static void assertRefused(String cf, String... message) {
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> importCf(cf))
			.satisfies((ex) -> assertThat(ex.violations()).singleElement().satisfies((violation) -> {
				assertThat(violation.field()).isEqualTo("cf");
				assertThat(violation.message()).contains(message);
			}));
	}

	static HostImporter.Result importCf(String cf) {
		return HostImporter.apply(CURRENT, new HostFiles(bytes(cf), null, null, null, null), "");
	}

	static String base(String... fromTo) {
		String cf = StockPolicy.debianBaseCf();
		for (int i = 0; i < fromTo.length; i += 2) {
			int at = cf.indexOf(fromTo[i]);
			assertThat(at).as("'%s' in the base", fromTo[i]).isNotNegative();
			cf = cf.substring(0, at) + fromTo[i + 1] + cf.substring(at + fromTo[i].length());
		}
		return cf;
	}

	private static String progPath(String cf) {
		return cf.lines()
			.filter((line) -> line.startsWith("Mprog"))
			.findFirst()
			.orElseThrow()
			.replaceFirst("\\AMprog,\\s*P=([^,]*),.*\\z", "$1");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
