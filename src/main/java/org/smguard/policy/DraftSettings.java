package org.smguard.policy;

import java.time.Instant;

/**
 * The draft without its override files: what an editor tab shows and changes. A policy
 * may hold 50,000 override files; they are read page by page or one at a time.
 *
 * @param policy every section of the draft; {@code forwards.overrides} is empty here
 * @param overrideCount how many override files the draft holds
 */
public record DraftSettings(String policyName, long revision, Integer baseVersion, Policy policy, int overrideCount,
		String updatedBy, Instant updatedAt) {
}
