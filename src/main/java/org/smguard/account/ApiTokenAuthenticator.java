package org.smguard.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.smguard.system.BearerTokenAuthenticator;
import org.smguard.system.SecurityConfiguration;

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
 * every request.
 */
@Component
class ApiTokenAuthenticator implements BearerTokenAuthenticator {

	static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	private final ApiTokenStore store;

	private final Clock clock;

	ApiTokenAuthenticator(ApiTokenStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Override
	public Optional<Authentication> authenticate(String token) {
		if (!ApiTokenSecret.hasTokenShape(token)) {
			return Optional.empty();
		}
		Optional<ApiTokenStore.Owner> found = this.store.findOwner(ApiTokenSecret.hash(token));
		Instant now = this.clock.instant();
		if (found.isEmpty() || !found.get().enabled()
				|| (found.get().expiresAt() != null && !now.isBefore(found.get().expiresAt()))) {
			return Optional.empty();
		}
		ApiTokenStore.Owner owner = found.get();
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

}
