package org.smguard.hosts;

import org.smguard.system.TokenSecret;

/**
 * The text of a host pull token: {@code smh_} and 43 random characters, so that the API
 * chain refuses host tokens by their shape and the host chain personal ones.
 */
final class HostTokenSecret {

	static final String PREFIX = "smh_";

	private static final TokenSecret KIND = new TokenSecret(PREFIX);

	private HostTokenSecret() {
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
