package org.smguard.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.policy.Forwards.OverrideFile;
import org.smguard.validation.Rules;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForwardsValidator}.
 */
class ForwardsValidatorTests {

	private static Violations validate(Forwards section) {
		Violations violations = new Violations();
		ForwardsValidator.validate(section, violations);
		return violations;
	}

	private static Violations validateOverrides(OverrideFile... overrides) {
		return validate(new Forwards(Forwards.DEFAULT_DIRECTORY, Arrays.asList(overrides)));
	}

	private static Violations validateContent(String content) {
		return validateOverrides(new OverrideFile("bob", content));
	}

	@Test
	void acceptsDefaultDirectoryWithoutOverrides() {
		Violations violations = validate(new Forwards(Forwards.DEFAULT_DIRECTORY, List.of()));
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).isEmpty();
	}

	@Test
	void rejectsMissingSection() {
		assertThat(validate(null).errors()).containsExactly(new Violation("forwards", "is required"));
	}

	@Test
	void rejectsMissingDirectory() {
		assertThat(validate(new Forwards(null, List.of())).errors())
			.containsExactly(new Violation("forwards.directory", "is required"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "forwards", "/usr/local/etc/forwards/", "/usr/local/../etc",
			"/usr/local/./etc/forwards", "/usr/local/etc//forwards", "/usr/local/etc/my forwards",
			"/usr/local/etc/forwards:$z", "/usr/local/etc/$u", "/usr/local/etc/forwards\n", "/usr/local/etc/f\0" })
	void rejectsUnsafeDirectory(String directory) {
		assertThat(validate(new Forwards(directory, List.of())).errors()).extracting(Violation::field)
			.containsExactly("forwards.directory");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "\\bob", "\\bob\n", "bob@example.org\n\\bob\n", "|\"/usr/bin/vacation bob\"",
			"# comment\n\nbob@example.org", "J\u00f6rg <joerg@example.org>", "\u2603 \ud83d\udce7" })
	void acceptsPlainTextContent(String content) {
		Violations violations = validateContent(content);
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).isEmpty();
	}

	@Test
	void rejectsMissingContent() {
		List<Violation> errors = validateContent(null).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("forwards.overrides[0].content");
		assertThat(errors.get(0).message()).startsWith("is required");
	}

	static Stream<Arguments> forbiddenContent() {
		return Stream.of(Arguments.of("\\bob\r\n", "carriage return"), Arguments.of("\\bob\r", "carriage return"),
				Arguments.of("a\tb", "tab"), Arguments.of("a\0b", "\\u0000"), Arguments.of("a\u0085b", "\\u0085"),
				Arguments.of("a\u2028b", "\\u2028"), Arguments.of("a\u2029b", "\\u2029"),
				Arguments.of("a\u001bb", "\\u001b"), Arguments.of("a\u007fb", "\\u007f"),
				Arguments.of("a\u000bb", "\\u000b"), Arguments.of("a\fb", "\\u000c"),
				Arguments.of("\\bob \u202e\"hsab/nib/\"|", "bidirectional"), Arguments.of("a\u2066b", "bidirectional"),
				Arguments.of("a" + (char) 0xd800 + "b", "surrogate"), Arguments.of("a" + (char) 0xdc00, "surrogate"));
	}

	@ParameterizedTest
	@MethodSource("forbiddenContent")
	void rejectsForbiddenCharacterInContent(String content, String explanation) {
		List<Violation> errors = validateContent(content).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("forwards.overrides[0].content");
		assertThat(errors.get(0).message()).startsWith("line 1 ").contains(explanation);
		assertThat(Rules.hasLineBreakingCharacter(errors.get(0).message())).isFalse();
	}

	@Test
	void namesTheLineOfTheFirstForbiddenCharacter() {
		List<Violation> errors = validateContent("\\bob\nbob@example.org\n|/bin/sh\0\r").errors();
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).message()).startsWith("line 3 ").contains("\\u0000");
	}

	@Test
	void acceptsLineOf1000Characters() {
		assertThat(validateContent("a".repeat(1000) + "\n" + "b".repeat(1000)).errors()).isEmpty();
	}

	@Test
	void rejectsLineOf1001Characters() {
		List<Violation> errors = validateContent("short\n" + "a".repeat(1001) + "\n").errors();
		assertThat(errors).extracting(Violation::field).containsExactly("forwards.overrides[0].content");
		assertThat(errors.get(0).message()).startsWith("line 2 ").contains("at most 1000");
	}

	@Test
	void countsLineLengthInUtf8Bytes() {
		assertThat(validateContent("\u00e9".repeat(500)).errors()).isEmpty();
		assertThat(validateContent("\u00e9".repeat(501)).errors()).extracting(Violation::field)
			.containsExactly("forwards.overrides[0].content");
		assertThat(validateContent("\ud83d\udce7".repeat(250)).errors()).isEmpty();
		assertThat(validateContent("\ud83d\udce7".repeat(251)).errors()).hasSize(1);
	}

	@Test
	void acceptsContentOfExactly64KiB() {
		String content = ("a".repeat(999) + "\n").repeat(65) + "b".repeat(536);
		assertThat(content).hasSize(65536);
		assertThat(validateContent(content).errors()).isEmpty();
	}

	@Test
	void rejectsContentOver64KiB() {
		String content = ("a".repeat(999) + "\n").repeat(65) + "b".repeat(537);
		List<Violation> errors = validateContent(content).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("forwards.overrides[0].content");
		assertThat(errors.get(0).message()).contains("65537").contains("64 KiB");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "bad;user", "bob smith", "../bob", "bob/x", ".bob", "-bob", "b\u043eb", "bob$",
			"abcdefghijklmnopqrstuvwxyz0123456" })
	void rejectsInvalidUser(String user) {
		List<Violation> errors = validateOverrides(new OverrideFile("alice", ""), new OverrideFile(user, "")).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("forwards.overrides[1].user");
		assertThat(errors.get(0).message()).contains(Rules.USER_NAME_RULE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "bob\n", "bob\r", "b\0b", "bob\u0085", "bob\u2028" })
	void rejectsUserWithControlCharacter(String user) {
		List<Violation> errors = validateOverrides(new OverrideFile(user, "")).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("forwards.overrides[0].user");
		assertThat(errors.get(0).message()).contains(Rules.CONTROL_RULE);
	}

	@Test
	void rejectsMissingUser() {
		assertThat(validateOverrides(new OverrideFile(null, "")).errors())
			.containsExactly(new Violation("forwards.overrides[0].user", "is required"));
	}

	@Test
	void rejectsNullOverride() {
		assertThat(validateOverrides(new OverrideFile("bob", ""), null).errors())
			.containsExactly(new Violation("forwards.overrides[1]", "is required"));
	}

	@Test
	void rejectsDuplicateUserOnTheLaterOccurrence() {
		List<Violation> errors = validateOverrides(new OverrideFile("bob", ""), new OverrideFile("alice", ""),
				new OverrideFile("carol", ""), new OverrideFile("bob", "\\bob"))
			.errors();
		assertThat(errors).extracting(Violation::field).containsExactly("forwards.overrides[3].user");
		assertThat(errors.get(0).message()).isEqualTo("'bob' already has an override (sendmail compares user"
				+ " names ignoring case); give each user one override");
	}

	@Test
	void rejectsUsersDifferingOnlyInCase() {
		List<Violation> errors = validateOverrides(new OverrideFile("bob", ""), new OverrideFile("Bob", "")).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("forwards.overrides[1].user");
		assertThat(errors.get(0).message()).startsWith("'Bob' already has an override as 'bob'");
	}

	@Test
	void warnsAboutUserWithUpperCaseBecauseSendmailLowercasesLocalNames() {
		Violations violations = validateOverrides(new OverrideFile("Bob", ""));
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).extracting(Violation::field).containsExactly("forwards.overrides[0].user");
		assertThat(violations.warnings().get(0).message()).contains("'bob'");
	}

	@Test
	void validatesFiftyThousandOverrides() {
		List<OverrideFile> overrides = new ArrayList<>();
		for (int i = 0; i < 50_000; i++) {
			overrides.add(new OverrideFile("user" + i, (i % 2 == 0) ? "" : "\\user" + i + "\n"));
		}
		overrides.add(new OverrideFile("user123", ""));
		List<Violation> errors = validate(new Forwards(Forwards.DEFAULT_DIRECTORY, overrides)).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("forwards.overrides[50000].user");
		assertThat(errors.get(0).message()).startsWith("'user123' already has an override (");
	}

	@Test
	void accepts100000Overrides() {
		Violations violations = validate(new Forwards(Forwards.DEFAULT_DIRECTORY, overrides(Forwards.MAX_OVERRIDES)));
		assertThat(violations.errors()).isEmpty();
	}

	@Test
	void rejects100001OverridesNamingTheLimitOnce() {
		Violations violations = validate(
				new Forwards(Forwards.DEFAULT_DIRECTORY, overrides(Forwards.MAX_OVERRIDES + 1)));
		assertThat(violations.errors()).containsExactly(new Violation("forwards.overrides",
				"has 100,001 override files; at most 100,000 override files are allowed"));
	}

	private static List<OverrideFile> overrides(int count) {
		return IntStream.range(0, count).mapToObj((i) -> new OverrideFile("user" + i, "")).toList();
	}

}
