package org.smguard.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The text of a personal API token: {@code smg_} and 32 random bytes from
 * {@link SecureRandom} in unpadded base64url (47 characters in all). The prefix lets
 * people and secret scanners recognise a leaked token. The console keeps only the token's
 * SHA-256: a fast hash is enough for 256 random bits, which no one can guess, and keeps a
 * token-authenticated request cheap (unlike a password's BCrypt).
 */
final class ApiTokenSecret {

	static final String PREFIX = "smg_";

	private static final int RANDOM_BYTES = 32;

	private static final Pattern SHAPE = Pattern.compile("\\Asmg_[A-Za-z0-9_-]{43}\\z");

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiTokenSecret() {
	}

	/** A fresh token. */
	static String generate() {
		byte[] bytes = new byte[RANDOM_BYTES];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Whether {@code text} could be a token at all, before anything is looked up. */
	static boolean hasTokenShape(String text) {
		return text != null && SHAPE.matcher(text).matches();
	}

	/** The SHA-256 of the token's text in lower-case hex: what the store keeps. */
	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
