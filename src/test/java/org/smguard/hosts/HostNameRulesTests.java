package org.smguard.hosts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HostNameRules}: DNS host names in lower case, nothing else.
 */
class HostNameRulesTests {

	private static final FieldPath NAME = FieldPath.of("name");

	@ParameterizedTest
	@ValueSource(strings = { "mx1", "mx1.example.org", "a", "0", "1-2.example", "x--y.example.org",
			"xn--bcher-kva.example", "123.example.org" })
	void acceptsDnsHostNames(String name) {
		assertThat(check(name).errors()).isEmpty();
	}

	@Test
	void acceptsLabelsOf63AndNamesOf253Characters() {
		String label = "a".repeat(63);
		assertThat(check(label + ".example.org").errors()).isEmpty();
		String longest = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61));
		assertThat(longest).hasSize(253);
		assertThat(check(longest).errors()).isEmpty();
	}

	@Test
	void rejectsNamesLongerThan253Characters() {
		String name = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(62));
		assertThat(message(name)).isEqualTo("must be at most 253 characters, not 254");
	}

	@Test
	void rejectsLabelLongerThan63Characters() {
		assertThat(message("a".repeat(64) + ".example.org")).isEqualTo(HostNameRules.RULE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-mx.example.org", "mx-.example.org", "mx..example.org", ".mx.example.org",
			"mx.example.org.", "mx_1.example.org", "mx 1", "mx1.example.org\n", "mx1/../x", "m\u00fcller.example",
			"*.example.org", "mx1:25", "." })
	void rejectsWhatIsNoHostName(String name) {
		assertThat(message(name)).isEqualTo(HostNameRules.RULE);
	}

	@Test
	void asksForLowerCase() {
		assertThat(message("MX1.Example.org")).isEqualTo("must be in lower case: 'mx1.example.org'");
	}

	@Test
	void rejectsMissingName() {
		assertThat(message(null)).isEqualTo("is required");
		assertThat(message("")).isEqualTo("is required");
	}

	@Test
	void rejectsSelfWhichIsTheHostApisOwnPath() {
		assertThat(message("self")).contains("must not be 'self'");
		assertThat(check("self.example.org").errors()).isEmpty();
	}

	@Test
	void namesTheField() {
		assertThat(check("bad name").errors()).extracting(Violation::field).containsExactly("name");
	}

	private static Violations check(String name) {
		Violations violations = new Violations();
		HostNameRules.check(NAME, name, violations);
		return violations;
	}

	private static String message(String name) {
		Violations violations = check(name);
		assertThat(violations.errors()).as(name).hasSize(1);
		return violations.errors().get(0).message();
	}

}
