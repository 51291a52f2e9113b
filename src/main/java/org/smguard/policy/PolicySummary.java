package org.smguard.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of the policy list: the published version, the newest saved version and
 * whether the draft holds changes not yet saved as a version.
 */
public record PolicySummary(String name, String description, Integer currentVersion, Integer latestVersion,
		long draftRevision, Integer draftBaseVersion, boolean draftModified) {

	@JsonProperty("draftState")
	public String draftState() {
		return this.draftModified ? "modified" : "clean";
	}

}
