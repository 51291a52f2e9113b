package org.smguard.account;

import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the {@code admin} account on first start. A password from
 * {@code SMGUARD_ADMIN_PASSWORD} is the operator's own and works at once; otherwise a
 * random one is printed once and must be changed at first sign-in.
 */
@Component
class FirstAdminInitializer implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(FirstAdminInitializer.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final AccountService accounts;

	private final String configuredPassword;

	FirstAdminInitializer(AccountService accounts, @Value("${smguard.admin-password:}") String configuredPassword) {
		this.accounts = accounts;
		this.configuredPassword = configuredPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.configuredPassword.isEmpty()) {
			if (this.accounts.createFirstAdmin(this.configuredPassword, false)) {
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

	private static String randomPassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
