package org.smguard.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file a policy produces: a name unique within the policy (never containing
 * {@code /}), where it goes on a mail host, its owner and mode, and its text.
 */
public record RenderedFile(String name, String path, String owner, String mode, String content) {

	public byte[] bytes() {
		return this.content.getBytes(StandardCharsets.UTF_8);
	}

	public int size() {
		return bytes().length;
	}

	public String sha256() {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes()));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
