package org.smguard.account;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Rules;
import org.smguard.validation.Violations;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a console password must be, the same on every path that sets one (the first admin,
 * a new account, an admin's reset, one's own change): long enough, at most the 72 bytes
 * BCrypt reads, not containing the user name, and not easy to guess by zxcvbn's estimate,
 * which knows common passwords, names, words, keyboard patterns, dates and sequences.
 * There are no composition rules (NIST SP 800-63B): length and the estimate decide.
 */
@Component
class PasswordRules {

	/** The shortest minimum length the console accepts as a setting. */
	static final int LEAST_MIN_LENGTH = 12;

	static final int MAX_BYTES = 72;

	/**
	 * zxcvbn's score 3 of 0-4: about 10^8 guesses or more, "safely unguessable" against
	 * an online attack and a hurdle offline against a slow hash.
	 */
	static final int MIN_SCORE = 3;

	/**
	 * User names shorter than this are not looked for in the password: a name of one or
	 * two characters would forbid half the alphabet. zxcvbn still counts them.
	 */
	private static final int SHORTEST_NAME_LOOKED_FOR = 3;

	/** Words of this console that a guesser would try first. */
	private static final List<String> PRODUCT_WORDS = List.of("smguard", "sendmail", "admin");

	private final int minLength;

	private final Zxcvbn zxcvbn = new Zxcvbn();

	PasswordRules(@Value("${smguard.password.min-length:12}") int minLength) {
		if (minLength < LEAST_MIN_LENGTH || minLength > 64) {
			throw new IllegalStateException("smguard.password.min-length (SMGUARD_PASSWORD_MIN_LENGTH) must be "
					+ LEAST_MIN_LENGTH + " to 64, not " + minLength);
		}
		this.minLength = minLength;
	}

	int minLength() {
		return this.minLength;
	}

	/**
	 * Adds to {@code violations} the first rule {@code password} breaks, on
	 * {@code field}.
	 * @param username the account the password is for
	 */
	void check(FieldPath field, String password, String username, Violations violations) {
		if (password == null || password.codePointCount(0, password.length()) < this.minLength) {
			violations.error(field, "must be at least " + this.minLength + " characters");
		}
		else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			violations.error(field, "must be at most " + MAX_BYTES + " bytes (UTF-8)");
		}
		else if (Rules.hasLineBreakingCharacter(password)) {
			violations.error(field, Rules.CONTROL_RULE);
		}
		else if (username != null && username.length() >= SHORTEST_NAME_LOOKED_FOR
				&& password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
			violations.error(field, "must not contain the user name");
		}
		else {
			List<String> context = new ArrayList<>(PRODUCT_WORDS);
			if (username != null) {
				context.add(username);
			}
			Strength strength = this.zxcvbn.measure(password, context);
			if (strength.getScore() < MIN_SCORE) {
				violations.error(field, "is too easy to guess: " + advice(strength.getFeedback()));
			}
		}
	}

	/** Whether {@code password} keeps every rule for {@code username}. */
	boolean accepts(String password, String username) {
		Violations violations = new Violations();
		check(FieldPath.of("password"), password, username, violations);
		return !violations.hasErrors();
	}

	/** zxcvbn's warning and suggestions, in English whatever the server's locale. */
	private static String advice(Feedback feedback) {
		List<String> parts = new ArrayList<>();
		String warning = feedback.getWarning(Locale.ENGLISH);
		if (warning != null && !warning.isBlank()) {
			parts.add(sentence(warning));
		}
		feedback.getSuggestions(Locale.ENGLISH).stream().map(PasswordRules::sentence).forEach(parts::add);
		if (parts.isEmpty()) {
			parts.add("Use a longer phrase of uncommon words.");
		}
		return String.join(" ", parts);
	}

	private static String sentence(String text) {
		String trimmed = text.strip();
		return trimmed.endsWith(".") ? trimmed : trimmed + ".";
	}

}
