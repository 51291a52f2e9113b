package org.smguard.account;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.smguard.validation.ValidationException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API: personal API tokens. {@code GET} lists the caller's own ({@code ?user=} and
 * {@code ?all=true} show others' to admins), {@code POST} makes one and returns it this
 * once, {@code DELETE} revokes one. The hash never leaves the store.
 */
@RestController
class ApiTokenApiController {

	private final ApiTokenService tokens;

	ApiTokenApiController(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	/** A token as listed: everything but the token itself. */
	record TokenDocument(long id, String name, String owner, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
			boolean expired) {

		static TokenDocument of(ApiToken token, Instant now) {
			return new TokenDocument(token.id(), token.name(), token.owner(), token.createdAt(), token.expiresAt(),
					token.lastUsedAt(), token.expiredAt(now));
		}

	}

	@GetMapping("/api/v1/tokens")
	List<TokenDocument> list(@RequestParam(required = false) String user,
			@RequestParam(defaultValue = "false") boolean all) {
		List<ApiToken> found;
		if (all) {
			found = this.tokens.all();
		}
		else if (user != null) {
			found = this.tokens.of(user);
		}
		else {
			found = this.tokens.mine();
		}
		Instant now = this.tokens.now();
		return found.stream().map((token) -> TokenDocument.of(token, now)).toList();
	}

	@GetMapping("/api/v1/tokens/{id}")
	TokenDocument get(@PathVariable long id) {
		return TokenDocument.of(this.tokens.get(id), this.tokens.now());
	}

	/**
	 * {@code expiresAt} is a date and time with an offset (RFC 3339), such as
	 * {@code 2026-12-31T00:00:00Z}; left out, the token does not expire.
	 */
	record CreateTokenRequest(String name, String expiresAt) {
	}

	/** The token made, with the token itself: the only time it is shown. */
	record CreatedToken(long id, String name, String token, String owner, Instant createdAt, Instant expiresAt) {
	}

	@PostMapping("/api/v1/tokens")
	ResponseEntity<CreatedToken> create(@RequestBody CreateTokenRequest request, Authentication authentication) {
		if (authentication instanceof ApiTokenAuthentication) {
			throw new PasswordRequiredException();
		}
		NewApiToken made = this.tokens.create(request.name(), expiresAt(request.expiresAt()));
		ApiToken token = made.token();
		return ResponseEntity.created(URI.create("/api/v1/tokens/" + token.id()))
			.body(new CreatedToken(token.id(), token.name(), made.secret(), token.owner(), token.createdAt(),
					token.expiresAt()));
	}

	@ExceptionHandler(PasswordRequiredException.class)
	ResponseEntity<ProblemDetail> passwordRequired() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"an API token cannot make tokens: sign in with your password (HTTP Basic) to make one");
		problem.setTitle("Password required");
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
	}

	@DeleteMapping("/api/v1/tokens/{id}")
	ResponseEntity<Void> revoke(@PathVariable long id) {
		this.tokens.revoke(id);
		return ResponseEntity.noContent().build();
	}

	/** A request signed in with a token asked for something that needs the password. */
	static final class PasswordRequiredException extends RuntimeException {

		PasswordRequiredException() {
			super("needs the password, not a token");
		}

	}

	private static Instant expiresAt(String text) {
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new ValidationException(ApiTokenService.EXPIRES_AT,
					"must be a date and time with an offset, such as 2026-12-31T00:00:00Z");
		}
	}

}
