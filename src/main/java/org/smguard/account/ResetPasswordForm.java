package org.smguard.account;

import jakarta.validation.constraints.Size;

import org.smguard.system.FormFields;

/**
 * An admin sets a new password for an account, normally a temporary one that its owner
 * must change at next sign-in.
 */
public class ResetPasswordForm {

	/** Where the page shows the violations the service finds, and the labels it shows. */
	static final FormFields FIELDS = FormFields.none().field(AccountService.PASSWORD, "password", "New password");

	@Size(max = 200)
	private String password = "";

	private boolean mustChangePassword = true;

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public boolean isMustChangePassword() {
		return this.mustChangePassword;
	}

	public void setMustChangePassword(boolean mustChangePassword) {
		this.mustChangePassword = mustChangePassword;
	}

}
