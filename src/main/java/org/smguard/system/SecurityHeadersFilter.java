package org.smguard.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the security headers on every response the console produces, before anything else
 * runs: pages, API answers, error pages, 401/403/404/405/429, and the answers to requests
 * the firewall rejects before any security filter chain sees them. Spring Security's own
 * header writers then find the headers set and leave them.
 * <ul>
 * <li>{@code Content-Security-Policy}: pages load scripts, styles and images from the
 * console only; API answers and the API description load nothing.</li>
 * <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} (and
 * {@code frame-ancestors 'none'}), {@code Referrer-Policy: no-referrer}.</li>
 * <li>{@code Cache-Control: no-store} on everything but the static CSS and JavaScript:
 * policies and accounts must not stay in a shared or browser cache.</li>
 * <li>{@code Strict-Transport-Security} when the request came over TLS (directly, or
 * through a proxy the console trusts to say so).</li>
 * </ul>
 */
public final class SecurityHeadersFilter extends OncePerRequestFilter {

	static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
			+ " form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	static final String HSTS = "max-age=31536000; includeSubDomains";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		response.setHeader("Content-Security-Policy", isApi(path) ? API_POLICY : PAGE_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		if (!isStatic(path)) {
			response.setHeader("Cache-Control", "no-store");
			response.setHeader("Pragma", "no-cache");
		}
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", HSTS);
		}
		chain.doFilter(request, response);
	}

	/** Error dispatches keep the headers of the request they answer. */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

	static boolean isApi(String path) {
		return path.startsWith("/api/") || path.startsWith("/v3/api-docs") || path.startsWith("/actuator/");
	}

	private static boolean isStatic(String path) {
		return path.startsWith("/css/") || path.startsWith("/js/") || path.equals("/favicon.ico");
	}

}
