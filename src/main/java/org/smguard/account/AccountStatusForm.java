package org.smguard.account;

import org.smguard.system.FormFields;

/**
 * Enables or disables one account: the button sends the state the account is to have.
 */
public class AccountStatusForm {

	/** Where the page shows the violations the service finds, and the labels it shows. */
	static final FormFields FIELDS = FormFields.none().field(AccountService.ENABLED, "enabled", "Enabled");

	private boolean enabled;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
