package org.smguard.policy;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of the policy list: the published version (who approved it, when it was
 * published), the newest saved version and what the draft holds that is not saved as a
 * version yet.
 *
 * @param draftChanges how many changes the draft holds against its base version: each
 * changed part of the settings counts once, each changed override file once ({@code null}
 * when the draft has no base version)
 * @param draftChangedParts the parts of the settings that changed, in the API's terms
 * ({@code trustedUsers.users}, {@code options.LogLevel}), then {@code forwards.overrides}
 * when override files changed
 */
public record PolicySummary(String name, String description, Integer currentVersion, Integer latestVersion,
		long draftRevision, Integer draftBaseVersion, boolean draftModified, String currentApprovedBy,
		Instant currentPublishedAt, Integer draftChanges, List<String> draftChangedParts) {

	public PolicySummary {
		draftChangedParts = (draftChangedParts != null) ? List.copyOf(draftChangedParts) : List.of();
	}

	@JsonProperty("draftState")
	public String draftState() {
		return this.draftModified ? "modified" : "clean";
	}

	/** The draft's state in words that cannot be read as "will be lost". */
	public String draftStateText() {
		if (this.draftBaseVersion == null) {
			return "not saved as a version yet";
		}
		if (!this.draftModified) {
			return "same as version " + this.draftBaseVersion;
		}
		int changes = (this.draftChanges != null) ? this.draftChanges : 0;
		return changes + ((changes == 1) ? " change" : " changes") + " since version " + this.draftBaseVersion
				+ ", not yet saved as a version";
	}

}
