package org.smguard.account;

import java.util.EnumSet;
import java.util.Set;

import org.smguard.system.FormFields;
import org.smguard.system.Role;

/**
 * The roles of one account, as checkboxes.
 */
public class AccountRolesForm {

	/** Where the page shows the violations the service finds, and the labels it shows. */
	static final FormFields FIELDS = FormFields.none().field(AccountService.ROLES, "roles", "Roles");

	private Set<Role> roles = EnumSet.noneOf(Role.class);

	static AccountRolesForm of(Account account) {
		AccountRolesForm form = new AccountRolesForm();
		form.roles = EnumSet.copyOf(account.roles());
		return form;
	}

	public Set<Role> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<Role> roles) {
		this.roles = roles;
	}

}
