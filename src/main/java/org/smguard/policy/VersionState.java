package org.smguard.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a version stands in review. Versions start as {@code saved}; proposing, approving
 * and publishing move them on.
 */
public enum VersionState {

	SAVED, PROPOSED, APPROVED, REJECTED, PUBLISHED;

	@JsonValue
	public String json() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
