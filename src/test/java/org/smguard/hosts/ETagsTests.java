package org.smguard.hosts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ETags}: reading {@code If-None-Match}. */
class ETagsTests {

	@Test
	void matchesTheSameTagInAList() {
		assertThat(ETags.matches("\"7\"", "\"7\"")).isTrue();
		assertThat(ETags.matches("\"6\", \"7\"", "\"7\"")).isTrue();
		assertThat(ETags.matches("W/\"7\"", "\"7\"")).isTrue();
		assertThat(ETags.matches("*", "\"7\"")).isTrue();
	}

	@Test
	void doesNotMatchOtherTags() {
		assertThat(ETags.matches(null, "\"7\"")).isFalse();
		assertThat(ETags.matches("\"70\"", "\"7\"")).isFalse();
		assertThat(ETags.matches("7", "\"7\"")).isFalse();
		assertThat(ETags.matches("", "\"7\"")).isFalse();
	}

}
