package org.smguard.account;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An API request signed in with a personal token: its owner's name and the authorities
 * the owner had when the request came in. It carries the factor {@code FACTOR_BEARER},
 * never {@code FACTOR_PASSWORD}, so that what needs the password (making tokens) can tell
 * it apart from HTTP Basic.
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private final String owner;

	private final long tokenId;

	ApiTokenAuthentication(String owner, long tokenId, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.owner = owner;
		this.tokenId = tokenId;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return this.owner;
	}

	long tokenId() {
		return this.tokenId;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ApiTokenAuthentication that && super.equals(that) && this.tokenId == that.tokenId;
	}

	@Override
	public int hashCode() {
		return 31 * super.hashCode() + Long.hashCode(this.tokenId);
	}

}
