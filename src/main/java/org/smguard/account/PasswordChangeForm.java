package org.smguard.account;

import jakarta.validation.constraints.Size;

import org.smguard.system.FormFields;

/**
 * The signed-in user changes their own password. The new one is typed twice because
 * nobody can see what they typed.
 */
public class PasswordChangeForm {

	/** Where the page shows the violations the service finds, and the labels it shows. */
	static final FormFields FIELDS = FormFields.none()
		.field(AccountService.CURRENT_PASSWORD, "currentPassword", "Current password")
		.field(AccountService.NEW_PASSWORD, "newPassword", "New password");

	@Size(max = 200)
	private String currentPassword = "";

	@Size(max = 200)
	private String newPassword = "";

	@Size(max = 200)
	private String repeatPassword = "";

	public String getCurrentPassword() {
		return this.currentPassword;
	}

	public void setCurrentPassword(String currentPassword) {
		this.currentPassword = currentPassword;
	}

	public String getNewPassword() {
		return this.newPassword;
	}

	public void setNewPassword(String newPassword) {
		this.newPassword = newPassword;
	}

	public String getRepeatPassword() {
		return this.repeatPassword;
	}

	public void setRepeatPassword(String repeatPassword) {
		this.repeatPassword = repeatPassword;
	}

}
