package org.smguard.policy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.policy.Smrsh.Program;
import org.smguard.validation.Rules;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SmrshValidator}.
 */
class SmrshValidatorTests {

	private static final Program MAIL_LOCAL = new Program("mail.local", "/usr/libexec/sendmail/mail.local");

	private static Violations validate(Smrsh section) {
		Violations violations = new Violations();
		SmrshValidator.validate(section, violations);
		return violations;
	}

	private static Smrsh smrsh(boolean enabled, Program... programs) {
		return new Smrsh(enabled, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY, Arrays.asList(programs));
	}

	@Test
	void acceptsDebianDefaultsWhileDisabled() {
		Violations violations = validate(smrsh(false, MAIL_LOCAL));
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).isEmpty();
	}

	@Test
	void acceptsEnabledWithPrograms() {
		Violations violations = validate(smrsh(true, new Program("vacation", "/usr/bin/vacation"),
				new Program("procmail", "/usr/bin/procmail")));
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).isEmpty();
	}

	@Test
	void rejectsMissingSection() {
		assertThat(validate(null).errors()).containsExactly(new Violation("smrsh", "is required"));
	}

	@Test
	void requiresPathsEvenWhileDisabled() {
		assertThat(validate(new Smrsh(false, null, null, List.of())).errors()).containsExactly(
				new Violation("smrsh.smrshPath", "is required"), new Violation("smrsh.binDirectory", "is required"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "smrsh", "/usr/libexec/sendmail/smrsh, P=/bin/sh", "/usr/libexec/sendmail/smrsh -c",
			"/usr/libexec/../../bin/sh", "/usr/./libexec/smrsh", "/usr/libexec/sendmail/", "/usr/lib\u00e9xec/smrsh" })
	void rejectsUnsafeSmrshPath(String path) {
		List<Violation> errors = validate(new Smrsh(false, path, Smrsh.DEFAULT_BIN_DIRECTORY, List.of())).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("smrsh.smrshPath");
		assertThat(errors.get(0).message()).contains(Rules.SAFE_PATH_RULE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/usr/libexec/sendmail/smrsh\nMprog, P=/bin/sh", "/usr/libexec/sendmail/smrsh\r",
			"/usr/libexec/sendmail/smrsh\0", "/usr/libexec/sendmail/smrsh\u0085", "/usr/libexec/sendmail/smrsh\u2028" })
	void rejectsSmrshPathWithControlCharacter(String path) {
		List<Violation> errors = validate(new Smrsh(true, path, Smrsh.DEFAULT_BIN_DIRECTORY, List.of(MAIL_LOCAL)))
			.errors();
		assertThat(errors).extracting(Violation::field).containsExactly("smrsh.smrshPath");
		assertThat(errors.get(0).message()).contains(Rules.CONTROL_RULE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "etc/mail/smrsh", "/etc/mail/smrsh/", "/etc/mail/../smrsh", "/etc/mail/./smrsh",
			"/etc/mail/sm bin", "/etc/mail/smrsh\n" })
	void rejectsUnsafeBinDirectory(String directory) {
		assertThat(validate(new Smrsh(false, Smrsh.DEFAULT_PATH, directory, List.of())).errors())
			.extracting(Violation::field)
			.containsExactly("smrsh.binDirectory");
	}

	@ParameterizedTest
	@ValueSource(strings = { "vacation", "mail.local", "procmail", "a", "7z", "x-1.2_3+4", "Vacation",
			"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl" })
	void acceptsValidProgramName(String name) {
		assertThat(validate(smrsh(true, new Program(name, "/usr/bin/vacation"))).errors()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ".", "..", ".hidden", "-vacation", "_vacation", "+x", "vacation;id", "vac ation",
			"vacation ", "/usr/bin/vacation", "bin/vacation", "vac|ation", "vac&ation", "$(id)", "`id`", "vac>x",
			"vacation*", "vac\"ation", "vac'ation", "vac\\ation", "vacation,x", "vac\u0430tion", "v\u00e1cation",
			"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm" })
	void rejectsInvalidProgramName(String name) {
		List<Violation> errors = validate(smrsh(true, MAIL_LOCAL, new Program(name, "/usr/bin/vacation"))).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("smrsh.programs[1].name");
		assertThat(errors.get(0).message()).contains(SmrshValidator.PROGRAM_NAME_RULE);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "vacation\n", "vacation\r", "vac\0ation", "vacation\t", "vacation\u0085", "vacation\u2028" })
	void rejectsProgramNameWithControlCharacter(String name) {
		List<Violation> errors = validate(smrsh(true, new Program(name, "/usr/bin/vacation"))).errors();
		assertThat(errors).extracting(Violation::field).containsExactly("smrsh.programs[0].name");
		assertThat(errors.get(0).message()).contains(Rules.CONTROL_RULE);
	}

	@Test
	void rejectsMissingProgramName() {
		assertThat(validate(smrsh(true, new Program(null, "/usr/bin/vacation"))).errors())
			.containsExactly(new Violation("smrsh.programs[0].name", "is required"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "vacation", "usr/bin/vacation", "/usr/bin/../../bin/sh", "/usr/./bin/vacation",
			"/usr/bin/vacation -j", "/usr/bin/vacation;sh", "/usr/bin/", "/usr/bin/vacation\n", "/usr/bin/vac\0" })
	void rejectsUnsafeProgramTarget(String target) {
		assertThat(validate(smrsh(true, new Program("vacation", target))).errors()).extracting(Violation::field)
			.containsExactly("smrsh.programs[0].target");
	}

	@Test
	void rejectsMissingProgramTarget() {
		assertThat(validate(smrsh(true, new Program("vacation", null))).errors())
			.containsExactly(new Violation("smrsh.programs[0].target", "is required"));
	}

	@Test
	void rejectsNullProgram() {
		assertThat(validate(smrsh(true, MAIL_LOCAL, null)).errors())
			.containsExactly(new Violation("smrsh.programs[1]", "is required"));
	}

	@Test
	void rejectsDuplicateProgramNameNamingFirstOccurrence() {
		List<Violation> errors = validate(smrsh(true, new Program("vacation", "/usr/bin/vacation"), MAIL_LOCAL,
				new Program("vacation", "/usr/local/bin/vacation")))
			.errors();
		assertThat(errors).extracting(Violation::field).containsExactly("smrsh.programs[2].name");
		assertThat(errors.get(0).message()).contains("'vacation'").contains("smrsh.programs[0].name");
	}

	@Test
	void rejectsProgramNamesDifferingOnlyInCase() {
		assertThat(validate(
				smrsh(true, new Program("vacation", "/usr/bin/vacation"), new Program("Vacation", "/usr/bin/vacation")))
			.errors()).extracting(Violation::field).containsExactly("smrsh.programs[1].name");
	}

	@Test
	void warnsWhenEnabledWithoutPrograms() {
		Violations violations = validate(smrsh(true));
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).extracting(Violation::field).containsExactly("smrsh.programs");
		assertThat(violations.warnings().get(0).message()).contains("bounce");
	}

	@Test
	void doesNotWarnWhenDisabledWithoutPrograms() {
		assertThat(validate(smrsh(false)).warnings()).isEmpty();
	}

	@Test
	void accepts10000Programs() {
		Violations violations = validate(
				new Smrsh(true, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY, programs(Smrsh.MAX_PROGRAMS)));
		assertThat(violations.errors()).isEmpty();
	}

	@Test
	void rejects10001ProgramsNamingTheLimitOnce() {
		Violations violations = validate(
				new Smrsh(true, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY, programs(Smrsh.MAX_PROGRAMS + 1)));
		assertThat(violations.errors()).containsExactly(
				new Violation("smrsh.programs", "has 10,001 programs; at most 10,000 programs are allowed"));
	}

	private static List<Smrsh.Program> programs(int count) {
		return IntStream.range(0, count).mapToObj((i) -> new Smrsh.Program("p" + i, "/usr/bin/p" + i)).toList();
	}

}
