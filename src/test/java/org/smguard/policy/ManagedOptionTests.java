package org.smguard.policy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ManagedOption}: every entry of the table is complete and consistent.
 */
class ManagedOptionTests {

	/** A sentence ends with a full stop followed by a space or the end of the text. */
	private static final Pattern SENTENCE_END = Pattern.compile("\\.(\\s|\\z)");

	private static SecurityOptions only(ManagedOption option, Object value) {
		return (value != null) ? SecurityOptions.of(Map.of(option, value)) : SecurityOptions.unset();
	}

	private static Violations check(ManagedOption option, Object value) {
		Violations violations = new Violations();
		option.check(only(option, value), violations);
		return violations;
	}

	@ParameterizedTest
	@EnumSource(ManagedOption.class)
	void hasEveryAttribute(ManagedOption option) {
		assertThat(option.cfName()).matches("[A-Z][A-Za-z]+");
		assertThat(option.shortestAbbreviation()).isBetween(1, option.cfName().length());
		assertThat(option.debugCode()).isNotBlank();
		assertThat(option.m4Macro()).startsWith("conf");
		assertThat(option.kind()).isNotNull();
		assertThat(option.format()).isNotBlank();
		assertThat(option.help()).isNotBlank();
		assertThat(option.recommended()).isNotNull();
		assertThat(option.choices()).isNotNull();
	}

	@ParameterizedTest
	@EnumSource(ManagedOption.class)
	void keepsItsHelpToOneOrTwoSentences(ManagedOption option) {
		assertThat(SENTENCE_END.matcher(option.help()).results().count()).isBetween(1L, 2L);
		assertThat(option.help()).doesNotContain("<", ">");
	}

	@ParameterizedTest
	@EnumSource(ManagedOption.class)
	void offersChoicesOnlyForAFlagSet(ManagedOption option) {
		assertThat(option.choices().isEmpty()).isEqualTo(!option.kind().isFlagSet());
		assertThat(option.choices()).doesNotHaveDuplicates();
	}

	@ParameterizedTest
	@EnumSource(ManagedOption.class)
	void recommendsAValueItsOwnRuleAcceptsWithoutWarning(ManagedOption option) {
		Violations violations = check(option, option.kind().fromCfText(option.recommended()));
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(ManagedOption.class)
	void writesItsRecommendationIntoTheCfAsItIsWritten(ManagedOption option) {
		SecurityOptions options = only(option, option.kind().fromCfText(option.recommended()));
		assertThat(option.cfValue(options)).isEqualTo(option.recommended());
		assertThat(option.value(options)).isInstanceOf(option.kind().type());
		assertThat(options.cfValues()).containsEntry(option, option.recommended());
	}

	@ParameterizedTest
	@EnumSource(ManagedOption.class)
	void readsOnlyItsOwnValue(ManagedOption option) {
		SecurityOptions options = only(option, option.kind().fromCfText(option.recommended()));
		for (ManagedOption other : ManagedOption.values()) {
			if (other != option) {
				assertThat(other.value(options)).as(other.cfName()).isNull();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(ManagedOption.class)
	void checksItsValueWithItsOwnRuleOnTheGivenField(ManagedOption option) {
		Object malformed = switch (option.kind()) {
			case NUMBER -> -1;
			case FLAG_SET -> List.of("no\nflag");
			default -> "no\nvalue";
		};
		// A flag set reports on the flag at fault.
		assertThat(check(option, malformed).errors()).singleElement()
			.extracting(Violation::field)
			.asString()
			.matches("options\\." + option.cfName() + "(\\[0])?");
		assertThat(check(option, null).errors()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(ManagedOption.class)
	void refusesAValueOfAnotherType(ManagedOption option) {
		Object wrong = option.kind().isNumber() ? "12" : Integer.valueOf(12);
		assertThatIllegalArgumentException().isThrownBy(() -> only(option, wrong))
			.withMessageContaining(option.cfName());
	}

	@ParameterizedTest
	@EnumSource(ManagedOption.class)
	void isFoundByItsName(ManagedOption option) {
		assertThat(ManagedOption.named(option.cfName())).isSameAs(option);
		assertThat(ManagedOption.NAMES).contains(option.cfName());
	}

}
