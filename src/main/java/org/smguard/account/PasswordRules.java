package org.smguard.account;

import java.nio.charset.StandardCharsets;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Rules;
import org.smguard.validation.Violations;

/**
 * What a console password must be. The upper bound is BCrypt's: it reads at most 72
 * bytes.
 */
final class PasswordRules {

	static final int MIN_LENGTH = 8;

	static final int MAX_BYTES = 72;

	private PasswordRules() {
	}

	static void check(FieldPath field, String password, Violations violations) {
		if (password == null || password.length() < MIN_LENGTH) {
			violations.error(field, "must be at least " + MIN_LENGTH + " characters");
		}
		else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			violations.error(field, "must be at most " + MAX_BYTES + " bytes (UTF-8)");
		}
		else if (Rules.hasLineBreakingCharacter(password)) {
			violations.error(field, Rules.CONTROL_RULE);
		}
	}

}
