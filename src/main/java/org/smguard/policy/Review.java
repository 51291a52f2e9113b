package org.smguard.policy;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One step in the review of a version: who did what, when (UTC), with which comment, on
 * which content (the version's content hash at that moment).
 */
public record Review(Action action, String actor, Instant at, String comment, String contentHash) {

	/** What a review step did. */
	public enum Action {

		PROPOSED, APPROVED, REJECTED, PUBLISHED, EMERGENCY_PUBLISHED;

		@JsonValue
		public String json() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

}
