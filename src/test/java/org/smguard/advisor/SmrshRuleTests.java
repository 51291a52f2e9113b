package org.smguard.advisor;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.Smrsh;

import static org.assertj.core.api.Assertions.assertThat;

class SmrshRuleTests {

	private final SmrshRule rule = new SmrshRule();

	private static Policy with(boolean enabled, String path, List<Smrsh.Program> programs) {
		return Policies.recommended().withSmrsh(new Smrsh(enabled, path, Smrsh.DEFAULT_BIN_DIRECTORY, programs));
	}

	@Test
	void acceptsSmrshWithHarmlessPrograms() {
		assertThat(
				this.rule.check(
						with(true, Smrsh.DEFAULT_PATH,
								List.of(new Smrsh.Program("vacation", "/usr/bin/vacation"),
										new Smrsh.Program("mail.local", "/usr/libexec/sendmail/mail.local")))))
			.isEmpty();
	}

	@Test
	void warnsWhenOffAndSaysWhenOverridesAlreadyRunPrograms() {
		assertThat(this.rule.check(with(false, Smrsh.DEFAULT_PATH, List.of()))).singleElement()
			.satisfies((f) -> assertThat(f.explanation()).doesNotContain("already hold"));
		Policy programs = with(false, Smrsh.DEFAULT_PATH, List.of()).withForwards(new Forwards(
				Forwards.DEFAULT_DIRECTORY, List.of(new Forwards.OverrideFile("bob", "\"|/usr/bin/vacation bob\"\n"))));
		assertThat(this.rule.check(programs)).singleElement()
			.satisfies((f) -> assertThat(f.explanation()).contains("already hold program lines"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/bin/sh", "/usr/bin/bash", "/bin/dash", "/usr/bin/env" })
	void flagsAShellAsSmrsh(String path) {
		assertThat(this.rule.check(with(true, path, List.of()))).singleElement()
			.extracting(Finding::severity)
			.isEqualTo(Severity.CRITICAL);
	}

	@ParameterizedTest
	@ValueSource(strings = { "sh:/bin/sh", "bash:/usr/bin/bash", "perl:/usr/bin/perl", "python3:/usr/bin/python3",
			"python3.11:/usr/bin/python3.11", "busybox:/bin/busybox", "env:/usr/bin/env", "procmail:/usr/bin/procmail",
			"filter:/usr/bin/perl" })
	void flagsProgramsThatRunOthers(String entry) {
		String[] parts = entry.split(":");
		assertThat(this.rule.check(with(true, Smrsh.DEFAULT_PATH, List.of(new Smrsh.Program(parts[0], parts[1])))))
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
				assertThat(f.field()).isEqualTo("smrsh.programs[0]");
			});
	}

	@Test
	void flagsLinksIntoDirectoriesUsersWrite() {
		assertThat(this.rule.check(with(true, Smrsh.DEFAULT_PATH,
				List.of(new Smrsh.Program("vacation", "/usr/bin/vacation"), new Smrsh.Program("x", "/tmp/x.sh")))))
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.rule()).isEqualTo("smrsh-writable-target");
				assertThat(f.field()).isEqualTo("smrsh.programs[1]");
			});
	}

}
