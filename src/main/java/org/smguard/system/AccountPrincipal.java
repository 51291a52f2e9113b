package org.smguard.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A console account as Spring Security signs it in. Besides the name and authorities it
 * keeps a digest of the password hash it was read with, which outlives the hash itself
 * (erased once the password is checked): a browser session compares it with the account's
 * current one to tell that the password was changed or reset since, and then ends.
 */
public final class AccountPrincipal extends User {

	private static final long serialVersionUID = 1L;

	private final String passwordMark;

	public AccountPrincipal(String username, String passwordHash, boolean enabled,
			Collection<? extends GrantedAuthority> authorities) {
		super(username, passwordHash, enabled, true, true, true, authorities);
		this.passwordMark = digest(passwordHash);
	}

	/** Whether both were read with the same password hash. */
	boolean samePassword(AccountPrincipal other) {
		return MessageDigest.isEqual(this.passwordMark.getBytes(StandardCharsets.US_ASCII),
				other.passwordMark.getBytes(StandardCharsets.US_ASCII));
	}

	private static String digest(String passwordHash) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
