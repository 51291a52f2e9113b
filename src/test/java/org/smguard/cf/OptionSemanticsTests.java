package org.smguard.cf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OptionSemantics} makes of option lines what sendmail 8.17's setoption makes of
 * them, for sendmail reading its own cf as root (every option safe, so the last LogLevel
 * wins rather than the highest). The values were checked against sendmail 8.17.1.9 in the
 * sandbox: LogLevel by the level at which an SMTP session logs its commands
 * ({@code LogLevel > 14}), TempFileMode by the mode of the pid file it creates (umask
 * 022), PrivacyOptions by its SMTP answers to EXPN, VRFY, VERB and MAIL and the names it
 * reports as unrecognized, DefaultUser by the user and group names it reports unknown and
 * {@code -d37.4}'s uid.
 */
class OptionSemanticsTests {

	@Test
	void letsTheLastLineWin() {
		assertThat(effective(set("LogLevel", "9"), set("LogLevel", "3"), set("TempFileMode", "0600"),
				set("TempFileMode", "0644"), set("ForwardPath", "/a"), set("ForwardPath", "$z/.forward"),
				set("PostmasterCopy", "root"), set("PostmasterCopy", "postmaster"), set("SafeFileEnvironment", "/a"),
				set("SafeFileEnvironment", "/b")))
			.containsExactlyInAnyOrderEntriesOf(Map.of("LogLevel", "3", "TempFileMode", "0644", "ForwardPath",
					"$z/.forward", "PostmasterCopy", "postmaster", "SafeFileEnvironment", "/b"));
	}

	@Test
	void leavesOutOptionsNeverSet() {
		assertThat(effective()).isEmpty();
		assertThat(effective(set("LogLevel", "9"))).containsOnlyKeys("LogLevel");
	}

	@Test
	void ignoresOptionsItDoesNotManage() {
		assertThat(effective(set("Timeout", "5d"), set("L", "1"))).isEmpty();
	}

	@Test
	void keepsForwardPathAndPostmasterCopyRaw() {
		assertThat(effective(set("ForwardPath", " $z/.forward\t"), set("PostmasterCopy", "")))
			.containsEntry("ForwardPath", " $z/.forward\t")
			.containsEntry("PostmasterCopy", "");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			9                       | 9
			' 11'                   | 11
			12abc                   | 12
			\\t+15x                 | 15
			\\f15                   | 15
			\\n15                   | 15
			-5                      | -5
			015                     | 15
			x15                     | 0
			0x15                    | 0
			''                      | 0
			'3 # audit'             | 3
			4294967311              | 15
			4294967310              | 14
			-4294967281             | 15
			9223372036854775807     | -1
			99999999999999999999    | -1
			-9223372036854775808    | 0
			-99999999999999999999   | 0
			""")
	void readsLogLevelAsGlibcsAtoi(String value, String level) {
		String unescaped = value.replace("\\t", "\t").replace("\\f", "\f").replace("\\n", "\n");
		assertThat(OptionSemantics.atoi(unescaped)).isEqualTo(Integer.parseInt(level));
		assertThat(effective(set("LogLevel", unescaped))).containsEntry("LogLevel", level);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			0600      | 0600
			600       | 0600
			0644      | 0644
			0640x     | 0640
			0680      | 0006
			01777     | 0777
			777       | 0777
			1000644   | 0644
			9         | 0000
			' 0644'   | 0000
			-644      | 0000
			+644      | 0000
			''        | 0000
			""")
	void readsTempFileModeAsAtooctMaskedTo0777(String value, String mode) {
		assertThat(effective(set("TempFileMode", value))).containsEntry("TempFileMode", mode);
	}

	@Test
	void readsOnlyLeadingOctalDigitsInAtooct() {
		assertThat(OptionSemantics.atooct("0640")).isEqualTo(0640);
		assertThat(OptionSemantics.atooct("78")).isEqualTo(07);
		assertThat(OptionSemantics.atooct(" 7")).isZero();
	}

	@Test
	void addsUpTheFlagsOfEveryPrivacyOptionsLine() {
		assertThat(effective(set("PrivacyOptions", "noexpn"), set("PrivacyOptions", "novrfy")))
			.containsEntry("PrivacyOptions", "noexpn,novrfy");
	}

	@Test
	void neverClearsFlagsWithPublic() {
		assertThat(effective(set("PrivacyOptions", "noexpn"), set("PrivacyOptions", "public")))
			.containsEntry("PrivacyOptions", "noexpn");
		assertThat(effective(set("PrivacyOptions", "public"))).containsEntry("PrivacyOptions", "public");
		assertThat(effective(set("PrivacyOptions", ""))).containsEntry("PrivacyOptions", "public");
		assertThat(effective(set("PrivacyOptions", ",,,"))).containsEntry("PrivacyOptions", "public");
	}

	@Test
	void namesGoawayForAllItsBitsAndTheFlagsBeyondIt() {
		assertThat(effective(set("PrivacyOptions", "NoExpn,GOAWAY"))).containsEntry("PrivacyOptions", "goaway");
		assertThat(effective(set("PrivacyOptions", "goaway noreceipts restrictmailq"))).containsEntry("PrivacyOptions",
				"goaway,restrictmailq,noreceipts");
		// Every flag goaway sets, listed one by one, is still only most of goaway.
		assertThat(effective(
				set("PrivacyOptions", "needmailhelo needexpnhelo needvrfyhelo noexpn novrfy noverb authwarnings")))
			.containsEntry("PrivacyOptions",
					"needmailhelo,needexpnhelo,needvrfyhelo,noexpn,novrfy,noverb,authwarnings");
	}

	@Test
	void splitsPrivacyOptionsAtBlanksAndPunctuationAsSetoptionDoes() {
		// sendmail: foo, bar, baz, qux and quux unrecognized.
		List<String> unknown = new ArrayList<>();
		long mask = OptionSemantics.privacyMask("noexpn,novrfy foo\tbar;baz.qux\n\tquux", unknown);
		assertThat(mask).isEqualTo(0x8 | 0x10);
		assertThat(unknown).containsExactly("foo", "bar", "baz", "qux", "quux");
	}

	@Test
	void splitsAHyphenOrUnderscoreInsideAFlagName() {
		// sendmail: Op line: no unrecognized, Op line: expn unrecognized.
		assertThat(effective(set("PrivacyOptions", "no-expn"))).containsEntry("PrivacyOptions",
				"unknown:no,unknown:expn");
		assertThat(effective(set("PrivacyOptions", "no_expn"))).containsEntry("PrivacyOptions",
				"unknown:no,unknown:expn");
	}

	@Test
	void consumesWhateverByteFollowsAFlagName() {
		// A control character ends the name and is dropped: noexpn and novrfy, no
		// complaint.
		assertThat(effective(set("PrivacyOptions", "noexpn\u0001novrfy"))).containsEntry("PrivacyOptions",
				"noexpn,novrfy");
	}

	@Test
	void readsANonAsciiCharacterAsItsBytes() {
		// sendmail: noexpn, then "Op line: unrecognized" for the second byte of 'é'.
		List<String> unknown = new ArrayList<>();
		assertThat(OptionSemantics.privacyMask("noexpn\u00e9novrfy", unknown)).isEqualTo(0x8 | 0x10);
		assertThat(unknown).containsExactly("");
		// sendmail: abc unrecognized, then an empty name twice.
		unknown.clear();
		OptionSemantics.privacyMask("\u00e9abc", unknown);
		assertThat(unknown).containsExactly("", "", "abc");
	}

	@Test
	void knowsNoFlagSendmailWasBuiltWithout() {
		// Debian's sendmail is built without _FFR_NOREFLECT.
		assertThat(effective(set("PrivacyOptions", "noreflection"))).containsEntry("PrivacyOptions",
				"unknown:noreflection");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			mail             | mail
			mail:mail        | mail:mail
			mail.mail        | mail:mail
			mail/mail        | mail:mail
			mail:a.b         | mail:a.b
			mail:            | mail
			8                | 8
			8x               | 8
			8:8              | 8:8
			4294967304:mail  | 8:mail
			8:nogroup        | 8:nogroup
			' mail'          | ' mail'
			""")
	void splitsDefaultUserAtTheFirstDotSlashOrColon(String value, String effective) {
		assertThat(effective(set("DefaultUser", value))).containsEntry("DefaultUser", effective);
	}

	@Test
	void keepsAnEarlierGroupForANumericUid() {
		assertThat(effective(set("DefaultUser", "mail:mail"), set("DefaultUser", "8"))).containsEntry("DefaultUser",
				"8:mail");
	}

	@Test
	void resetsTheGroupForAUserName() {
		// A name takes its group from the password file: the earlier group is gone.
		assertThat(effective(set("DefaultUser", "8:mail"), set("DefaultUser", "daemon"))).containsEntry("DefaultUser",
				"daemon");
		assertThat(effective(set("DefaultUser", "mail:mail"), set("DefaultUser", "daemon:")))
			.containsEntry("DefaultUser", "daemon");
	}

	@Test
	void replacesTheGroupWithALaterOneLetterGOption() {
		assertThat(effective(set("DefaultUser", "mail:mail"), set("g", "mailnull"))).containsEntry("DefaultUser",
				"mail:mailnull");
		assertThat(effective(set("DefaultUser", "mail:mail"), set("g", "5x"))).containsEntry("DefaultUser", "mail:5");
		// Og's rest is untrimmed: " 5" is a group name, which sendmail reports unknown.
		assertThat(effective(set("DefaultUser", "mail:mail"), set("g", " 5"))).containsEntry("DefaultUser", "mail: 5");
	}

	@Test
	void letsALaterDefaultUserReplaceAnEarlierGOption() {
		assertThat(effective(set("g", "mailnull"), set("DefaultUser", "mail:mail"))).containsEntry("DefaultUser",
				"mail:mail");
		assertThat(effective(set("g", "47"))).containsEntry("DefaultUser", ":47");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/var/x/         | /var/x
			/srv/mail//     | /srv/mail
			/srv            | /srv
			""")
	void stripsTrailingSlashesFromSafeFileEnvironment(String value, String effective) {
		assertThat(effective(set("SafeFileEnvironment", value))).containsEntry("SafeFileEnvironment", effective);
	}

	@Test
	void leavesThePreviousSafeFileEnvironmentForAnEmptyOrAllSlashValue() {
		assertThat(effective(set("SafeFileEnvironment", "/"))).doesNotContainKey("SafeFileEnvironment");
		assertThat(effective(set("SafeFileEnvironment", "//"))).doesNotContainKey("SafeFileEnvironment");
		assertThat(effective(set("SafeFileEnvironment", ""))).doesNotContainKey("SafeFileEnvironment");
		assertThat(effective(set("SafeFileEnvironment", "/a"), set("SafeFileEnvironment", "/")))
			.containsEntry("SafeFileEnvironment", "/a");
		assertThat(effective(set("SafeFileEnvironment", "/a"), set("SafeFileEnvironment", "")))
			.containsEntry("SafeFileEnvironment", "/a");
	}

	@Test
	void givesAPolicyValueTheMeaningOfOneOptionLine() {
		assertThat(OptionSemantics.ofPolicyValue("LogLevel", "09")).isEqualTo("9");
		assertThat(OptionSemantics.ofPolicyValue("TempFileMode", "640")).isEqualTo("0640");
		assertThat(OptionSemantics.ofPolicyValue("SafeFileEnvironment", "/")).isNull();
		assertThat(OptionSemantics.ofPolicyValue("DefaultUser", "mail.mail")).isEqualTo("mail:mail");
		assertThat(OptionSemantics.ofPolicyValue("LogLevel", null)).isNull();
	}

	private static OptionSemantics.Setting set(String name, String value) {
		return new OptionSemantics.Setting(name, value, 0);
	}

	private static Map<String, String> effective(OptionSemantics.Setting... settings) {
		return OptionSemantics.effective(List.of(settings));
	}

}
