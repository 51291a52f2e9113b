package org.smguard.policy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Immutable snapshot of every security setting of one policy: what a version freezes and
 * what the renderers read. A section is {@code null} only in a request that left it out;
 * validation refuses that before anything is stored.
 */
@JsonPropertyOrder({ "trustedUsers", "shells", "smrsh", "forwards", "options" })
public record Policy(TrustedUsers trustedUsers, Shells shells, Smrsh smrsh, Forwards forwards,
		SecurityOptions options) {

	public Policy withTrustedUsers(TrustedUsers trustedUsers) {
		return new Policy(trustedUsers, this.shells, this.smrsh, this.forwards, this.options);
	}

	public Policy withShells(Shells shells) {
		return new Policy(this.trustedUsers, shells, this.smrsh, this.forwards, this.options);
	}

	public Policy withSmrsh(Smrsh smrsh) {
		return new Policy(this.trustedUsers, this.shells, smrsh, this.forwards, this.options);
	}

	public Policy withForwards(Forwards forwards) {
		return new Policy(this.trustedUsers, this.shells, this.smrsh, forwards, this.options);
	}

	public Policy withOptions(SecurityOptions options) {
		return new Policy(this.trustedUsers, this.shells, this.smrsh, this.forwards, options);
	}

}
