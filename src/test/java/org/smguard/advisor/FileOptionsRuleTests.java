package org.smguard.advisor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FileOptionsRuleTests {

	private final FileOptionsRule rule = new FileOptionsRule();

	@Test
	void acceptsTheSeedsSettings() {
		assertThat(this.rule.check(Policies.recommended())).isEmpty();
		assertThat(this.rule.check(Policies.withOptions((o) -> o.tempFileMode("0400")))).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "0640, warning", "0604, warning", "0660, warning", "0666, critical", "0602, critical" })
	void flagsALooserTempFileMode(String mode, String severity) {
		assertThat(this.rule.check(Policies.withOptions((o) -> o.tempFileMode(mode)))).singleElement()
			.satisfies((f) -> {
				assertThat(f.severity().json()).isEqualTo(severity);
				assertThat(f.recommended()).isEqualTo("0600");
			});
	}

	@Test
	void warnsWhenSafeFileEnvironmentIsUnsetOrOnlySlashesWhichSendmailIgnores() {
		assertThat(this.rule.check(Policies.withOptions((o) -> o.safeFileEnvironment(null)))).singleElement()
			.satisfies((f) -> {
				assertThat(f.severity()).isEqualTo(Severity.WARNING);
				assertThat(f.applicable()).as("no one value: files must move first").isFalse();
			});
		for (String slashes : new String[] { "/", "//" }) {
			assertThat(this.rule.check(Policies.withOptions((o) -> o.safeFileEnvironment(slashes)))).singleElement()
				.satisfies((f) -> {
					assertThat(f.severity()).isEqualTo(Severity.WARNING);
					assertThat(f.title())
						.isEqualTo("SafeFileEnvironment=" + slashes + " has no effect in sendmail 8.17");
					assertThat(f.explanation()).contains("mailfile()").contains("FIFO");
					;
				});
		}
		assertThat(this.rule.check(Policies.withOptions((o) -> o.safeFileEnvironment("/var/spool/mailfiles/"))))
			.isEmpty();
	}

}
