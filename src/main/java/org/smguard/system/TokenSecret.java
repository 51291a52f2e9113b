package org.smguard.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The text of one kind of bearer token: a prefix naming the kind ({@code smg_} personal,
 * {@code smh_} host) and 32 random bytes from {@link SecureRandom} in unpadded base64url
 * (47 characters in all). The prefix lets people and secret scanners recognise a leaked
 * token, and keeps one kind from ever being taken for the other. The console keeps only
 * the SHA-256: a fast hash is enough for 256 random bits, which no one can guess, and
 * keeps a token-authenticated request cheap (unlike a password's BCrypt).
 */
public final class TokenSecret {

	private static final int RANDOM_BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String prefix;

	private final Pattern shape;

	public TokenSecret(String prefix) {
		this.prefix = prefix;
		this.shape = Pattern.compile("\\A" + Pattern.quote(prefix) + "[A-Za-z0-9_-]{43}\\z");
	}

	/** A fresh token. */
	public String generate() {
		byte[] bytes = new byte[RANDOM_BYTES];
		RANDOM.nextBytes(bytes);
		return this.prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Whether {@code text} could be a token of this kind, before anything is looked up.
	 */
	public boolean hasTokenShape(String text) {
		return text != null && this.shape.matcher(text).matches();
	}

	/** The SHA-256 of a token's text in lower-case hex: what the store keeps. */
	public static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
