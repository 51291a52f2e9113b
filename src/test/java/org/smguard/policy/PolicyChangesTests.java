package org.smguard.policy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PolicyChanges}.
 */
class PolicyChangesTests {

	@Test
	void namesNothingForTheSamePolicy() {
		assertThat(PolicyChanges.between(StockPolicy.debian(), StockPolicy.debian())).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(ManagedOption.class)
	void namesEachChangedOptionBySendmailsName(ManagedOption option) {
		Policy unset = StockPolicy.debian().withOptions(SecurityOptions.unset());
		Policy set = unset
			.withOptions(SecurityOptions.of(Map.of(option, option.kind().fromCfText(option.recommended()))));
		assertThat(PolicyChanges.between(unset, set)).containsExactly("options." + option.cfName());
		assertThat(PolicyChanges.between(set, unset)).containsExactly("options." + option.cfName());
	}

}
