package org.smguard.policy;

/**
 * A numbered, immutable snapshot of a policy with its metadata.
 */
public record Version(VersionInfo info, Policy policy) {
}
