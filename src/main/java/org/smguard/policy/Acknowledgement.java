package org.smguard.policy;

import java.time.Instant;

/**
 * A reviewer's acknowledgement of a critical finding when approving a version.
 *
 * @param finding the finding's id ({@code rule@field})
 * @param title what the finding said
 * @param reason why the reviewer approves anyway
 */
public record Acknowledgement(String finding, String title, String reason, String actor, Instant at) {
}
