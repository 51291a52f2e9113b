package org.smguard.policy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.policy.TrustedUsers.LineStyle;
import org.smguard.validation.Rules;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrustedUsersValidator}.
 */
class TrustedUsersValidatorTests {

	private static Violations validate(TrustedUsers section) {
		Violations violations = new Violations();
		TrustedUsersValidator.validate(section, violations);
		return violations;
	}

	private static Violations validateUsers(String... users) {
		return validate(new TrustedUsers(LineStyle.T, Arrays.asList(users), null));
	}

	private static Violations validateFile(TrustedUsersFile file) {
		return validate(new TrustedUsers(LineStyle.T, List.of("root"), file));
	}

	@Test
	void acceptsDebianDefaults() {
		Violations violations = validateUsers("root", "daemon", "uucp");
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).isEmpty();
	}

	@Test
	void acceptsCtLineStyle() {
		assertThat(validate(new TrustedUsers(LineStyle.Ct, List.of("root"), null)).errors()).isEmpty();
	}

	@Test
	void acceptsEmptyUserList() {
		Violations violations = validateUsers();
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).isEmpty();
	}

	@Test
	void rejectsMissingSection() {
		assertThat(validate(null).errors()).containsExactly(new Violation("trustedUsers", "is required"));
	}

	@Test
	void rejectsMissingLineStyle() {
		List<Violation> errors = validate(new TrustedUsers(null, List.of("root"), null)).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("trustedUsers.lineStyle");
		assertThat(errors.get(0).message()).startsWith("is required");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "root", "_apt", "Debian-exim", "majordomo", "list.request", "uucp_2", "0day",
			"abcdefghijklmnopqrstuvwxyz012345" })
	void acceptsValidUserName(String name) {
		assertThat(validateUsers(name).errors()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "bad;user", "Ct bad;user", "", " root", "root ", "a b", "root,daemon", "-root", ".root",
			"../etc", "root/daemon", "r\u043e\u043et", "r\u00f6ot", "root$", "root:0", "root@example.org",
			"abcdefghijklmnopqrstuvwxyz0123456" })
	void rejectsInvalidUserName(String name) {
		List<Violation> errors = validateUsers("daemon", name).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("trustedUsers.users[1]");
		assertThat(errors.get(0).message()).contains(Rules.USER_NAME_RULE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "root\n", "root\r", "ro\0ot", "root\t", "root\u0085", "root\u2028", "root\u2029",
			"\u001broot", "root\r\nTmallory" })
	void rejectsUserNameWithControlCharacter(String name) {
		List<Violation> errors = validateUsers(name).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("trustedUsers.users[0]");
		assertThat(errors.get(0).message()).contains(Rules.CONTROL_RULE);
		assertThat(Rules.hasLineBreakingCharacter(errors.get(0).message())).isFalse();
	}

	@Test
	void showsControlCharactersEscapedInMessages() {
		assertThat(validateUsers("root\n").errors().get(0).message()).startsWith("'root\\n' ");
		assertThat(validateUsers("ro\0ot").errors().get(0).message()).startsWith("'ro\\u0000ot' ");
		assertThat(validateUsers("root\u0085").errors().get(0).message()).startsWith("'root\\u0085' ");
	}

	@Test
	void showsHomoglyphsEscapedInMessages() {
		assertThat(validateUsers("r\u043e\u043et").errors().get(0).message()).startsWith("'r\\u043e\\u043et' ");
	}

	@Test
	void quotesOffendingValueInMessage() {
		assertThat(validateUsers("bad;user").errors().get(0).message()).isEqualTo("'bad;user' " + Rules.USER_NAME_RULE);
	}

	@Test
	void rejectsNullUserName() {
		assertThat(validateUsers("root", null).errors())
			.containsExactly(new Violation("trustedUsers.users[1]", "is required"));
	}

	@Test
	void rejectsDuplicateUserNamingFirstOccurrence() {
		List<Violation> errors = validateUsers("root", "daemon", "root").errors();
		assertThat(errors).extracting(Violation::field).containsExactly("trustedUsers.users[2]");
		assertThat(errors.get(0).message()).contains("'root'").contains("trustedUsers.users[0]");
	}

	@Test
	void rejectsDuplicateUserDifferingOnlyInCaseBecauseSendmailIgnoresCase() {
		List<Violation> errors = validateUsers("root", "Root").errors();
		assertThat(errors).extracting(Violation::field).containsExactly("trustedUsers.users[1]");
		assertThat(errors.get(0).message()).contains("trustedUsers.users[0]").contains("ignoring case");
	}

	@Test
	void reportsEveryBadNameAtOnce() {
		assertThat(validateUsers("ok", "bad;user", "also bad", "ok").errors()).extracting(Violation::field)
			.containsExactly("trustedUsers.users[1]", "trustedUsers.users[2]", "trustedUsers.users[3]");
	}

	@Test
	void acceptsFileWithUsers() {
		Violations violations = validateFile(
				new TrustedUsersFile("/etc/mail/trusted-users", true, List.of("majordomo")));
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).isEmpty();
	}

	@Test
	void acceptsFileWithoutUsers() {
		assertThat(validateFile(new TrustedUsersFile("/etc/mail/trusted-users", false, List.of())).errors()).isEmpty();
	}

	@Test
	void rejectsFileWithoutPath() {
		assertThat(validateFile(new TrustedUsersFile(null, true, List.of())).errors())
			.containsExactly(new Violation("trustedUsers.file.path", "is required"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "trusted-users", "etc/mail/trusted-users", "/etc/mail/../shadow", "/etc/./mail/t",
			"/etc/mail/", "//etc/mail/t", "/etc/mail/trusted users", "/etc/mail/t,u", "/etc/mail/t;rm", "/",
			"/etc/mail/\u0442rusted" })
	void rejectsUnsafeFilePath(String path) {
		List<Violation> errors = validateFile(new TrustedUsersFile(path, true, List.of())).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("trustedUsers.file.path");
		assertThat(errors.get(0).message()).contains(Rules.SAFE_PATH_RULE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/etc/mail/trusted-users\n", "/etc/mail/trusted-users\r", "/etc/mail/t\0",
			"/etc/mail/t\u2028" })
	void rejectsFilePathWithControlCharacter(String path) {
		List<Violation> errors = validateFile(new TrustedUsersFile(path, true, List.of())).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("trustedUsers.file.path");
		assertThat(errors.get(0).message()).contains(Rules.CONTROL_RULE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "bad;user", "majordomo\n", "-x", "" })
	void rejectsInvalidNameInFile(String name) {
		List<Violation> errors = validateFile(
				new TrustedUsersFile("/etc/mail/trusted-users", true, Arrays.asList("majordomo", name)))
			.errors();
		assertThat(errors).extracting(Violation::field).containsExactly("trustedUsers.file.users[1]");
	}

	@Test
	void rejectsNullNameInFile() {
		assertThat(validateFile(new TrustedUsersFile("/etc/mail/t", true, Arrays.asList((String) null))).errors())
			.containsExactly(new Violation("trustedUsers.file.users[0]", "is required"));
	}

	@Test
	void rejectsDuplicateNameInFile() {
		List<Violation> errors = validateFile(
				new TrustedUsersFile("/etc/mail/t", true, List.of("majordomo", "list", "Majordomo")))
			.errors();
		assertThat(errors).extracting(Violation::field).containsExactly("trustedUsers.file.users[2]");
		assertThat(errors.get(0).message()).contains("trustedUsers.file.users[0]");
	}

	@Test
	void warnsButAcceptsNameInBothCfListAndFile() {
		Violations violations = validate(new TrustedUsers(LineStyle.T, List.of("root", "daemon"),
				new TrustedUsersFile("/etc/mail/t", true, List.of("majordomo", "Daemon"))));
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).extracting(Violation::field).containsExactly("trustedUsers.file.users[1]");
		assertThat(violations.warnings().get(0).message()).contains("trustedUsers.users[1]").contains("redundant");
	}

	@Test
	void accepts20000NamesInTheCfAndAgainInTheFile() {
		Violations violations = validate(new TrustedUsers(LineStyle.T, names("cf", TrustedUsers.MAX_USERS),
				new TrustedUsersFile("/etc/mail/trusted-users", true, names("file", TrustedUsers.MAX_USERS))));
		assertThat(violations.errors()).isEmpty();
	}

	@Test
	void rejects20001NamesInTheCf() {
		Violations violations = validateUsers(names("cf", TrustedUsers.MAX_USERS + 1).toArray(String[]::new));
		assertThat(violations.errors()).containsExactly(new Violation("trustedUsers.users",
				"has 20,001 trusted users; at most 20,000 trusted users are allowed"));
	}

	@Test
	void rejects20001NamesInTheFile() {
		Violations violations = validateFile(
				new TrustedUsersFile("/etc/mail/trusted-users", true, names("file", TrustedUsers.MAX_USERS + 1)));
		assertThat(violations.errors()).containsExactly(new Violation("trustedUsers.file.users",
				"has 20,001 trusted users; at most 20,000 trusted users are allowed"));
	}

	private static List<String> names(String prefix, int count) {
		return IntStream.range(0, count).mapToObj((i) -> prefix + i).toList();
	}

}
