package org.smguard.hosts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A registered mail host as admins and viewers see it: never its token, nor the token's
 * hash. {@code currentVersion} is its policy's published version as it was read with the
 * host ({@code null}: none published); {@code installedVersion} what the host last
 * reported ({@code null}: nothing yet); {@code lastAskedAt} and {@code lastAskedFrom} its
 * last authenticated request, exact to about a minute ({@code null}: never);
 * {@code facts} what it last reported about itself ({@code null}: nothing yet).
 */
public record Host(long id, String name, String policy, String registeredBy, Instant registeredAt,
		Instant tokenIssuedAt, Integer installedVersion, Instant installedAt, Instant lastAskedAt, String lastAskedFrom,
		Integer currentVersion, HostFacts facts) {

	/**
	 * Whether the host does not run its policy's published version: it reported another
	 * one, or none while one is published.
	 */
	public boolean drift() {
		if (this.currentVersion == null && this.installedVersion == null) {
			return false;
		}
		return !Objects.equals(this.installedVersion, this.currentVersion);
	}

	/**
	 * How many problems the host reported about itself: missing shells and file problems.
	 */
	public int problems() {
		return (this.facts != null) ? this.facts.missingShells().size() + this.facts.files().size() : 0;
	}

	/**
	 * Whether the host has not asked for longer than {@code silentAfter} at {@code now};
	 * a host that never asked counts from its registration.
	 */
	public boolean silentAt(Instant now, Duration silentAfter) {
		Instant since = (this.lastAskedAt != null) ? this.lastAskedAt : this.registeredAt;
		return since.plus(silentAfter).isBefore(now);
	}

}
