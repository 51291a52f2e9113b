package org.smguard.account;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.smguard.system.ConflictException;
import org.smguard.system.CurrentUser;
import org.smguard.system.NotFoundException;
import org.smguard.system.Role;
import org.smguard.validation.Rules;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violations;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Console accounts: admins create, disable and re-role them; everyone changes their own
 * password. The last enabled admin can be neither disabled nor demoted, so the console
 * cannot lock itself out.
 */
@Service
@Transactional(readOnly = true)
public class AccountService {

	private final AccountStore store;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	AccountService(AccountStore store, PasswordEncoder passwordEncoder, Clock clock) {
		this.store = store;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	@PreAuthorize("hasRole('ADMIN')")
	public List<Account> list() {
		return this.store.findAll();
	}

	@PreAuthorize("hasRole('ADMIN')")
	public Account get(String username) {
		return find(username);
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public Account create(String username, String password, Set<Role> roles, boolean mustChangePassword) {
		Violations violations = new Violations();
		if (!Rules.isUserName(username)) {
			violations.error("username", Rules.USER_NAME_RULE);
		}
		PasswordRules.check("password", password, violations);
		if (roles == null || roles.isEmpty()) {
			violations.error("roles", "must name at least one of " + List.of(Role.values()));
		}
		violations.throwIfErrors();
		if (this.store.find(username).isPresent()) {
			throw new ConflictException("an account named '" + username + "' already exists");
		}
		Account account = new Account(username, EnumSet.copyOf(roles), true, mustChangePassword,
				this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		this.store.insert(account, this.passwordEncoder.encode(password));
		return account;
	}

	/**
	 * Changes roles and/or the enabled flag; {@code null} leaves a field as it is.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public Account update(String username, Set<Role> roles, Boolean enabled) {
		Account account = find(username);
		if (roles != null && roles.isEmpty()) {
			throw new ValidationException("roles", "must name at least one of " + List.of(Role.values()));
		}
		if (Boolean.FALSE.equals(enabled) && username.equals(CurrentUser.name())) {
			throw new ValidationException("enabled", "you cannot disable your own account");
		}
		boolean losesAdmin = account.enabled() && account.roles().contains(Role.ADMIN)
				&& (Boolean.FALSE.equals(enabled) || (roles != null && !roles.contains(Role.ADMIN)));
		if (losesAdmin && this.store.countEnabledAdmins() <= 1) {
			throw new ConflictException("'" + username + "' is the last enabled admin: make another admin first");
		}
		if (roles != null) {
			this.store.setRoles(username, EnumSet.copyOf(roles));
		}
		if (enabled != null) {
			this.store.setEnabled(username, enabled);
		}
		return find(username);
	}

	/**
	 * Sets a new password chosen by an admin; the owner may be asked to change it at next
	 * sign-in.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void resetPassword(String username, String password, boolean mustChange) {
		find(username);
		Violations violations = new Violations();
		PasswordRules.check("password", password, violations);
		violations.throwIfErrors();
		this.store.setPassword(username, this.passwordEncoder.encode(password), mustChange);
	}

	/** The signed-in user changes their own password, proving the current one. */
	@PreAuthorize("isAuthenticated()")
	@Transactional
	public void changeOwnPassword(String currentPassword, String newPassword) {
		String username = CurrentUser.name();
		AccountStore.AccountRow row = this.store.find(username).orElseThrow();
		Violations violations = new Violations();
		if (currentPassword == null || !this.passwordEncoder.matches(currentPassword, row.passwordHash())) {
			violations.error("currentPassword", "is not your current password");
		}
		PasswordRules.check("newPassword", newPassword, violations);
		if (newPassword != null && newPassword.equals(currentPassword)) {
			violations.error("newPassword", "must differ from the current password");
		}
		violations.throwIfErrors();
		this.store.setPassword(username, this.passwordEncoder.encode(newPassword), false);
	}

	/** Creates the first admin; used once, on first start. */
	@Transactional
	boolean createFirstAdmin(String password, boolean mustChange) {
		if (!this.store.isEmpty()) {
			return false;
		}
		Violations violations = new Violations();
		PasswordRules.check("SMGUARD_ADMIN_PASSWORD", password, violations);
		violations.throwIfErrors();
		this.store.insert(
				new Account("admin", EnumSet.of(Role.ADMIN), true, mustChange,
						this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)),
				this.passwordEncoder.encode(password));
		return true;
	}

	private Account find(String username) {
		return this.store.find(username)
			.map(AccountStore.AccountRow::account)
			.orElseThrow(() -> new NotFoundException("no account named '" + username + "'"));
	}

}
