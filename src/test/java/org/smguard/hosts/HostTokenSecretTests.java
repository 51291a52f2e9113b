package org.smguard.hosts;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HostTokenSecret}: its own prefix, so that a personal API token is
 * never taken for a host token.
 */
class HostTokenSecretTests {

	@Test
	void makesRandomTokensWithTheHostPrefix() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 100; i++) {
			String token = HostTokenSecret.generate();
			assertThat(token).matches("smh_[A-Za-z0-9_-]{43}");
			assertThat(HostTokenSecret.hasTokenShape(token)).isTrue();
			seen.add(token);
		}
		assertThat(seen).hasSize(100);
	}

	@Test
	void refusesPersonalTokensByTheirShape() {
		assertThat(HostTokenSecret.hasTokenShape("smg_" + "a".repeat(43))).isFalse();
		assertThat(HostTokenSecret.hasTokenShape("smh_" + "a".repeat(42))).isFalse();
		assertThat(HostTokenSecret.hasTokenShape("smh_" + "a".repeat(42) + "=")).isFalse();
		assertThat(HostTokenSecret.hasTokenShape(null)).isFalse();
	}

	@Test
	void hashesWithSha256InHex() {
		assertThat(HostTokenSecret.hash("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

}
