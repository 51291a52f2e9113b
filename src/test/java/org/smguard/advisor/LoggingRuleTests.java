package org.smguard.advisor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingRuleTests {

	private final LoggingRule rule = new LoggingRule();

	@ParameterizedTest
	@CsvSource({ "0, warning, logs less", "8, warning, logs less", "12, advice, both sides of every SMTP conversation",
			"13, advice, bad shells", "15, advice, every SMTP command", "65, warning, debugging" })
	void explainsTheLevel(int level, String severity, String words) {
		assertThat(this.rule.check(Policies.withOptions((o) -> o.logLevel(level)))).singleElement().satisfies((f) -> {
			assertThat(f.severity().json()).isEqualTo(severity);
			assertThat(f.title()).contains(words);
		});
	}

	@Test
	void saysNothingAtTheDefaultLevels() {
		assertThat(this.rule.check(Policies.withOptions((o) -> o.logLevel(9)))).isEmpty();
		assertThat(this.rule.check(Policies.withOptions((o) -> o.logLevel(null)))).isEmpty();
		assertThat(this.rule.check(Policies.withOptions((o) -> o.logLevel(11)))).isEmpty();
	}

	@Test
	void advisesSomeoneToReadBounces() {
		assertThat(this.rule.check(Policies.withOptions((o) -> o.logLevel(9).postmasterCopy(null)))).singleElement()
			.extracting(Finding::field)
			.isEqualTo("options.PostmasterCopy");
	}

}
