package org.smguard.system;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in account, for services that record who did something.
 */
public final class CurrentUser {

	private CurrentUser() {
	}

	public static String name() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			throw new IllegalStateException("no signed-in user");
		}
		return authentication.getName();
	}

}
