package org.smguard.hosts;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the drift and silent flags of {@link Host}.
 */
class HostTests {

	private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

	private static final Duration SILENT_AFTER = Duration.ofHours(25);

	@Test
	void driftsWhenInstalledDiffersFromPublished() {
		assertThat(host(3, 4, null).drift()).isTrue();
		assertThat(host(4, 4, null).drift()).isFalse();
		assertThat(host(null, 4, null).drift()).as("nothing installed yet").isTrue();
		assertThat(host(null, null, null).drift()).as("nothing published, nothing installed").isFalse();
		assertThat(host(2, null, null).drift()).as("installed what is no longer published").isTrue();
	}

	@Test
	void silentWhenNotAskedForLongerThanTheLimit() {
		assertThat(host(1, 1, NOW.minus(SILENT_AFTER)).silentAt(NOW, SILENT_AFTER)).isFalse();
		assertThat(host(1, 1, NOW.minus(SILENT_AFTER).minusSeconds(1)).silentAt(NOW, SILENT_AFTER)).isTrue();
		assertThat(host(1, 1, NOW.minusSeconds(60)).silentAt(NOW, SILENT_AFTER)).isFalse();
	}

	@Test
	void neverAskedCountsFromRegistration() {
		Host fresh = new Host(1, "mx1", "default", "admin", NOW.minusSeconds(3600), NOW, null, null, null, null, 1,
				null);
		assertThat(fresh.silentAt(NOW, SILENT_AFTER)).isFalse();
		Host old = new Host(1, "mx1", "default", "admin", NOW.minus(Duration.ofDays(2)), NOW, null, null, null, null, 1,
				null);
		assertThat(old.silentAt(NOW, SILENT_AFTER)).isTrue();
	}

	private static Host host(Integer installed, Integer current, Instant lastAsked) {
		return new Host(1, "mx1.example.org", "default", "admin", NOW.minus(Duration.ofDays(30)), NOW, installed, NOW,
				lastAsked, "192.0.2.1", current, null);
	}

}
