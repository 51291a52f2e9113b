package org.smguard.system;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A failed sign-in with an API token, as its failure event carries it: named after the
 * token's owner when the token is known. Unlike a password attempt it does not count
 * against that name in the sign-in throttle (an expired token in a script must not keep
 * its owner from signing in); {@link BearerTokenFilter} counts it for the address.
 */
public final class ApiTokenAttempt extends AbstractAuthenticationToken {

	private final String name;

	public ApiTokenAttempt(String name) {
		super(List.of());
		this.name = name;
		setAuthenticated(false);
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return this.name;
	}

}
