package org.smguard.account;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Violations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@link ApiTokenRules}: names and expiries, accepted and refused.
 */
class ApiTokenRulesTests {

	private static final FieldPath NAME = FieldPath.of("name");

	private static final FieldPath EXPIRES = FieldPath.of("expiresAt");

	private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

	@ParameterizedTest
	@ValueSource(strings = { "x", "nightly export", "ci: deploy to mx-gateways", "Überwachung", "🔑 backup" })
	void acceptsNamesOnOneLine(String name) {
		assertThat(name(name).hasErrors()).isFalse();
	}

	@Test
	void acceptsHundredCharactersCountingCodePoints() {
		assertThat(name("x".repeat(100)).hasErrors()).isFalse();
		assertThat(name("🔑".repeat(100)).hasErrors()).as("100 characters of two UTF-16 units each").isFalse();
	}

	@Test
	void rejectsNameOfMoreThanHundredCharacters() {
		assertThat(message(name("x".repeat(101)))).isEqualTo("must be at most 100 characters");
	}

	@Test
	void rejectsMissingOrBlankName() {
		assertThat(message(name(null))).isEqualTo("is required");
		assertThat(message(name(""))).isEqualTo("is required");
		assertThat(message(name("   "))).isEqualTo("is required");
	}

	@ParameterizedTest
	@ValueSource(strings = { "two\nlines", "carriage\rreturn", "nul\u0000", "next\u0085line", "line\u2028separator",
			"tab\tbed" })
	void rejectsNameWithLineBreakOrControlCharacter(String name) {
		assertThat(message(name(name))).isEqualTo("must not contain control characters or line breaks");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u202eevil", "ci\u2066x", "a\u200fb", "a\u061cb" })
	void rejectsNameWithBidirectionalControl(String name) {
		assertThat(message(name(name))).startsWith("must not contain bidirectional controls");
	}

	@Test
	void rejectsNameWithSurroundingWhiteSpace() {
		assertThat(message(name(" ci"))).isEqualTo("must not start or end with white space");
		assertThat(message(name("ci "))).isEqualTo("must not start or end with white space");
	}

	@Test
	void acceptsNoExpiry() {
		assertThat(expiry(null).hasErrors()).isFalse();
	}

	@Test
	void acceptsExpiryFromJustAfterNowToAYearAhead() {
		assertThat(expiry(NOW.plusMillis(1)).hasErrors()).isFalse();
		assertThat(expiry(NOW.plus(ApiTokenRules.MAX_LIFETIME)).hasErrors()).isFalse();
	}

	@Test
	void rejectsExpiryNowOrInThePast() {
		assertThat(message(expiry(NOW))).isEqualTo("must be in the future");
		assertThat(message(expiry(NOW.minusSeconds(3600)))).isEqualTo("must be in the future");
	}

	@Test
	void rejectsExpiryMoreThanAYearAheadNamingTheLatest() {
		assertThat(message(expiry(NOW.plus(ApiTokenRules.MAX_LIFETIME).plusMillis(1))))
			.isEqualTo("must be at most 365 days ahead (no later than 2026-06-01T12:00:00Z)");
	}

	private static Violations name(String name) {
		Violations violations = new Violations();
		ApiTokenRules.checkName(NAME, name, violations);
		return violations;
	}

	private static Violations expiry(Instant expiresAt) {
		Violations violations = new Violations();
		ApiTokenRules.checkExpiry(EXPIRES, expiresAt, NOW, violations);
		return violations;
	}

	private static String message(Violations violations) {
		assertThat(violations.errors()).hasSize(1);
		return violations.errors().get(0).message();
	}

}
