package org.smguard.hosts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The text of a host pull token: {@code smh_} and 32 random bytes from
 * {@link SecureRandom} in unpadded base64url (47 characters in all), made like a personal
 * API token ({@code smg_}) but with its own prefix, so that neither kind is ever taken
 * for the other: the API chain refuses {@code smh_} tokens by their shape, the host chain
 * {@code smg_} ones. The console keeps only the SHA-256 (256 random bits need no slow
 * hash).
 */
final class HostTokenSecret {

	static final String PREFIX = "smh_";

	private static final int RANDOM_BYTES = 32;

	private static final Pattern SHAPE = Pattern.compile("\\Asmh_[A-Za-z0-9_-]{43}\\z");

	private static final SecureRandom RANDOM = new SecureRandom();

	private HostTokenSecret() {
	}

	/** A fresh token. */
	static String generate() {
		byte[] bytes = new byte[RANDOM_BYTES];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Whether {@code text} could be a host token at all, before anything is looked up.
	 */
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
