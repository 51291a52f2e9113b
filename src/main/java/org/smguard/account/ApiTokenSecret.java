package org.smguard.account;

import org.smguard.system.TokenSecret;

/** The text of a personal API token: {@code smg_} and 43 random characters. */
final class ApiTokenSecret {

	static final String PREFIX = "smg_";

	private static final TokenSecret KIND = new TokenSecret(PREFIX);

	private ApiTokenSecret() {
	}

	static String generate() {
		return KIND.generate();
	}

	static boolean hasTokenShape(String text) {
		return KIND.hasTokenShape(text);
	}

	static String hash(String token) {
		return TokenSecret.hash(token);
	}

}
