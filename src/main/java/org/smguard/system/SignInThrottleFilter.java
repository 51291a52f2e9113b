package org.smguard.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Asks the {@link SignInThrottle} before a password is checked: placed before the form
 * sign-in (browser) or HTTP Basic (API) filter, it answers 429 with {@code Retry-After}
 * itself, so a refused attempt costs no password hash and learns nothing. The outcome of
 * an attempt that goes on is counted by {@link SignInOutcomes}.
 * <p>
 * Added to a filter chain with {@code http.with(SignInThrottleFilter.forms(), ...)} or
 * {@code http.with(SignInThrottleFilter.httpBasic(), ...)}.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

	/** Request attribute: how long a refused browser sign-in must wait, for its page. */
	static final String RETRY_AFTER = SignInThrottleFilter.class.getName() + ".RETRY_AFTER";

	private final boolean api;

	private final SignInThrottle throttle;

	private final ClientAddresses addresses;

	private SignInThrottleFilter(boolean api, SignInThrottle throttle, ClientAddresses addresses) {
		this.api = api;
		this.throttle = throttle;
		this.addresses = addresses;
	}

	/** Throttles the browser's sign-in form ({@code POST /login}). */
	static Configurer forms() {
		return new Configurer(false);
	}

	/** Throttles requests that carry HTTP Basic credentials. */
	static Configurer httpBasic() {
		return new Configurer(true);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String username = this.api ? basicUsername(request) : formUsername(request);
		if (username == null) {
			chain.doFilter(request, response);
			return;
		}
		String address = this.addresses.of(request);
		Optional<Duration> refusal = this.throttle.begin(username, address);
		if (refusal.isEmpty()) {
			try {
				chain.doFilter(request, response);
			}
			finally {
				this.throttle.end(username, address);
			}
			return;
		}
		if (this.api) {
			refuseApiCall(response, refusal.get());
		}
		else {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refusal.get().toSeconds()));
			request.setAttribute(RETRY_AFTER, refusal.get());
			response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
		}
	}

	/** Answers a throttled API call: 429, {@code Retry-After} and a problem detail. */
	static void refuseApiCall(HttpServletResponse response, Duration wait) throws IOException {
		ApiProblems.tooManyAttempts(response, wait, "too many failed sign-ins for this user name or from this address");
	}

	private static String formUsername(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!"POST".equals(request.getMethod()) || !"/login".equals(path)) {
			return null;
		}
		String username = request.getParameter(UsernamePasswordAuthenticationFilter.SPRING_SECURITY_FORM_USERNAME_KEY);
		return (username != null) ? username.trim() : "";
	}

	/**
	 * The user name of HTTP Basic credentials, or {@code null} when there are none (or
	 * they cannot be read, which the Basic filter then answers).
	 */
	private static String basicUsername(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.strip().toLowerCase(Locale.ROOT).startsWith("basic ")) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(header.strip().substring(6).strip()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon >= 0) ? decoded.substring(0, colon) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Adds the filter to a chain, before the filter that checks passwords. */
	static final class Configurer extends AbstractHttpConfigurer<Configurer, HttpSecurity> {

		private final boolean api;

		private Configurer(boolean api) {
			this.api = api;
		}

		@Override
		public void configure(HttpSecurity http) {
			ApplicationContext context = http.getSharedObject(ApplicationContext.class);
			SignInThrottleFilter filter = new SignInThrottleFilter(this.api, context.getBean(SignInThrottle.class),
					context.getBean(ClientAddresses.class));
			http.addFilterBefore(filter,
					this.api ? BasicAuthenticationFilter.class : UsernamePasswordAuthenticationFilter.class);
		}

	}

}
