package org.smguard.account;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Rules;
import org.smguard.validation.Violations;

/**
 * What a new personal API token must be: a name of 1-100 characters on one line that
 * shows as what it is (no bidirectional controls), and no expiry or one in the future at
 * most {@value #MAX_LIFETIME_DAYS} days ahead. Pure: the time is passed in. How many
 * tokens an account holds, and whether a name is taken, the service checks against the
 * store.
 */
final class ApiTokenRules {

	static final int MAX_NAME_LENGTH = 100;

	static final int MAX_LIFETIME_DAYS = 365;

	static final Duration MAX_LIFETIME = Duration.ofDays(MAX_LIFETIME_DAYS);

	/** Tokens one account may hold at once, expired ones included. */
	static final int MAX_TOKENS = 50;

	private ApiTokenRules() {
	}

	static void checkName(FieldPath field, String name, Violations violations) {
		if (name == null || name.isBlank()) {
			violations.error(field, Rules.REQUIRED);
		}
		else if (Rules.hasLineBreakingCharacter(name)) {
			violations.error(field, Rules.CONTROL_RULE);
		}
		else if (name.chars().anyMatch(ApiTokenRules::isBidiControl)) {
			violations.error(field, "must not contain bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E,"
					+ " U+200F, U+061C): they make the name show differently from what it is");
		}
		else if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
			violations.error(field, "must be at most " + MAX_NAME_LENGTH + " characters");
		}
		else if (!name.strip().equals(name)) {
			violations.error(field, "must not start or end with white space");
		}
	}

	private static boolean isBidiControl(int c) {
		return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
				|| c == 0x061c;
	}

	/** {@code expiresAt} may be {@code null}: the token does not expire. */
	static void checkExpiry(FieldPath field, Instant expiresAt, Instant now, Violations violations) {
		if (expiresAt == null) {
			return;
		}
		if (!expiresAt.isAfter(now)) {
			violations.error(field, "must be in the future");
		}
		else if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
			violations.error(field, "must be at most " + MAX_LIFETIME_DAYS + " days ahead (no later than "
					+ now.plus(MAX_LIFETIME).truncatedTo(ChronoUnit.SECONDS) + ")");
		}
	}

}
