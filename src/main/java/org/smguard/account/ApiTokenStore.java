package org.smguard.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.smguard.system.Role;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to personal API tokens. A request is looked up by the token's hash (a
 * unique index), joined with its owner's account and roles in the same query.
 */
@Repository
class ApiTokenStore {

	private static final String COLUMNS = "id, username, name, created_at, expires_at, last_used_at";

	private final JdbcClient jdbc;

	ApiTokenStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What a request with a token needs to know: the token's expiry and last use, and its
	 * owner's state and roles as they are now.
	 */
	record Owner(long tokenId, String username, Instant expiresAt, Instant lastUsedAt, boolean enabled,
			boolean mustChangePassword, Set<Role> roles) {
	}

	Optional<Owner> findOwner(String tokenHash) {
		List<Owner> rows = this.jdbc
			.sql("SELECT t.id, t.username, t.expires_at, t.last_used_at, a.enabled, a.must_change_password, r.role"
					+ " FROM api_token t JOIN account a ON a.username = t.username"
					+ " LEFT JOIN account_role r ON r.username = t.username WHERE t.token_hash = ?")
			.param(tokenHash)
			.query((rs, n) -> new Owner(rs.getLong("id"), rs.getString("username"), instant(rs, "expires_at"),
					instant(rs, "last_used_at"), rs.getBoolean("enabled"), rs.getBoolean("must_change_password"),
					roleOf(rs.getString("role"))))
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		Set<Role> roles = EnumSet.noneOf(Role.class);
		rows.forEach((row) -> roles.addAll(row.roles()));
		Owner first = rows.get(0);
		return Optional.of(new Owner(first.tokenId(), first.username(), first.expiresAt(), first.lastUsedAt(),
				first.enabled(), first.mustChangePassword(), roles));
	}

	/**
	 * Records a use at {@code now} unless one at or after {@code notBefore} is recorded
	 * already, so that the row is written at most once per interval however many requests
	 * use the token.
	 */
	void markUsed(long id, Instant now, Instant notBefore) {
		this.jdbc
			.sql("UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
			.params(now.atOffset(ZoneOffset.UTC), id, notBefore.atOffset(ZoneOffset.UTC))
			.update();
	}

	ApiToken insert(String owner, String name, String tokenHash, Instant createdAt, Instant expiresAt) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("INSERT INTO api_token (username, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
			.params(owner, name, tokenHash, createdAt.atOffset(ZoneOffset.UTC),
					(expiresAt != null) ? expiresAt.atOffset(ZoneOffset.UTC) : null)
			.update(keys, "id");
		return new ApiToken(keys.getKey().longValue(), owner, name, createdAt, expiresAt, null);
	}

	Optional<ApiToken> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE id = ?")
			.param(id)
			.query((rs, n) -> toToken(rs))
			.optional();
	}

	/** The account's tokens, oldest first. */
	List<ApiToken> findByOwner(String owner) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE username = ? ORDER BY created_at, id")
			.param(owner)
			.query((rs, n) -> toToken(rs))
			.list();
	}

	/** Every account's tokens, by account, oldest first. */
	List<ApiToken> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_token ORDER BY username, created_at, id")
			.query((rs, n) -> toToken(rs))
			.list();
	}

	int countByOwner(String owner) {
		return this.jdbc.sql("SELECT COUNT(*) FROM api_token WHERE username = ?")
			.param(owner)
			.query(Integer.class)
			.single();
	}

	boolean nameTaken(String owner, String name) {
		return this.jdbc.sql("SELECT COUNT(*) FROM api_token WHERE username = ? AND name = ?")
			.params(owner, name)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Locks the account's row until the transaction ends, so that two tokens made at once
	 * for one account are counted one after the other.
	 * @return whether the account exists
	 */
	boolean lockAccount(String username) {
		return this.jdbc.sql("SELECT username FROM account WHERE username = ? FOR UPDATE")
			.param(username)
			.query(String.class)
			.optional()
			.isPresent();
	}

	boolean accountExists(String username) {
		return this.jdbc.sql("SELECT COUNT(*) FROM account WHERE username = ?")
			.param(username)
			.query(Integer.class)
			.single() > 0;
	}

	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM api_token WHERE id = ?").param(id).update() > 0;
	}

	private static ApiToken toToken(ResultSet rs) throws SQLException {
		return new ApiToken(rs.getLong("id"), rs.getString("username"), rs.getString("name"), instant(rs, "created_at"),
				instant(rs, "expires_at"), instant(rs, "last_used_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Set<Role> roleOf(String role) {
		return (role != null) ? EnumSet.of(Role.valueOf(role)) : EnumSet.noneOf(Role.class);
	}

}
