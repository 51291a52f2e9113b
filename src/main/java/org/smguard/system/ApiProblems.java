package org.smguard.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * Problem responses the security filters send for the API before a controller is reached.
 */
public final class ApiProblems {

	private ApiProblems() {
	}

	static void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setHeader("WWW-Authenticate", "Basic realm=\"smguard\"");
		write(response, 401, "Unauthorized", "sign in with HTTP Basic and a console account");
	}

	static void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		write(response, 403, "Forbidden", "your account's roles do not allow this action");
	}

	/**
	 * 429 with {@code Retry-After} for an API call refused by the sign-in throttle;
	 * {@code reason} says what was tried too often, before "try again in".
	 */
	public static void tooManyAttempts(HttpServletResponse response, Duration wait, String reason) throws IOException {
		long seconds = wait.toSeconds();
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"Too many sign-in attempts\",\"status\":429," + "\"detail\":\""
					+ reason + ": try again in " + seconds + " seconds\",\"retryAfter\":" + seconds + "}");
	}

	private static void write(HttpServletResponse response, int status, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
					+ detail + "\"}");
	}

}
