package org.smguard.hosts;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request signed in with a host token: the principal is the {@link HostPrincipal}, the
 * only authority {@code ROLE_HOST}, which no console role implies and no page or other
 * API path accepts. Its name, as the audit trail records it, is {@code host:} and the
 * host's name, so that it cannot be taken for an account.
 */
final class HostAuthentication extends AbstractAuthenticationToken {

	static final String ROLE = "ROLE_HOST";

	private final HostPrincipal host;

	HostAuthentication(HostPrincipal host) {
		super(List.of(new SimpleGrantedAuthority(ROLE)));
		this.host = host;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public HostPrincipal getPrincipal() {
		return this.host;
	}

	@Override
	public String getName() {
		return "host:" + this.host.name();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof HostAuthentication that && super.equals(that) && this.host.equals(that.host);
	}

	@Override
	public int hashCode() {
		return 31 * super.hashCode() + this.host.hashCode();
	}

}
