package org.smguard.render;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.smguard.cf.CfText;
import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Smrsh;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smguard.render.CfEdits.base;
import static org.smguard.render.CfEdits.linesStartingWith;

/**
 * What {@link CfRenderer} does to each kind of managed line: a value that means what the
 * policy says keeps its base line byte for byte, an unset option is commented out, a
 * replaced line is never left twice, and everything else stays as it is. Where the real
 * sendmail is installed, each rendered cf must also read back as the policy says.
 */
class CfRendererTests {

	private static final Policy STOCK = StockPolicy.debian();

	private static final SendmailCheck CHECK = HostTools.sendmailCheck(HostTools.SENDMAIL, Duration.ofSeconds(15));

	@Test
	void keepsBaseLinesWhoseValuesMeanWhatThePolicySays() {
		String cf = base("O LogLevel=9\n", "O LogLevel=09\n", "O TempFileMode=0640\n", "O TempFileMode=640\n",
				"O PrivacyOptions=needmailhelo,needexpnhelo,needvrfyhelo,restrictqrun,restrictexpand,nobodyreturn,authwarnings\n",
				"O PrivacyOptions=AuthWarnings needmailhelo;needexpnhelo, needvrfyhelo:restrictqrun\trestrictexpand,,nobodyreturn\n");
		String rendered = CfRenderer.render(STOCK, cf);
		assertThat(rendered).isEqualTo(cf);
		assertReadsBackAsPolicy(STOCK, rendered);
	}

	@Test
	void keepsLowerCaseAndShortOptionNamesWhenTheValueIsTheSame() {
		String cf = base("O LogLevel=9\n", "O loglevel=9\n", "O DefaultUser=mail:mail\n", "Oumail:mail\n");
		assertThat(CfRenderer.render(STOCK, cf)).isEqualTo(cf);
	}

	@Test
	void commentsOutAnUnsetOption() {
		Policy policy = withOptions(STOCK, null, 9);
		String rendered = CfRenderer.render(policy, CfEdits.BASE);
		assertThat(rendered).contains("\n#O DefaultUser=mail:mail\n");
		assertThat(activeOption(rendered, "DefaultUser")).isEmpty();
		assertThat(rendered.lines().count()).isEqualTo(CfEdits.BASE.lines().count());
		assertReadsBackAsPolicy(policy, rendered);
	}

	@Test
	void commentsOutEveryLineOfAnUnsetOptionSetTwice() {
		String cf = base("O DefaultUser=mail:mail\n", "O DefaultUser=daemon\nO DefaultUser=mail:mail\n");
		String rendered = CfRenderer.render(withOptions(STOCK, null, 9), cf);
		assertThat(activeOption(rendered, "DefaultUser")).isEmpty();
		assertThat(rendered).contains("\n#O DefaultUser=daemon\n#O DefaultUser=mail:mail\n");
	}

	@Test
	void setsAnOptionTheBaseHasCommentedOutInPlaceOfTheComment() {
		Policy policy = withPostmasterCopy(STOCK, "postmaster");
		String rendered = CfRenderer.render(policy, CfEdits.BASE);
		assertThat(rendered).contains("\nO PostmasterCopy=postmaster\n").doesNotContain("#O PostmasterCopy");
		assertThat(rendered.lines().count()).isEqualTo(CfEdits.BASE.lines().count());
		assertReadsBackAsPolicy(policy, rendered);
	}

	@Test
	void addsAnOptionTheBaseDoesNotMentionAfterTheLastOptionLine() {
		String cf = base("#O PostmasterCopy=Postmaster\n", "");
		Policy policy = withPostmasterCopy(STOCK, "postmaster");
		String rendered = CfRenderer.render(policy, cf);
		assertThat(linesStartingWith(rendered, "O PostmasterCopy")).containsExactly("O PostmasterCopy=postmaster");
		assertReadsBackAsPolicy(policy, rendered);
	}

	@Test
	void leavesAReplacedOptionSetTwiceOnlyOnce() {
		String cf = base("O LogLevel=9\n", "O LogLevel=9\n", "O SafeFileEnvironment=/\n",
				"O SafeFileEnvironment=/\nO LogLevel=10\n");
		Policy policy = withOptions(STOCK, "mail:mail", 12);
		String rendered = CfRenderer.render(policy, cf);
		assertThat(activeOption(rendered, "LogLevel")).containsExactly("O LogLevel=12");
		assertThat(rendered.lines().count()).isEqualTo(cf.lines().count() - 1);
		assertReadsBackAsPolicy(policy, rendered);
	}

	@Test
	void replacesLowerCaseShortAndAbbreviatedOptionLinesWithoutLeavingThem() {
		for (String spelling : List.of("O loglevel=10", "OL10", "O Log=10", "O LOGLEVEL = 10")) {
			String cf = base("O LogLevel=9\n", spelling + "\n");
			Policy policy = withOptions(STOCK, "mail:mail", 12);
			String rendered = CfRenderer.render(policy, cf);
			assertThat(activeOption(rendered, "LogLevel")).as(spelling).containsExactly("O LogLevel=12");
			assertThat(rendered).as(spelling).doesNotContain(spelling);
			assertReadsBackAsPolicy(policy, rendered);
		}
	}

	@Test
	void writesTrustedUsersWhereTheFirstClassLineWasAndRemovesTheOthers() {
		String cf = base("Tuucp\n", "", "Mprog,", "Tuucp majordomo\nCt listmgr\nMprog,");
		Policy policy = STOCK
			.withTrustedUsers(new TrustedUsers(TrustedUsers.LineStyle.T, List.of("root", "bin"), null));
		String rendered = CfRenderer.render(policy, cf);
		assertThat(rendered.lines().filter((line) -> line.matches("\\A(T|Ct|C\\{t\\}).*"))).containsExactly("Troot",
				"Tbin");
		assertThat(rendered).contains("#Ft/etc/mail/trusted-users %[^\\#]\nTroot\nTbin\n");
		assertReadsBackAsPolicy(policy, rendered);
	}

	@Test
	void keepsMixedClassLinesThatHoldThePolicysNames() {
		String cf = base("Tdaemon\nTuucp\n", "Ct daemon uucp\nT uucp\n");
		Policy policy = STOCK
			.withTrustedUsers(new TrustedUsers(TrustedUsers.LineStyle.T, List.of("root", "daemon", "uucp"), null));
		assertThat(CfRenderer.render(policy, cf)).isEqualTo(cf);
	}

	@Test
	void writesCtLinesWhenThePolicyAsksForThem() {
		Policy policy = STOCK
			.withTrustedUsers(new TrustedUsers(TrustedUsers.LineStyle.Ct, List.of("root", "daemon", "uucp"), null));
		String rendered = CfRenderer.render(policy, CfEdits.BASE);
		assertThat(rendered).contains("\nCtroot\nCtdaemon\nCtuucp\n").doesNotContain("\nTroot");
		assertReadsBackAsPolicy(policy, rendered);
	}

	@Test
	void removesEveryClassLineForAnEmptyList() {
		Policy policy = STOCK.withTrustedUsers(new TrustedUsers(TrustedUsers.LineStyle.T, List.of(), null));
		String rendered = CfRenderer.render(policy, CfEdits.BASE);
		assertThat(linesStartingWith(rendered, "T")).isEmpty();
		assertReadsBackAsPolicy(policy, rendered);
	}

	@Test
	void leavesOneFtLineOfTwoAndKeepsItsPattern() {
		String cf = base("#Ft/etc/mail/trusted-users %[^\\#]\n",
				"Ft/etc/mail/old-trusted %[^\\#]\nFt-o /etc/mail/trusted-users %[^\\#]\n");
		Policy policy = STOCK
			.withTrustedUsers(new TrustedUsers(TrustedUsers.LineStyle.T, List.of("root", "daemon", "uucp"),
					new TrustedUsersFile("/etc/mail/smguard-trusted", false, List.of())));
		String rendered = CfRenderer.render(policy, cf);
		assertThat(linesStartingWith(rendered, "Ft")).containsExactly("Ft/etc/mail/smguard-trusted %[^\\#]");
		assertThat(rendered.lines().count()).isEqualTo(cf.lines().count() - 1);
	}

	@Test
	void commentsOutTheFtLineWhenThePolicyHasNoFile() {
		String cf = base("#Ft/etc/mail/trusted-users %[^\\#]\n", "Ft-o /etc/mail/trusted-users %[^\\#]\n");
		String rendered = CfRenderer.render(STOCK, cf);
		assertThat(linesStartingWith(rendered, "Ft")).isEmpty();
		assertThat(rendered).contains("\n#Ft-o /etc/mail/trusted-users %[^\\#]\n");
	}

	@Test
	void keepsTheFtLineWhenItNamesThePolicysFile() {
		String cf = base("#Ft/etc/mail/trusted-users %[^\\#]\n", "Ft-o  /etc/mail/trusted-users\n");
		Policy policy = STOCK.withTrustedUsers(new TrustedUsers(TrustedUsers.LineStyle.T,
				List.of("root", "daemon", "uucp"), new TrustedUsersFile("/etc/mail/trusted-users", true, List.of())));
		assertThat(CfRenderer.render(policy, cf)).isEqualTo(cf);
	}

	@Test
	void pointsTheProgMailerAtSmrshAndKeepsItsOtherFieldsAndContinuationLines() {
		Policy policy = STOCK.withSmrsh(new Smrsh(true, "/usr/libexec/sendmail/smrsh", "/etc/mail/smrsh", List.of()));
		String rendered = CfRenderer.render(policy, CfEdits.BASE);
		assertThat(rendered).contains("Mprog,\t\tP=/usr/libexec/sendmail/smrsh, F=lsDFMoqeu9, S=EnvFromL/HdrFromL,"
				+ " R=EnvToL/HdrToL, D=$z:/,\n\t\tT=X-Unix/X-Unix/X-Unix,\n\t\tA=smrsh -c $u\n");
		assertThat(rendered.lines().count()).isEqualTo(CfEdits.BASE.lines().count());
		assertReadsBackAsPolicy(policy, rendered);
	}

	@Test
	void pointsTheProgMailerBackAtTheShellWhenSmrshIsTurnedOff() {
		String cf = base("P=/bin/sh, F=lsDFMoqeu9", "P=/usr/sbin/smrsh, F=lsDFMoqeu9", "A=sh -c $u", "A=smrsh  -c $u");
		String rendered = CfRenderer.render(STOCK, cf);
		assertThat(rendered).isEqualTo(CfEdits.BASE);
	}

	@Test
	void keepsAProgMailerThatAlreadyRunsThePolicysSmrsh() {
		String cf = base("P=/bin/sh, F=lsDFMoqeu9", "P=/usr/sbin/smrsh, F=lsDFMoqeu9", "A=sh -c $u", "A=smrsh  -c $u");
		Policy policy = STOCK.withSmrsh(new Smrsh(true, "/usr/sbin/smrsh", "/etc/mail/smrsh", List.of()));
		assertThat(CfRenderer.render(policy, cf)).isEqualTo(cf);
	}

	@Test
	void rewritesEveryProgDefinitionWhateverItsCaseAndFieldNames() {
		Policy policy = STOCK.withSmrsh(new Smrsh(true, "/usr/libexec/sendmail/smrsh", "/etc/mail/smrsh", List.of()));
		String cf = CfEdits.BASE + "MPROG, Path=/bin/sh, F=lsDFMoqeu9, S=EnvFromL/HdrFromL, R=EnvToL/HdrToL,\n"
				+ "\tArgv=sh -c $u\n";
		String rendered = CfRenderer.render(policy, cf);
		assertThat(rendered).contains("MPROG, P=/usr/libexec/sendmail/smrsh, F=lsDFMoqeu9, S=EnvFromL/HdrFromL,"
				+ " R=EnvToL/HdrToL, A=smrsh -c $u\n");
		assertThat(rendered).doesNotContain("/bin/sh");
		assertReadsBackAsPolicy(policy, rendered);
	}

	@Test
	void keepsOptionLinesThatTogetherMeanThePolicy() {
		String cf = CfEdits.replace(CfEdits.BASE, "O PrivacyOptions=", "O PrivacyOptions=noexpn\nO PrivacyOptions=");
		Policy policy = STOCK.withOptions(new SecurityOptions(STOCK.options().defaultUser(),
				STOCK.options().forwardPath(), STOCK.options().logLevel(), STOCK.options().postmasterCopy(),
				List.of("needmailhelo", "needexpnhelo", "needvrfyhelo", "restrictqrun", "restrictexpand",
						"nobodyreturn", "authwarnings", "noexpn"),
				STOCK.options().safeFileEnvironment(), STOCK.options().tempFileMode()));
		String rendered = CfRenderer.render(policy, cf);
		assertThat(rendered).contains("O PrivacyOptions=noexpn\nO PrivacyOptions=needmailhelo,");
		assertReadsBackAsPolicy(policy, rendered);
		assertThat(CfRenderer.render(STOCK, cf)).doesNotContain("O PrivacyOptions=noexpn");
	}

	@Test
	void keepsAMissingFinalNewlineMissing() {
		String cf = CfEdits.BASE.stripTrailing();
		assertThat(CfRenderer.render(STOCK, cf)).isEqualTo(cf);
		assertThat(CfRenderer.render(withOptions(STOCK, "mail:mail", 12), cf)).doesNotEndWith("\n");
	}

	private static List<String> activeOption(String cf, String name) {
		return cf.lines()
			.filter((line) -> CfText.optionOf(line).map((o) -> o.name().equals(name)).orElse(false))
			.toList();
	}

	static Policy withOptions(Policy policy, String defaultUser, Integer logLevel) {
		SecurityOptions o = policy.options();
		return policy.withOptions(new SecurityOptions(defaultUser, o.forwardPath(), logLevel, o.postmasterCopy(),
				o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
	}

	static Policy withPostmasterCopy(Policy policy, String postmasterCopy) {
		SecurityOptions o = policy.options();
		return policy.withOptions(new SecurityOptions(o.defaultUser(), o.forwardPath(), o.logLevel(), postmasterCopy,
				o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
	}

	/**
	 * Where sendmail is installed, it reads the cf without error and as the policy says.
	 */
	static void assertReadsBackAsPolicy(Policy policy, String cf) {
		if (!HostTools.hasSendmail()) {
			return;
		}
		SendmailCheck.Result result = CHECK.check(policy, cf);
		assertThat(result.errors()).as("sendmail's read-back").isEmpty();
		assertThat(result.status()).isEqualTo(SendmailCheck.Status.PASSED);
	}

}
