package org.smguard.system;

import java.util.Optional;

import org.springframework.security.core.Authentication;

/**
 * Tells who a personal API token ({@code Authorization: Bearer ...}) belongs to, for the
 * {@code /api/**} chain's {@link BearerTokenFilter}. The account slice implements it;
 * {@code system} knows no feature.
 */
public interface BearerTokenAuthenticator {

	/**
	 * The token's owner with the authorities the owner has now, or empty when the token
	 * does not authenticate now: unknown, malformed, expired, revoked, or its owner
	 * disabled. The caller answers each of these the same way.
	 */
	Optional<Authentication> authenticate(String token);

}
