package org.smguard.account;

import java.time.Instant;
import java.util.Set;

import org.smguard.system.Role;

/**
 * A console account as shown to admins; the password hash never leaves the store.
 */
public record Account(String username, Set<Role> roles, boolean enabled, boolean mustChangePassword,
		Instant createdAt) {
}
