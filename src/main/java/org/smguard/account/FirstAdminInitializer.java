package org.smguard.account;

import java.security.SecureRandom;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the {@code admin} account on first start. A password from
 * {@code SMGUARD_ADMIN_PASSWORD} is the operator's own and works at once, so it must keep
 * the same rules as any other: a weak one stops the first start with the rule it broke
 * rather than leave the console's most powerful account guessable. Without it, a random
 * password is printed once and must be changed at first sign-in.
 */
@Component
class FirstAdminInitializer implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(FirstAdminInitializer.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final AccountService accounts;

	private final PasswordRules rules;

	private final String configuredPassword;

	FirstAdminInitializer(AccountService accounts, PasswordRules rules,
			@Value("${smguard.admin-password:}") String configuredPassword) {
		this.accounts = accounts;
		this.rules = rules;
		this.configuredPassword = configuredPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.configuredPassword.isEmpty()) {
			boolean created;
			try {
				created = this.accounts.createFirstAdmin(this.configuredPassword, false);
			}
			catch (ValidationException ex) {
				throw new IllegalStateException("Refusing to create account 'admin': "
						+ ex.violations().stream().map(Violation::toString).collect(Collectors.joining("; "))
						+ ". Set a stronger SMGUARD_ADMIN_PASSWORD, or leave it unset to get a one-time password.");
			}
			if (created) {
				logger.info("Created account 'admin' with the password from SMGUARD_ADMIN_PASSWORD");
			}
			return;
		}
		String generated = randomPassword();
		if (this.accounts.createFirstAdmin(generated, true)) {
			logger.warn("\n\n    Created account 'admin' with the one-time password: {}\n"
					+ "    It is shown only this once and must be changed at first sign-in.\n", generated);
		}
	}

	/**
	 * 20 characters of 57: about 117 bits. Drawn again in the unlikely case the rules
	 * refuse one (say, one that spells the user name).
	 */
	private String randomPassword() {
		SecureRandom random = new SecureRandom();
		String password;
		do {
			StringBuilder drawn = new StringBuilder();
			for (int i = 0; i < 20; i++) {
				drawn.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
			}
			password = drawn.toString();
		}
		while (!this.rules.accepts(password, AccountService.FIRST_ADMIN));
		return password;
	}

}
