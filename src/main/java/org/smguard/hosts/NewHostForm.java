package org.smguard.hosts;

import jakarta.validation.constraints.Size;

import org.smguard.system.FormFields;

/**
 * The form that registers a mail host. The name and policy rules are the service's
 * ({@link HostNameRules}); the size limits only keep absurd input away from it.
 */
public class NewHostForm {

	/** Where the page shows the violations the service finds, and the labels it shows. */
	static final FormFields FIELDS = FormFields.none()
		.field(HostService.NAME, "name", "Host name")
		.field(HostService.POLICY, "policy", "Policy");

	@Size(max = 300)
	private String name = "";

	@Size(max = 100)
	private String policy = "";

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getPolicy() {
		return this.policy;
	}

	public void setPolicy(String policy) {
		this.policy = policy;
	}

}
