package org.smguard.policies;

import org.smguard.policy.Draft;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Shells;
import org.smguard.policy.Smrsh;
import org.smguard.policy.TrustedUsers;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The JSON body of a draft: what {@code GET .../draft} returns and {@code PUT .../draft}
 * takes back. Read-only fields (who changed it and when, version metadata) are accepted
 * and ignored, so that a body returned by GET can be sent back unchanged; unknown fields
 * are refused.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "policy", "baseVersion", "draftRevision", "updatedBy", "updatedAt", "trustedUsers", "shells",
		"smrsh", "forwards", "options" })
@JsonIgnoreProperties(value = { "policy", "updatedBy", "updatedAt", "number", "message", "author", "createdAt",
		"parent", "state", "contentHash", "approvedBy" }, allowGetters = true)
record PolicyDocument(String policy, Integer baseVersion, Long draftRevision, String updatedBy, Instant updatedAt,
		TrustedUsers trustedUsers, Shells shells, Smrsh smrsh, Forwards forwards, SecurityOptions options) {

	static PolicyDocument of(Draft draft) {
		Policy p = draft.policy();
		return new PolicyDocument(draft.policyName(), draft.baseVersion(), draft.revision(), draft.updatedBy(),
				draft.updatedAt(), p.trustedUsers(), p.shells(), p.smrsh(), p.forwards(), p.options());
	}

	Policy toPolicy() {
		return new Policy(this.trustedUsers, this.shells, this.smrsh, this.forwards, this.options);
	}

}
