package org.smguard.system;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs an API request in with a personal token ({@code Authorization: Bearer ...}). A
 * request without one goes on to HTTP Basic; a token that does not authenticate is
 * answered 401 at once, with the same answer whatever the reason (unknown, expired,
 * revoked, owner disabled), so that the answer tells nothing about the token.
 * <p>
 * Guessing tokens is throttled like guessing passwords, by client address: an invalid
 * token counts as a failed sign-in from that address, and an address past its limit is
 * answered 429 before any token is looked up.
 * <p>
 * Only the {@code /api/**} chain has this filter: a token never opens a browser page.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final String SCHEME = "Bearer";

	static final String INVALID_TOKEN = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
			+ "\"detail\":\"the API token is not valid: unknown, expired or revoked, or its account is disabled\"}";

	private final BearerTokenAuthenticator authenticator;

	private final SignInThrottle throttle;

	private final ClientAddresses addresses;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	BearerTokenFilter(BearerTokenAuthenticator authenticator, SignInThrottle throttle, ClientAddresses addresses) {
		this.authenticator = authenticator;
		this.throttle = throttle;
		this.addresses = addresses;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (!isBearer(header)) {
			chain.doFilter(request, response);
			return;
		}
		String address = this.addresses.of(request);
		Optional<Duration> refusal = this.throttle.begin(null, address);
		if (refusal.isPresent()) {
			SignInThrottleFilter.refuseApiCall(response, refusal.get());
			return;
		}
		Optional<Authentication> owner;
		try {
			owner = this.authenticator.authenticate(header.substring(SCHEME.length()).strip());
			if (owner.isEmpty()) {
				this.throttle.failed(null, address);
			}
		}
		finally {
			this.throttle.end(null, address);
		}
		if (owner.isEmpty()) {
			this.contexts.clearContext();
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"smguard\", error=\"invalid_token\"");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write(INVALID_TOKEN);
			return;
		}
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(owner.get());
		this.contexts.setContext(context);
		chain.doFilter(request, response);
	}

	/** {@code Bearer}, in any case, alone or followed by white space and the token. */
	private static boolean isBearer(String header) {
		return header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				&& (header.length() == SCHEME.length() || Character.isWhitespace(header.charAt(SCHEME.length())));
	}

}
