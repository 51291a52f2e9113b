package org.smguard.advisor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultUserRuleTests {

	private final DefaultUserRule rule = new DefaultUserRule();

	@ParameterizedTest
	@CsvSource({ "root, critical", "0, critical", "0:0, critical", "mailnull:root, critical", "nobody, warning",
			"65534:65534, warning", "nobody:nogroup, warning", "mail:mail, advice", "mailnull:mail, advice" })
	void fires(String value, String severity) {
		assertThat(this.rule.check(Policies.withOptions((o) -> o.defaultUser(value)))).singleElement()
			.satisfies((f) -> {
				assertThat(f.severity().json()).isEqualTo(severity);
				assertThat(f.field()).isEqualTo("options.DefaultUser");
				assertThat(f.recommended()).isEqualTo("mailnull:mailnull");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "mailnull:mailnull", "65533:65533", "smmsp", "nullmail:nullgroup" })
	void doesNotFireForADedicatedPseudoUser(String value) {
		assertThat(this.rule.check(Policies.withOptions((o) -> o.defaultUser(value)))).isEmpty();
	}

	@org.junit.jupiter.api.Test
	void warnsWhenUnset() {
		assertThat(this.rule.check(Policies.withOptions((o) -> o.defaultUser(null)))).singleElement()
			.extracting(Finding::severity)
			.isEqualTo(Severity.WARNING);
	}

}
