package org.smguard.policy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.validation.Rules;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ShellsValidator}.
 */
class ShellsValidatorTests {

	private static Violations validate(Shells section) {
		Violations violations = new Violations();
		ShellsValidator.validate(section, violations);
		return violations;
	}

	private static Violations validateEntries(String... entries) {
		return validate(new Shells(Arrays.asList(entries), false));
	}

	@Test
	void acceptsDebianShells() {
		Violations violations = validateEntries("/bin/sh", "/usr/bin/sh", "/bin/bash", "/usr/bin/bash", "/bin/rbash",
				"/usr/bin/rbash", "/bin/dash", "/usr/bin/dash");
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).isEmpty();
	}

	@Test
	void rejectsMissingSection() {
		assertThat(validate(null).errors()).containsExactly(new Violation("shells", "is required"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "bin/sh", "sh", "/bin/../bin/sh", "/bin/./sh", "/bin/sh/..", "/bin//sh",
			"/bin/sh/", "/bin/sh ", " /bin/sh", "/bin/my shell", "/bin/sh,/bin/bash",
			"/usr/libexec/sendmail/smrsh, P=/bin/sh", "/bin/sh;id", "/bin/$SHELL", "/bin/\u0455h", "/bin/sh\u00a0" })
	void rejectsUnsafeEntry(String entry) {
		List<Violation> errors = validateEntries("/bin/bash", entry).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("shells.entries[1]");
		assertThat(errors.get(0).message()).contains(Rules.SAFE_PATH_RULE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/bin/sh\n", "/bin/sh\r", "/bin/s\0h", "/bin/sh\t", "/bin/sh\u0085", "/bin/sh\u2028",
			"/bin/sh\u2029", "/bin/sh\n/SENDMAIL/ANY/SHELL/" })
	void rejectsEntryWithControlCharacter(String entry) {
		List<Violation> errors = validateEntries(entry).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("shells.entries[0]");
		assertThat(errors.get(0).message()).contains(Rules.CONTROL_RULE);
		assertThat(Rules.hasLineBreakingCharacter(errors.get(0).message())).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/SENDMAIL/ANY/SHELL/", "/SENDMAIL/ANY/SHELL", "/sendmail/any/shell/" })
	void rejectsAnyShellEntryAndPointsToAcknowledgement(String entry) {
		List<Violation> errors = validateEntries("/bin/sh", entry).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("shells.entries[1]");
		assertThat(errors.get(0).message()).contains("allowAnyShell");
	}

	@Test
	void acceptsAllowAnyShellButAlwaysWarns() {
		Violations violations = validate(new Shells(List.of("/bin/sh"), true));
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).extracting(Violation::field).containsExactly("shells.allowAnyShell");
		assertThat(violations.warnings().get(0).message()).contains(Shells.ANY_SHELL).contains("never");
	}

	@Test
	void doesNotWarnWithoutAllowAnyShell() {
		assertThat(validateEntries("/bin/sh").warnings()).isEmpty();
	}

	@Test
	void rejectsDuplicateEntryNamingFirstOccurrence() {
		List<Violation> errors = validateEntries("/bin/sh", "/bin/bash", "/bin/sh").errors();
		assertThat(errors).extracting(Violation::field).containsExactly("shells.entries[2]");
		assertThat(errors.get(0).message()).contains("'/bin/sh'").contains("shells.entries[0]");
	}

	@Test
	void acceptsEntriesDifferingOnlyInCaseBecausePathsAreCaseSensitive() {
		assertThat(validateEntries("/opt/Shell", "/opt/shell").errors()).isEmpty();
	}

	@Test
	void rejectsNullEntry() {
		assertThat(validateEntries("/bin/sh", null).errors())
			.containsExactly(new Violation("shells.entries[1]", "is required"));
	}

	@Test
	void warnsButAcceptsEmptyList() {
		Violations violations = validateEntries();
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).extracting(Violation::field).containsExactly("shells.entries");
		assertThat(violations.warnings().get(0).message()).contains("no shell is listed");
	}

	@Test
	void accepts20000Shells() {
		Violations violations = validate(new Shells(shells(Shells.MAX_ENTRIES), false));
		assertThat(violations.errors()).isEmpty();
	}

	@Test
	void rejects20001ShellsNamingTheLimitOnce() {
		Violations violations = validate(new Shells(shells(Shells.MAX_ENTRIES + 1), false));
		assertThat(violations.errors())
			.containsExactly(new Violation("shells.entries", "has 20,001 shells; at most 20,000 shells are allowed"));
	}

	private static List<String> shells(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "/usr/local/bin/sh" + i).toList();
	}

}
