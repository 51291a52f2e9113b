package org.smguard.account;

import java.util.EnumSet;
import java.util.Set;

import jakarta.validation.constraints.Size;

import org.smguard.system.FormFields;
import org.smguard.system.Role;

/**
 * The create form of the accounts page. The name and password rules are the service's;
 * the size limits only keep absurd input away from it.
 */
public class NewAccountForm {

	/** Where the page shows the violations the service finds, and the labels it shows. */
	static final FormFields FIELDS = FormFields.none()
		.field(AccountService.USERNAME, "username", "User name")
		.field(AccountService.PASSWORD, "password", "Password")
		.field(AccountService.ROLES, "roles", "Roles");

	@Size(max = 64)
	private String username = "";

	@Size(max = 200)
	private String password = "";

	private Set<Role> roles = EnumSet.of(Role.VIEWER);

	private boolean mustChangePassword = true;

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public Set<Role> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<Role> roles) {
		this.roles = roles;
	}

	public boolean isMustChangePassword() {
		return this.mustChangePassword;
	}

	public void setMustChangePassword(boolean mustChangePassword) {
		this.mustChangePassword = mustChangePassword;
	}

}
