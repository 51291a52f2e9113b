package org.smguard.testing;

import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs a call to the real services as a signed-in account with the given roles, so that
 * their method security applies, and signs out afterwards (MockMvc clears a test's own
 * security context, so a test that also calls the services directly needs this).
 */
public final class SignedIn {

	private SignedIn() {
	}

	/**
	 * {@code call} as {@code user} with {@code roles} (without the {@code ROLE_} prefix).
	 */
	public static <T> T as(String user, Supplier<T> call, String... roles) {
		String[] authorities = new String[roles.length];
		for (int i = 0; i < roles.length; i++) {
			authorities[i] = "ROLE_" + roles[i];
		}
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
					AuthorityUtils.createAuthorityList(authorities)));
		try {
			return call.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
