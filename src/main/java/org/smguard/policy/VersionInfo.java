package org.smguard.policy;

import java.time.Instant;

/**
 * Metadata of one numbered version. {@code parent} is the version the draft was based on
 * when it was saved; {@code contentHash} is the SHA-256 of the canonical policy JSON.
 */
public record VersionInfo(int number, String message, String author, Instant createdAt, Integer parent,
		VersionState state, String contentHash, String approvedBy) {
}
