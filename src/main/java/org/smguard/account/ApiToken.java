package org.smguard.account;

import java.time.Instant;

/**
 * A personal API token as its owner and admins see it: never the token itself, nor its
 * hash. {@code expiresAt} and {@code lastUsedAt} may be {@code null} (never expires,
 * never used); {@code lastUsedAt} is exact to about a minute.
 */
public record ApiToken(long id, String owner, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

	/** Whether the token no longer works at {@code now} because its time ran out. */
	public boolean expiredAt(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

}
