package org.smguard.account;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.smguard.audit.AuditTrail;
import org.smguard.system.ConflictException;
import org.smguard.system.CurrentUser;
import org.smguard.system.NotFoundException;
import org.smguard.system.Role;
import org.smguard.validation.FieldPath;
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

	public static final FieldPath USERNAME = FieldPath.of("username");

	public static final FieldPath PASSWORD = FieldPath.of("password");

	public static final FieldPath ROLES = FieldPath.of("roles");

	public static final FieldPath ENABLED = FieldPath.of("enabled");

	public static final FieldPath MUST_CHANGE_PASSWORD = FieldPath.of("mustChangePassword");

	public static final FieldPath CURRENT_PASSWORD = FieldPath.of("currentPassword");

	public static final FieldPath NEW_PASSWORD = FieldPath.of("newPassword");

	/** The account the first start creates. */
	static final String FIRST_ADMIN = "admin";

	/** The first admin's password comes from the environment, not from a form. */
	private static final FieldPath ADMIN_PASSWORD_VARIABLE = FieldPath.of("SMGUARD_ADMIN_PASSWORD");

	private static final String ROLES_RULE = "must name at least one of " + List.of(Role.values());

	private final AccountStore store;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final PasswordRules passwordRules;

	private final AuditTrail audit;

	AccountService(AccountStore store, PasswordEncoder passwordEncoder, Clock clock, PasswordRules passwordRules,
			AuditTrail audit) {
		this.store = store;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.passwordRules = passwordRules;
		this.audit = audit;
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
			violations.error(USERNAME, Rules.USER_NAME_RULE);
		}
		this.passwordRules.check(PASSWORD, password, username, violations);
		if (roles == null || !validRoles(roles)) {
			violations.error(ROLES, ROLES_RULE);
		}
		violations.throwIfErrors();
		if (this.store.find(username).isPresent()) {
			throw new ConflictException("an account named '" + username + "' already exists");
		}
		Account account = new Account(username, EnumSet.copyOf(roles), true, mustChangePassword,
				this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		this.store.insert(account, this.passwordEncoder.encode(password));
		this.audit.record("account.created", subject(username),
				"roles " + names(roles) + (mustChangePassword ? "; must change the password at next sign-in" : ""));
		return account;
	}

	/**
	 * Changes roles and/or the enabled flag; {@code null} leaves a field as it is.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public Account update(String username, Set<Role> roles, Boolean enabled) {
		Account account = find(username);
		if (roles != null && !validRoles(roles)) {
			throw new ValidationException(ROLES, ROLES_RULE);
		}
		if (Boolean.FALSE.equals(enabled) && username.equals(CurrentUser.name())) {
			throw new ValidationException(ENABLED, "you cannot disable your own account");
		}
		boolean losesAdmin = account.enabled() && account.roles().contains(Role.ADMIN)
				&& (Boolean.FALSE.equals(enabled) || (roles != null && !roles.contains(Role.ADMIN)));
		if (losesAdmin && this.store.countEnabledAdmins() <= 1) {
			throw new ConflictException("'" + username + "' is the last enabled admin: make another admin first");
		}
		if (roles != null && !roles.equals(account.roles())) {
			this.store.setRoles(username, EnumSet.copyOf(roles));
			this.audit.record("account.roles-changed", subject(username),
					names(account.roles()) + " \u2192 " + names(roles));
		}
		if (enabled != null && enabled != account.enabled()) {
			this.store.setEnabled(username, enabled);
			this.audit.record(enabled ? "account.enabled" : "account.disabled", subject(username), "");
		}
		return find(username);
	}

	/**
	 * Changes roles, the enabled flag and the password at once; {@code null} leaves a
	 * field as it is. Nothing changes when any of them breaks a rule.
	 * @param mustChangePassword whether the owner must change the new password at next
	 * sign-in (only with a new password)
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public Account update(String username, Set<Role> roles, Boolean enabled, String password,
			boolean mustChangePassword) {
		find(username);
		Violations violations = new Violations();
		if (password != null) {
			this.passwordRules.check(PASSWORD, password, username, violations);
		}
		else if (mustChangePassword) {
			violations.error(MUST_CHANGE_PASSWORD, "needs a new password");
		}
		violations.throwIfErrors();
		update(username, roles, enabled);
		if (password != null) {
			setPasswordByAdmin(username, password, mustChangePassword);
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
		this.passwordRules.check(PASSWORD, password, username, violations);
		violations.throwIfErrors();
		setPasswordByAdmin(username, password, mustChange);
	}

	private void setPasswordByAdmin(String username, String password, boolean mustChange) {
		this.store.setPassword(username, this.passwordEncoder.encode(password), mustChange);
		this.audit.record("account.password-reset", subject(username),
				mustChange ? "must change it at next sign-in" : "");
	}

	/** The signed-in user changes their own password, proving the current one. */
	@PreAuthorize("isAuthenticated()")
	@Transactional
	public void changeOwnPassword(String currentPassword, String newPassword) {
		String username = CurrentUser.name();
		AccountStore.AccountRow row = this.store.find(username).orElseThrow();
		Violations violations = new Violations();
		if (currentPassword == null || !this.passwordEncoder.matches(currentPassword, row.passwordHash())) {
			violations.error(CURRENT_PASSWORD, "is not your current password");
		}
		this.passwordRules.check(NEW_PASSWORD, newPassword, username, violations);
		if (newPassword != null && newPassword.equals(currentPassword)) {
			violations.error(NEW_PASSWORD, "must differ from the current password");
		}
		violations.throwIfErrors();
		this.store.setPassword(username, this.passwordEncoder.encode(newPassword), false);
		this.audit.record("account.password-changed", subject(username), "");
	}

	/** Creates the first admin; used once, on first start. */
	@Transactional
	boolean createFirstAdmin(String password, boolean mustChange) {
		if (!this.store.isEmpty()) {
			return false;
		}
		Violations violations = new Violations();
		this.passwordRules.check(ADMIN_PASSWORD_VARIABLE, password, FIRST_ADMIN, violations);
		violations.throwIfErrors();
		this.store.insert(
				new Account(FIRST_ADMIN, EnumSet.of(Role.ADMIN), true, mustChange,
						this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)),
				this.passwordEncoder.encode(password));
		this.audit.recordAs("smguard", "account.created", subject(FIRST_ADMIN),
				"roles ADMIN; the first admin" + (mustChange ? ", with a generated password" : ""));
		return true;
	}

	private static String subject(String username) {
		return "account " + username;
	}

	/** Role names in a stable order. */
	private static String names(Set<Role> roles) {
		return EnumSet.copyOf(roles).stream().map(Role::name).collect(Collectors.joining(",", "[", "]"));
	}

	/** At least one role; JSON {@code [null]} arrives as a set holding {@code null}. */
	private static boolean validRoles(Set<Role> roles) {
		return !roles.isEmpty() && roles.stream().noneMatch(Objects::isNull);
	}

	private Account find(String username) {
		return this.store.find(username)
			.map(AccountStore.AccountRow::account)
			.orElseThrow(() -> new NotFoundException("no account named '" + username + "'"));
	}

}
