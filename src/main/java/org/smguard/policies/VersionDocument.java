package org.smguard.policies;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Shells;
import org.smguard.policy.Smrsh;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.Version;
import org.smguard.policy.VersionInfo;
import org.smguard.policy.VersionState;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The JSON body of one version: its metadata and the same sections as the draft.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "number", "message", "author", "createdAt", "parent", "state", "contentHash", "approvedBy",
		"trustedUsers", "shells", "smrsh", "forwards", "options" })
record VersionDocument(int number, String message, String author, Instant createdAt, Integer parent, VersionState state,
		String contentHash, String approvedBy, TrustedUsers trustedUsers, Shells shells, Smrsh smrsh, Forwards forwards,
		SecurityOptions options) {

	static VersionDocument of(Version version) {
		VersionInfo i = version.info();
		Policy p = version.policy();
		return new VersionDocument(i.number(), i.message(), i.author(), i.createdAt(), i.parent(), i.state(),
				i.contentHash(), i.approvedBy(), p.trustedUsers(), p.shells(), p.smrsh(), p.forwards(), p.options());
	}

}
