package org.smguard.options;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.smguard.policy.Forwards;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.SecurityOptionsValidator;
import org.smguard.policy.StockPolicy;
import org.smguard.testing.FormFieldsCoverage;
import org.smguard.validation.Violation;

/**
 * Every violation the validators find in the security options, including the rule across
 * sections that compares ForwardPath with the override files, lands on a field of
 * {@link SecurityOptionsForm}.
 */
class SecurityOptionsFormFieldsTests {

	/** A value of {@code option}'s kind made from {@code text}. */
	private static List<Object> values(ManagedOption option, String text) {
		if (option.kind().isNumber()) {
			return Arrays.asList(-1, 100, Integer.MIN_VALUE);
		}
		if (option.kind().isFlagSet()) {
			return List.of(Arrays.asList("goaway", text), Arrays.asList(text, text));
		}
		return Arrays.asList(text);
	}

	static Stream<Policy> brokenOptions() {
		List<Policy> policies = new ArrayList<>();
		Policy base = StockPolicy.debian();
		for (ManagedOption option : ManagedOption.values()) {
			for (String text : FormFieldsCoverage.HOSTILE) {
				for (Object value : values(option, text)) {
					if (value != null) {
						policies.add(base.withOptions(SecurityOptions.of(Map.of(option, value))));
					}
				}
			}
		}
		Policy withOverrides = base
			.withForwards(new Forwards(Forwards.DEFAULT_DIRECTORY, List.of(new Forwards.OverrideFile("bob", ""))));
		for (String forwardPath : Arrays.asList(null, "", "$z/.forward",
				"$z/.forward:/usr/local/etc/forwards/$u.forward", "/usr/local/etc/forwards/$u.forward:$z/.forward")) {
			Map<ManagedOption, Object> values = (forwardPath != null) ? Map.of(ManagedOption.FORWARD_PATH, forwardPath)
					: Map.of();
			policies.add(withOverrides.withOptions(SecurityOptions.of(values)));
		}
		return policies.stream();
	}

	@Test
	void showsEveryViolationBesideAFieldOfTheForm() {
		List<Violation> violations = FormFieldsCoverage.violations(brokenOptions())
			.stream()
			.filter((violation) -> violation.path().startsWith(SecurityOptionsValidator.SECTION))
			.toList();
		FormFieldsCoverage.assertEachLandsOnAField(violations, (violation) -> SecurityOptionsForm.FIELDS,
				new SecurityOptionsForm());
	}

}
