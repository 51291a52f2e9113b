package org.smguard.account;

import jakarta.validation.constraints.Size;

/**
 * The signed-in user changes their own password. The new one is typed twice because
 * nobody can see what they typed.
 */
public class PasswordChangeForm {

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
