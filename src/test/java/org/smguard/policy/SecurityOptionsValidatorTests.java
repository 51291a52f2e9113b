package org.smguard.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.validation.Rules;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SecurityOptionsValidator}.
 */
class SecurityOptionsValidatorTests {

	private static Violations validate(SecurityOptions options) {
		Violations violations = new Violations();
		SecurityOptionsValidator.validate(options, violations);
		return violations;
	}

	private static Violations defaultUser(String value) {
		return validate(new SecurityOptions(value, null, null, null, null, null, null));
	}

	private static Violations forwardPath(String value) {
		return validate(new SecurityOptions(null, value, null, null, null, null, null));
	}

	private static Violations logLevel(Integer value) {
		return validate(new SecurityOptions(null, null, value, null, null, null, null));
	}

	private static Violations postmasterCopy(String value) {
		return validate(new SecurityOptions(null, null, null, value, null, null, null));
	}

	private static Violations privacyOptions(String... flags) {
		return validate(new SecurityOptions(null, null, null, null, Arrays.asList(flags), null, null));
	}

	private static Violations safeFileEnvironment(String value) {
		return validate(new SecurityOptions(null, null, null, null, null, value, null));
	}

	private static Violations tempFileMode(String value) {
		return validate(new SecurityOptions(null, null, null, null, null, null, value));
	}

	private static void assertOnlyError(Violations violations, String field, String messagePart) {
		assertThat(violations.errors()).extracting(Violation::field).containsExactly(field);
		assertThat(violations.errors().get(0).message()).contains(messagePart);
		assertThat(Rules.hasLineBreakingCharacter(violations.errors().get(0).message())).isFalse();
	}

	private static void assertClean(Violations violations) {
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).isEmpty();
	}

	@Test
	void acceptsAllOptionsUnset() {
		assertClean(validate(SecurityOptions.unset()));
	}

	@Test
	void rejectsMissingSection() {
		assertThat(validate(null).errors()).containsExactly(new Violation("options", "is required"));
	}

	@Test
	void acceptsDebianOptions() {
		assertClean(validate(new SecurityOptions(
				"mail:mail", "$z/.forward.$w:$z/.forward", 9, null, List.of("needmailhelo", "needexpnhelo",
						"needvrfyhelo", "restrictqrun", "restrictexpand", "nobodyreturn", "authwarnings"),
				"/", "0640")));
	}

	// DefaultUser

	@ParameterizedTest
	@ValueSource(strings = { "mail:mail", "mailnull", "mailnull:mailnull", "8", "8:12", "mail:12", "8:mail", "1",
			"65533:65533", "2147483647", "2147483647:2147483647", "_smmsp", "Debian-exim:Debian-exim" })
	void acceptsValidDefaultUser(String value) {
		assertClean(defaultUser(value));
	}

	static Stream<Arguments> invalidDefaultUsers() {
		return Stream.of(Arguments.of("root", "must not be privileged"), Arguments.of("ROOT", "must not be privileged"),
				Arguments.of("root:mail", "must not be privileged"),
				Arguments.of("mail:root", "must not be privileged"),
				Arguments.of("mail:wheel", "must not be privileged"), Arguments.of("0", "must not be privileged"),
				Arguments.of("0:12", "uid 0 is root"), Arguments.of("8:0", "gid 0 is root"),
				Arguments.of("mail:0", "gid 0 is root"), Arguments.of("4294967296", "at most 2147483647"),
				Arguments.of("2147483648", "at most 2147483647"), Arguments.of("8:4294967296", "at most 2147483647"),
				Arguments.of("99999999999999999999999", "at most 2147483647"), Arguments.of("8abc", "all digits"),
				Arguments.of("8:12x", "all digits"), Arguments.of("1e3", "all digits"),
				Arguments.of("007", "leading zeros"), Arguments.of("00", "leading zeros"),
				Arguments.of("-5", "without sign"), Arguments.of("+5", "without sign"),
				Arguments.of("8:-1", "without sign"), Arguments.of("mail.mail", "'.' or '/'"),
				Arguments.of("first.last", "'.' or '/'"), Arguments.of("mail/mail", "'.' or '/'"),
				Arguments.of(".mail", "'.' or '/'"), Arguments.of("mail:mail:mail", "user, user:group, uid or uid:gid"),
				Arguments.of("", "user, user:group, uid or uid:gid"),
				Arguments.of(":mail", "user, user:group, uid or uid:gid"),
				Arguments.of("mail:", "user, user:group, uid or uid:gid"),
				Arguments.of("bad;user", Rules.USER_NAME_RULE), Arguments.of("mail mail", Rules.USER_NAME_RULE),
				Arguments.of("-mail", Rules.USER_NAME_RULE), Arguments.of("mail:bad;group", Rules.USER_NAME_RULE),
				Arguments.of("r\u043e\u043et", Rules.USER_NAME_RULE), Arguments.of("abc$", Rules.USER_NAME_RULE),
				Arguments.of("abcdefghijklmnopqrstuvwxyz0123456", Rules.USER_NAME_RULE),
				Arguments.of("mail\n", Rules.CONTROL_RULE), Arguments.of("mail\r", Rules.CONTROL_RULE),
				Arguments.of("ma\0il", Rules.CONTROL_RULE), Arguments.of("mail\u0085", Rules.CONTROL_RULE),
				Arguments.of("mail\u2028", Rules.CONTROL_RULE),
				Arguments.of("mail:mail\nO QueueDirectory=/tmp", Rules.CONTROL_RULE));
	}

	@ParameterizedTest
	@MethodSource("invalidDefaultUsers")
	void rejectsInvalidDefaultUser(String value, String messagePart) {
		assertOnlyError(defaultUser(value), "options.DefaultUser", messagePart);
	}

	@Test
	void namesTheOffendingPartOfDefaultUser() {
		assertThat(defaultUser("8abc").errors().get(0).message()).startsWith("'8abc' is not a valid uid");
		assertThat(defaultUser("mail:12x").errors().get(0).message()).startsWith("'12x' is not a valid gid");
	}

	// ForwardPath

	@ParameterizedTest
	@ValueSource(strings = { "", "$z/.forward", "$z/.forward.$w+$h", "/usr/local/etc/forwards/$u.forward:$z/.forward",
			"$z/.forward.$w:$z/.forward", "$z/.forward.$w+$h:$z/.forward+$h:$z/.forward.$w:$z/.forward",
			"/var/forward/$u", "/var/forward/$u/$h", "$z", "$u.forward", "$h/x", "$w/x" })
	void acceptsValidForwardPath(String value) {
		assertClean(forwardPath(value));
	}

	static Stream<Arguments> invalidForwardPaths() {
		return Stream.of(Arguments.of("$z/../x", "'..'"), Arguments.of("$z/./.forward", "'..'"),
				Arguments.of("$z/.forward/..", "'..'"), Arguments.of("/etc/../$u", "'..'"),
				Arguments.of("$z//.forward", "empty"), Arguments.of("$z/", "empty"),
				Arguments.of("/usr/local/etc/forwards/:$z/.forward", "empty"),
				Arguments.of("$z/.forward::$z/.f", "empty element"), Arguments.of(":$z/.forward", "empty element"),
				Arguments.of("$z/.forward:", "empty element"), Arguments.of(":", "empty element"),
				Arguments.of(".forward", "relative"), Arguments.of("forwards/$u", "relative"),
				Arguments.of("~/.forward", "relative"), Arguments.of("$z/.forward:.forward", "relative"),
				Arguments.of("$z/.forward $z/x", "contains ' '"), Arguments.of("$z/.forward,$z/x", "contains ','"),
				Arguments.of("$z/.forward;rm", "contains ';'"), Arguments.of("$z/.forward|x", "contains '|'"),
				Arguments.of("$z/.forw\u00e4rd", "contains '\\u00e4'"), Arguments.of("$x/.forward", "'$x'"),
				Arguments.of("$z/.forward.$j", "'$j'"), Arguments.of("$Z/.forward", "'$Z'"),
				Arguments.of("$/.forward", "'$/'"), Arguments.of("$z/.forward$", "'$'"),
				Arguments.of("${z}/.forward", "'${'"), Arguments.of("$&z/.forward", "'$&'"),
				Arguments.of("$z/.forward\n", Rules.CONTROL_RULE), Arguments.of("$z/.forward\r", Rules.CONTROL_RULE),
				Arguments.of("$z/.for\0ward", Rules.CONTROL_RULE),
				Arguments.of("$z/.forward\u0085", Rules.CONTROL_RULE),
				Arguments.of("$z/.forward\u2028", Rules.CONTROL_RULE),
				Arguments.of("$z/.forward\tx", Rules.CONTROL_RULE),
				Arguments.of("/" + "a".repeat(1024), "at most 1024"));
	}

	@ParameterizedTest
	@MethodSource("invalidForwardPaths")
	void rejectsInvalidForwardPath(String value, String messagePart) {
		assertOnlyError(forwardPath(value), "options.ForwardPath", messagePart);
	}

	@Test
	void explainsAllowedMacros() {
		assertThat(forwardPath("$x/.forward").errors().get(0).message()).contains("$z", "$u", "$h", "$w");
	}

	// LogLevel

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 9, 12, 99 })
	void acceptsLogLevelFrom0To99(int value) {
		assertClean(logLevel(value));
	}

	@ParameterizedTest
	@ValueSource(ints = { -5, -1, 100, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE })
	void rejectsLogLevelOutside0To99(int value) {
		assertOnlyError(logLevel(value), "options.LogLevel", "from 0 to 99");
	}

	// PostmasterCopy

	@ParameterizedTest
	@ValueSource(strings = { "postmaster", "postmaster,securitymaster", "security@example.org", "root@localhost",
			"postmaster,first.last+tag@mail.example-1.org", "a_b@x.y.z", "MAILER-DAEMON", "x@xn--bcher-kva.example" })
	void acceptsValidPostmasterCopy(String value) {
		assertClean(postmasterCopy(value));
	}

	static Stream<Arguments> invalidPostmasterCopies() {
		return Stream.of(Arguments.of("", "leave it unset"),
				Arguments.of("postmaster, securitymaster", "' securitymaster'"),
				Arguments.of("postmaster ,securitymaster", "'postmaster '"),
				Arguments.of(" postmaster", "without spaces"), Arguments.of("a,,b", "empty element"),
				Arguments.of(",a", "empty element"), Arguments.of("a,", "empty element"),
				Arguments.of(",", "empty element"), Arguments.of("a b", "without spaces"),
				Arguments.of("bad;user", "local@domain"), Arguments.of("|/bin/sh", "local@domain"),
				Arguments.of("/tmp/bounces", "local@domain"), Arguments.of(":include:/tmp/x", "local@domain"),
				Arguments.of("\"a b\"@example.org", "local@domain"),
				Arguments.of("<postmaster@example.org>", "local@domain"), Arguments.of("@example.org", "local@domain"),
				Arguments.of("a@", "local@domain"), Arguments.of("a@b@c", "local@domain"),
				Arguments.of("a@-example.org", "local@domain"), Arguments.of("a@example-.org", "local@domain"),
				Arguments.of("a@example..org", "local@domain"), Arguments.of("a@example.org.", "local@domain"),
				Arguments.of("a@.example.org", "local@domain"), Arguments.of("a@exa_mple.org", "local@domain"),
				Arguments.of("a@[127.0.0.1]", "local@domain"), Arguments.of(".a@example.org", "local@domain"),
				Arguments.of("-a@example.org", "local@domain"), Arguments.of("a.@example.org", "local@domain"),
				Arguments.of("a..b@example.org", "local@domain"), Arguments.of("a@ex\u0430mple.org", "local@domain"),
				Arguments.of("-postmaster", "local@domain"),
				Arguments.of("abcdefghijklmnopqrstuvwxyz0123456", "local@domain"),
				Arguments.of("postmaster,Postmaster", "listed twice"),
				Arguments.of("a@example.org,b,A@EXAMPLE.ORG", "listed twice"),
				Arguments.of("postmaster\n", Rules.CONTROL_RULE), Arguments.of("post\rmaster", Rules.CONTROL_RULE),
				Arguments.of("post\0master", Rules.CONTROL_RULE), Arguments.of("postmaster\u0085", Rules.CONTROL_RULE),
				Arguments.of("postmaster\u2029", Rules.CONTROL_RULE), Arguments.of("a".repeat(1025), "at most 1024"));
	}

	@ParameterizedTest
	@MethodSource("invalidPostmasterCopies")
	void rejectsInvalidPostmasterCopy(String value, String messagePart) {
		assertOnlyError(postmasterCopy(value), "options.PostmasterCopy", messagePart);
	}

	// PrivacyOptions

	@Test
	void exposesTheSixteenPrivacyFlagsInOrder() {
		assertThat(SecurityOptionsValidator.PRIVACY_FLAGS).containsExactly("public", "needmailhelo", "needexpnhelo",
				"needvrfyhelo", "noexpn", "novrfy", "restrictexpand", "restrictmailq", "restrictqrun", "noetrn",
				"noverb", "authwarnings", "noreceipts", "nobodyreturn", "goaway", "noactualrecipient");
	}

	@Test
	void acceptsEveryKnownPrivacyFlag() {
		assertClean(privacyOptions(SecurityOptionsValidator.PRIVACY_FLAGS.toArray(new String[0])));
	}

	@Test
	void acceptsEmptyPrivacyOptions() {
		assertClean(privacyOptions());
	}

	@Test
	void acceptsRecommendedPrivacyOptions() {
		assertClean(privacyOptions("goaway", "restrictmailq", "restrictqrun"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "noreflection", "nosuchflag", "", " goaway", "goaway ", "goaway,noexpn", "go away",
			"g\u043eaway", "authwarning", "restrictexpn" })
	void rejectsUnknownPrivacyFlagListingKnownOnes(String flag) {
		Violations violations = privacyOptions("goaway", flag);
		assertOnlyError(violations, "options.PrivacyOptions[1]", "not a known privacy flag");
		assertThat(violations.errors().get(0).message())
			.contains(String.join(", ", SecurityOptionsValidator.PRIVACY_FLAGS));
	}

	@ParameterizedTest
	@ValueSource(strings = { "GoAway", "GOAWAY", "AuthWarnings" })
	void rejectsPrivacyFlagNotInLowerCase(String flag) {
		assertOnlyError(privacyOptions(flag), "options.PrivacyOptions[0]", "lower case");
	}

	@ParameterizedTest
	@ValueSource(strings = { "goaway\n", "goaway\r", "go\0away", "goaway\u0085", "goaway\u2028" })
	void rejectsPrivacyFlagWithControlCharacter(String flag) {
		assertOnlyError(privacyOptions(flag), "options.PrivacyOptions[0]", Rules.CONTROL_RULE);
	}

	@Test
	void rejectsNullPrivacyFlag() {
		assertThat(privacyOptions("goaway", null).errors())
			.containsExactly(new Violation("options.PrivacyOptions[1]", "is required"));
	}

	@Test
	void rejectsDuplicatePrivacyFlagNamingBothPositions() {
		assertOnlyError(privacyOptions("goaway", "noexpn", "goaway"), "options.PrivacyOptions[2]",
				"'goaway' is listed twice (flags 1 and 3); list each flag once");
	}

	@Test
	void reportsEveryBadPrivacyFlag() {
		assertThat(privacyOptions("noreflection", "goaway", "GoAway", "x").errors()).extracting(Violation::field)
			.containsExactly("options.PrivacyOptions[0]", "options.PrivacyOptions[2]", "options.PrivacyOptions[3]");
	}

	// SafeFileEnvironment

	@ParameterizedTest
	@ValueSource(strings = { "/", "/var/mail/safe", "/srv/mail-files" })
	void acceptsValidSafeFileEnvironment(String value) {
		assertClean(safeFileEnvironment(value));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "//", "/var/../etc", "/var/./mail", "/var//mail", "var/mail", "/var/mail/", "/ ", " /",
			"/var/mail safe", "/var/mail,x", "/v\u0430r" })
	void rejectsUnsafeSafeFileEnvironment(String value) {
		assertOnlyError(safeFileEnvironment(value), "options.SafeFileEnvironment", "must be / or an absolute path");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/\n", "/var/mail\r", "/var/mail\0", "/var/mail\u0085", "/var/mail\u2028" })
	void rejectsSafeFileEnvironmentWithControlCharacter(String value) {
		assertOnlyError(safeFileEnvironment(value), "options.SafeFileEnvironment", Rules.CONTROL_RULE);
	}

	// TempFileMode

	@ParameterizedTest
	@ValueSource(strings = { "0600", "600", "0640", "640", "0700", "0740" })
	void acceptsPrivateTempFileModeWithoutWarning(String value) {
		assertClean(tempFileMode(value));
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "0660", "0620", "0602", "0644", "0604", "0601", "0666", "0777", "0400", "0200", "0000", "040" })
	void warnsAboutLooseTempFileModeButAcceptsIt(String value) {
		Violations violations = tempFileMode(value);
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).extracting(Violation::field).containsExactly("options.TempFileMode");
		assertThat(violations.warnings().get(0).message()).contains("0600");
	}

	static Stream<Arguments> invalidTempFileModes() {
		return Stream.of(Arguments.of("0680", "silently read it as '06'"), Arguments.of("0608", "'060'"),
				Arguments.of("99x", "octal mode"), Arguments.of("abc", "octal mode"), Arguments.of("", "octal mode"),
				Arguments.of("60", "octal mode"), Arguments.of("0", "octal mode"), Arguments.of("06000", "octal mode"),
				Arguments.of("00600", "octal mode"), Arguments.of("4755", "octal mode"),
				Arguments.of("0o600", "octal mode"), Arguments.of("0x180", "octal mode"),
				Arguments.of("+600", "octal mode"), Arguments.of("-600", "octal mode"),
				Arguments.of(" 0600", "octal mode"), Arguments.of("0600 ", "octal mode"),
				Arguments.of("0888", "octal mode"), Arguments.of("\u0660600", "octal mode"),
				Arguments.of("0600\n", Rules.CONTROL_RULE), Arguments.of("0600\r", Rules.CONTROL_RULE),
				Arguments.of("06\u000000", Rules.CONTROL_RULE), Arguments.of("0600\u2028", Rules.CONTROL_RULE));
	}

	@ParameterizedTest
	@MethodSource("invalidTempFileModes")
	void rejectsInvalidTempFileMode(String value, String messagePart) {
		assertOnlyError(tempFileMode(value), "options.TempFileMode", messagePart);
	}

	@Test
	void reportsEveryBadOptionAtOnce() {
		Violations violations = validate(
				new SecurityOptions("root", "$z/../x", 100, "", new ArrayList<>(List.of("nope")), "relative", "0680"));
		assertThat(violations.errors()).extracting(Violation::field)
			.containsExactly("options.DefaultUser", "options.ForwardPath", "options.LogLevel", "options.PostmasterCopy",
					"options.PrivacyOptions[0]", "options.SafeFileEnvironment", "options.TempFileMode");
	}

}
