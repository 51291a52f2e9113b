package org.smguard.hosts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.smguard.system.ApiTokenAttempt;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.stereotype.Component;

/**
 * Signs host requests in with host tokens: one indexed query by the token's hash. A
 * revoked host has no row and a rotated token no longer matches, so either stops at once.
 * The time and address of the request are written as the host's "last asked", at most
 * once a {@link #LAST_ASKED_RESOLUTION} unless the address changed. A failed attempt is
 * published as an authentication failure event, as a personal token's is, so that the
 * audit trail records it.
 */
@Component
class HostTokenAuthenticator {

	static final Duration LAST_ASKED_RESOLUTION = Duration.ofMinutes(1);

	/** Who a failed attempt is recorded for: the token names no host. */
	static final String UNKNOWN = "(unknown host token)";

	private final HostStore store;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	HostTokenAuthenticator(HostStore store, Clock clock, ApplicationEventPublisher events) {
		this.store = store;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * The host the token belongs to, or empty when it belongs to none now (malformed,
	 * unknown, rotated or revoked), which the caller answers the same way whatever the
	 * reason.
	 * @param address the client address, recorded as where the host last asked from
	 */
	Optional<HostAuthentication> authenticate(String token, String address) {
		Optional<HostStore.Caller> found = HostTokenSecret.hasTokenShape(token)
				? this.store.findCaller(HostTokenSecret.hash(token)) : Optional.empty();
		if (found.isEmpty()) {
			this.events.publishEvent(new AuthenticationFailureBadCredentialsEvent(new ApiTokenAttempt(UNKNOWN),
					new BadCredentialsException("unknown, rotated or revoked host token")));
			return Optional.empty();
		}
		HostStore.Caller caller = found.get();
		Instant now = this.clock.instant();
		Instant notBefore = now.minus(LAST_ASKED_RESOLUTION);
		if (caller.lastAskedAt() == null || caller.lastAskedAt().isBefore(notBefore)
				|| !Objects.equals(caller.lastAskedFrom(), address)) {
			this.store.markAsked(caller.host().id(), now, address, notBefore);
		}
		return Optional.of(new HostAuthentication(caller.host()));
	}

}
