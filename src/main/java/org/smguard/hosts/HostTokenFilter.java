package org.smguard.hosts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.smguard.system.ApiProblems;
import org.smguard.system.ClientAddresses;
import org.smguard.system.SignInThrottle;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a request to {@code /api/v1/hosts/self/**} in with a host token
 * ({@code Authorization: Bearer smh_...}), and answers every other request there 401: no
 * token, HTTP Basic, a personal API token, a browser session, a wrong, rotated or revoked
 * host token all get the same answer, so that it tells nothing about the token.
 * <p>
 * Guessing host tokens is throttled as guessing personal tokens is (see the system
 * package's {@code BearerTokenFilter}), with the same {@link SignInThrottle} and
 * {@link ClientAddresses}: a bearer token that does not authenticate counts as a failed
 * sign-in from its address, and an address past its limit is answered 429 before any
 * token is looked up.
 */
class HostTokenFilter extends OncePerRequestFilter {

	private static final String SCHEME = "Bearer";

	static final String CHALLENGE = "Bearer realm=\"smguard\"";

	static final String UNAUTHORIZED = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
			+ "\"detail\":\"this path is for mail hosts: send Authorization: Bearer and the token of a registered"
			+ " host (unknown, rotated and revoked tokens are refused)\"}";

	private final HostTokenAuthenticator authenticator;

	private final SignInThrottle throttle;

	private final ClientAddresses addresses;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	HostTokenFilter(HostTokenAuthenticator authenticator, SignInThrottle throttle, ClientAddresses addresses) {
		this.authenticator = authenticator;
		this.throttle = throttle;
		this.addresses = addresses;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.contexts.clearContext();
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (!isBearer(header)) {
			unauthorized(response);
			return;
		}
		String address = this.addresses.of(request);
		Optional<Duration> refusal = this.throttle.begin(null, address);
		if (refusal.isPresent()) {
			// Answered as a throttled API call of a person is.
			ApiProblems.tooManyAttempts(response, refusal.get(), "too many invalid tokens from this address");
			return;
		}
		Optional<HostAuthentication> host;
		try {
			host = this.authenticator.authenticate(header.substring(SCHEME.length()).strip(), address);
			if (host.isEmpty()) {
				this.throttle.failed(null, address);
			}
		}
		finally {
			this.throttle.end(null, address);
		}
		if (host.isEmpty()) {
			unauthorized(response);
			return;
		}
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(host.get());
		this.contexts.setContext(context);
		chain.doFilter(request, response);
	}

	/** The one answer to a request that is not a host's. */
	static void unauthorized(HttpServletResponse response) throws IOException {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getWriter().write(UNAUTHORIZED);
	}

	/** The chain's entry point: the same answer. */
	static void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		unauthorized(response);
	}

	/** {@code Bearer}, in any case, alone or followed by white space and the token. */
	private static boolean isBearer(String header) {
		return header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				&& (header.length() == SCHEME.length() || Character.isWhitespace(header.charAt(SCHEME.length())));
	}

}
