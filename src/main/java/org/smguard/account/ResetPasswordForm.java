package org.smguard.account;

import jakarta.validation.constraints.Size;

/**
 * An admin sets a new password for an account, normally a temporary one that its owner
 * must change at next sign-in.
 */
public class ResetPasswordForm {

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
