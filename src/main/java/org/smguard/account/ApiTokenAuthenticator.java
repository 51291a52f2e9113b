package org.smguard.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.smguard.system.ApiTokenAttempt;
import org.smguard.system.BearerTokenAuthenticator;
import org.smguard.system.SecurityConfiguration;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureCredentialsExpiredEvent;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Signs API requests in with personal tokens: one indexed query by the token's hash that
 * also reads the owner's account and roles, so that a token acts with its owner's roles
 * of this moment and stops at once when the owner is disabled. No BCrypt and no cache:
 * the query costs far less than a password check, and there is nothing to go stale.
 * <p>
 * The last use is written at most once a {@link #LAST_USED_RESOLUTION} per token, not at
 * every request. A failed attempt is published as an authentication failure event, like a
 * wrong password, so that the audit trail records it.
 */
@Component
class ApiTokenAuthenticator implements BearerTokenAuthenticator {

	static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	/** Who a failed attempt is recorded for when the token names no account. */
	static final String UNKNOWN = "(unknown API token)";

	private final ApiTokenStore store;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ApiTokenAuthenticator(ApiTokenStore store, Clock clock, ApplicationEventPublisher events) {
		this.store = store;
		this.clock = clock;
		this.events = events;
	}

	@Override
	public Optional<Authentication> authenticate(String token) {
		if (!ApiTokenSecret.hasTokenShape(token)) {
			return failed(new AuthenticationFailureBadCredentialsEvent(attempt(UNKNOWN),
					new BadCredentialsException("not an API token")));
		}
		Optional<ApiTokenStore.Owner> found = this.store.findOwner(ApiTokenSecret.hash(token));
		if (found.isEmpty()) {
			return failed(new AuthenticationFailureBadCredentialsEvent(attempt(UNKNOWN),
					new BadCredentialsException("unknown or revoked API token")));
		}
		ApiTokenStore.Owner owner = found.get();
		Instant now = this.clock.instant();
		if (!owner.enabled()) {
			return failed(new AuthenticationFailureDisabledEvent(attempt(owner.username()),
					new DisabledException("API token of a disabled account")));
		}
		if (owner.expiresAt() != null && !now.isBefore(owner.expiresAt())) {
			return failed(new AuthenticationFailureCredentialsExpiredEvent(attempt(owner.username()),
					new CredentialsExpiredException("expired API token")));
		}
		Instant notBefore = now.minus(LAST_USED_RESOLUTION);
		if (owner.lastUsedAt() == null || owner.lastUsedAt().isBefore(notBefore)) {
			this.store.markUsed(owner.tokenId(), now, notBefore);
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		owner.roles().forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
		if (owner.mustChangePassword()) {
			authorities.add(new SimpleGrantedAuthority(SecurityConfiguration.PASSWORD_CHANGE_REQUIRED));
		}
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.BEARER_AUTHORITY));
		return Optional.of(new ApiTokenAuthentication(owner.username(), owner.tokenId(), authorities));
	}

	/**
	 * Reports the failure as Spring Security reports a failed password (the audit trail
	 * records it as a failed sign-in, naming the owner when the token is known), and
	 * answers "no" whatever the reason: the client cannot tell the reasons apart.
	 */
	private Optional<Authentication> failed(AbstractAuthenticationFailureEvent event) {
		this.events.publishEvent(event);
		return Optional.empty();
	}

	private static Authentication attempt(String name) {
		return new ApiTokenAttempt(name);
	}

}
