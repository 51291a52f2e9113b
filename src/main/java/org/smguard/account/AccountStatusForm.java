package org.smguard.account;

/**
 * Enables or disables one account: the button sends the state the account is to have.
 */
public class AccountStatusForm {

	private boolean enabled;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
