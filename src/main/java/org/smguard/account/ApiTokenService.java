package org.smguard.account;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.smguard.system.CurrentUser;
import org.smguard.system.NotFoundException;
import org.smguard.validation.FieldPath;
import org.smguard.validation.Rules;
import org.smguard.validation.Violations;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: every signed-in user makes, lists and revokes their own; an admin
 * sees and revokes anyone's. Making a token needs the password (HTTP Basic or the
 * browser's sign-in), so that a token cannot make itself a longer-lived successor. A
 * token someone else owns is "not found" to a user who is not an admin, never
 * "forbidden", so that ids tell nothing.
 */
@Service
@Transactional(readOnly = true)
public class ApiTokenService {

	public static final FieldPath NAME = FieldPath.of("name");

	public static final FieldPath EXPIRES_AT = FieldPath.of("expiresAt");

	public static final FieldPath TOKENS = FieldPath.of("tokens");

	private static final Logger logger = LoggerFactory.getLogger(ApiTokenService.class);

	private final ApiTokenStore store;

	private final Clock clock;

	ApiTokenService(ApiTokenStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/** The signed-in user's tokens, oldest first. */
	@PreAuthorize("isAuthenticated()")
	public List<ApiToken> mine() {
		return this.store.findByOwner(CurrentUser.name());
	}

	/** One account's tokens: one's own, or anyone's for an admin. */
	@PreAuthorize("isAuthenticated()")
	public List<ApiToken> of(String username) {
		if (!CurrentUser.name().equals(username) && !isAdmin()) {
			throw new AccessDeniedException("only admins see the tokens of other accounts");
		}
		if (!this.store.accountExists(username)) {
			throw new NotFoundException("no account named '" + username + "'");
		}
		return this.store.findByOwner(username);
	}

	/** Every account's tokens, by account. */
	@PreAuthorize("hasRole('ADMIN')")
	public List<ApiToken> all() {
		return this.store.findAll();
	}

	/** One token the signed-in user owns, or any one for an admin. */
	@PreAuthorize("isAuthenticated()")
	public ApiToken get(long id) {
		return visible(id);
	}

	/**
	 * Makes a token for the signed-in user. The returned secret is the only copy: the
	 * store keeps its hash.
	 * @param expiresAt when it stops working, or {@code null} for never
	 */
	@PreAuthorize("hasAuthority('FACTOR_PASSWORD')")
	@Transactional
	public NewApiToken create(String name, Instant expiresAt) {
		String owner = CurrentUser.name();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Violations violations = new Violations();
		ApiTokenRules.checkName(NAME, name, violations);
		ApiTokenRules.checkExpiry(EXPIRES_AT, expiresAt, now, violations);
		violations.throwIfErrors();
		if (!this.store.lockAccount(owner)) {
			throw new NotFoundException("no account named '" + owner + "'");
		}
		if (this.store.nameTaken(owner, name)) {
			violations.error(NAME, "you already have a token named " + Rules.quote(name));
		}
		if (this.store.countByOwner(owner) >= ApiTokenRules.MAX_TOKENS) {
			violations.error(TOKENS, "you hold " + ApiTokenRules.MAX_TOKENS
					+ " tokens, the most an account may hold (expired ones count): revoke one first");
		}
		violations.throwIfErrors();
		String secret = ApiTokenSecret.generate();
		ApiToken token = this.store.insert(owner, name, ApiTokenSecret.hash(secret), now,
				(expiresAt != null) ? expiresAt.truncatedTo(ChronoUnit.MICROS) : null);
		logger.info("{} made API token {} ({})", owner, token.id(), Rules.quote(name));
		return new NewApiToken(token, secret);
	}

	/**
	 * Revokes a token of the signed-in user, or anyone's for an admin: it stops working
	 * at once.
	 * @return the token as it was
	 */
	@PreAuthorize("isAuthenticated()")
	@Transactional
	public ApiToken revoke(long id) {
		ApiToken token = visible(id);
		this.store.delete(id);
		logger.info("{} revoked API token {} ({}) of {}", CurrentUser.name(), id, Rules.quote(token.name()),
				token.owner());
		return token;
	}

	/** The time the service judges expiry by. */
	public Instant now() {
		return this.clock.instant();
	}

	private ApiToken visible(long id) {
		return this.store.find(id)
			.filter((token) -> token.owner().equals(CurrentUser.name()) || isAdmin())
			.orElseThrow(() -> new NotFoundException("no API token with id " + id));
	}

	private static boolean isAdmin() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null
				&& authentication.getAuthorities().stream().anyMatch((a) -> "ROLE_ADMIN".equals(a.getAuthority()));
	}

}
