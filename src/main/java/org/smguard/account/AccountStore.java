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

import org.smguard.system.AccountChanges;
import org.smguard.system.Role;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to accounts and their roles. Every write reports the account to
 * {@link AccountChanges}, so that its signed-in sessions follow it.
 */
@Repository
class AccountStore {

	private final JdbcClient jdbc;

	private final AccountChanges changes;

	AccountStore(JdbcClient jdbc, AccountChanges changes) {
		this.jdbc = jdbc;
		this.changes = changes;
	}

	record AccountRow(Account account, String passwordHash) {
	}

	List<Account> findAll() {
		return this.jdbc.sql("SELECT * FROM account ORDER BY username").query((rs, n) -> toRow(rs).account()).list();
	}

	Optional<AccountRow> find(String username) {
		return this.jdbc.sql("SELECT * FROM account WHERE username = ?")
			.param(username)
			.query((rs, n) -> toRow(rs))
			.optional();
	}

	boolean isEmpty() {
		return this.jdbc.sql("SELECT COUNT(*) FROM account").query(Integer.class).single() == 0;
	}

	void insert(Account account, String passwordHash) {
		this.jdbc
			.sql("INSERT INTO account (username, password_hash, enabled, must_change_password, created_at)"
					+ " VALUES (?, ?, ?, ?, ?)")
			.params(account.username(), passwordHash, account.enabled(), account.mustChangePassword(),
					account.createdAt().atOffset(ZoneOffset.UTC))
			.update();
		setRoles(account.username(), account.roles());
	}

	void setRoles(String username, Set<Role> roles) {
		this.jdbc.sql("DELETE FROM account_role WHERE username = ?").param(username).update();
		for (Role role : roles) {
			this.jdbc.sql("INSERT INTO account_role (username, role) VALUES (?, ?)")
				.params(username, role.name())
				.update();
		}
		this.changes.changed(username);
	}

	void setEnabled(String username, boolean enabled) {
		this.jdbc.sql("UPDATE account SET enabled = ? WHERE username = ?").params(enabled, username).update();
		this.changes.changed(username);
	}

	void setPassword(String username, String passwordHash, boolean mustChange) {
		this.jdbc.sql("UPDATE account SET password_hash = ?, must_change_password = ? WHERE username = ?")
			.params(passwordHash, mustChange, username)
			.update();
		this.changes.changed(username);
	}

	long countEnabledAdmins() {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM account a JOIN account_role r ON r.username = a.username"
					+ " WHERE a.enabled AND r.role = 'ADMIN'")
			.query(Long.class)
			.single();
	}

	private AccountRow toRow(ResultSet rs) throws SQLException {
		String username = rs.getString("username");
		Set<Role> roles = EnumSet.noneOf(Role.class);
		this.jdbc.sql("SELECT role FROM account_role WHERE username = ?")
			.param(username)
			.query(String.class)
			.list()
			.forEach((role) -> roles.add(Role.valueOf(role)));
		Instant createdAt = rs.getObject("created_at", OffsetDateTime.class).toInstant();
		return new AccountRow(new Account(username, roles, rs.getBoolean("enabled"),
				rs.getBoolean("must_change_password"), createdAt), rs.getString("password_hash"));
	}

}
