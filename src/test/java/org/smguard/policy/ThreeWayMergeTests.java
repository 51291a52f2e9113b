package org.smguard.policy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreeWayMerge}: what changed on one side wins, equal changes agree,
 * different changes of the same part are conflicts, part by part.
 */
class ThreeWayMergeTests {

	private static final Policy BASE = StockPolicy.debian()
		.withForwards(new Forwards(Forwards.DEFAULT_DIRECTORY, List.of()));

	private static ThreeWayMerge.Side side(Policy settings, Map<String, String> overrides) {
		return new ThreeWayMerge.Side(settings, overrides, "base-cf");
	}

	private static Policy withShells(Policy policy, String... shells) {
		return policy.withShells(new Shells(List.of(shells), false));
	}

	private static Policy withLogLevel(Policy policy, int level) {
		SecurityOptions o = policy.options();
		return policy.withOptions(new SecurityOptions(o.defaultUser(), o.forwardPath(), level, o.postmasterCopy(),
				o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
	}

	@Test
	void takesEachSidesChangesOfDifferentParts() {
		ThreeWayMerge.Result result = ThreeWayMerge.merge(side(BASE, Map.of("bob", "1")),
				side(withLogLevel(BASE, 12), Map.of("bob", "1", "carol", "2")),
				side(withShells(BASE, "/bin/sh", "/bin/zsh"), Map.of()));
		assertThat(result.conflicts()).isEmpty();
		assertThat(result.merged().settings().options().logLevel()).isEqualTo(12);
		assertThat(result.merged().settings().shells().entries()).containsExactly("/bin/sh", "/bin/zsh");
		assertThat(result.merged().overrides()).as("bob removed by theirs, carol added by ours")
			.containsExactlyEntriesOf(Map.of("carol", "2"));
	}

	@Test
	void agreesOnTheSameChangeOnBothSides() {
		Policy both = withShells(BASE, "/bin/sh", "/bin/bash");
		ThreeWayMerge.Result result = ThreeWayMerge.merge(side(BASE, Map.of()), side(both, Map.of("bob", "9")),
				side(both, Map.of("bob", "9")));
		assertThat(result.conflicts()).isEmpty();
		assertThat(result.merged().settings().shells()).isEqualTo(both.shells());
		assertThat(result.merged().overrides()).containsEntry("bob", "9");
	}

	@Test
	void namesEveryPartBothSidesChangedDifferently() {
		ThreeWayMerge.Result result = ThreeWayMerge.merge(side(BASE, Map.of("bob", "1")),
				side(withLogLevel(withShells(BASE, "/bin/a"), 10), Map.of("bob", "2")),
				side(withLogLevel(withShells(BASE, "/bin/b"), 11), Map.of("bob", "3")));
		assertThat(result.merged()).isNull();
		assertThat(result.conflicts()).containsExactly("forwards.overrides[bob]", "options.LogLevel", "shells");
	}

	@Test
	void treatsARemovalAgainstAChangeAsAConflict() {
		ThreeWayMerge.Result result = ThreeWayMerge.merge(side(BASE, Map.of("bob", "1")), side(BASE, Map.of()),
				side(BASE, Map.of("bob", "2")));
		assertThat(result.conflicts()).containsExactly("forwards.overrides[bob]");
	}

}
