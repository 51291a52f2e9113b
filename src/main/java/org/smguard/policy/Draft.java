package org.smguard.policy;

import java.time.Instant;

/**
 * The shared working copy of a policy. {@code revision} grows with every change; a change
 * based on an older revision is refused.
 */
public record Draft(String policyName, long revision, Integer baseVersion, Policy policy, String updatedBy,
		Instant updatedAt) {
}
