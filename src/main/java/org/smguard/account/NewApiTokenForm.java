package org.smguard.account;

import jakarta.validation.constraints.Size;

import org.smguard.system.FormFields;

/**
 * The form that makes a personal API token. The expiry is a day: the token stops working
 * at 00:00 UTC of it. The name rules are the service's; the size limits only keep absurd
 * input away from it.
 */
public class NewApiTokenForm {

	/** Where the page shows the violations the service finds, and the labels it shows. */
	static final FormFields FIELDS = FormFields.none()
		.field(ApiTokenService.NAME, "name", "Name")
		.field(ApiTokenService.EXPIRES_AT, "expiresOn", "Expires on")
		.elsewhere(ApiTokenService.TOKENS, "Tokens");

	@Size(max = 400)
	private String name = "";

	@Size(max = 40)
	private String expiresOn = "";

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getExpiresOn() {
		return this.expiresOn;
	}

	public void setExpiresOn(String expiresOn) {
		this.expiresOn = expiresOn;
	}

}
