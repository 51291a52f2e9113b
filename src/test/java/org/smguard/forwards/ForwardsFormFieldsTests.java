package org.smguard.forwards;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.smguard.policy.Forwards;
import org.smguard.policy.Forwards.OverrideFile;
import org.smguard.policy.ForwardsValidator;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyValidator;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.StockPolicy;
import org.smguard.testing.FormFieldsCoverage;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every violation the validators find in a change of the override files lands on a field
 * of the form that made it: the directory on {@link ForwardsForm}, one file on
 * {@link OverrideForm}. The rule across sections, which these forms do not show, is named
 * by its label.
 */
class ForwardsFormFieldsTests {

	private static final Policy BASE = StockPolicy.debian();

	private static List<Violation> all(Violations violations) {
		List<Violation> all = new ArrayList<>(violations.errors());
		all.addAll(violations.warnings());
		return all;
	}

	@Test
	void showsEveryViolationOfTheDirectoryBesideItsField() {
		List<Violation> violations = new ArrayList<>();
		for (String value : FormFieldsCoverage.HOSTILE) {
			all(PolicyValidator.validateSettings(BASE.withForwards(new Forwards(value, List.of())), 0)).stream()
				.filter((violation) -> violation.path().startsWith(ForwardsValidator.SECTION))
				.forEach(violations::add);
		}
		FormFieldsCoverage.assertEachLandsOnAField(violations, (violation) -> ForwardsController.DIRECTORY_FIELDS,
				new ForwardsForm());
	}

	@Test
	void showsEveryViolationOfAChangedFileBesideAFieldOfTheOverrideForm() {
		Policy reading = BASE.withOptions(readingOverrides());
		List<Violation> violations = new ArrayList<>();
		for (String value : FormFieldsCoverage.HOSTILE) {
			violations.addAll(all(PolicyValidator.validateOverrideChange(reading, 1, new OverrideFile(value, value),
					new HashSet<>())));
			violations.addAll(all(PolicyValidator.validateOverrideChange(reading, 1,
					new OverrideFile("Bob", "\\bob\n" + value), Set.of("bob"))));
		}
		violations.addAll(all(PolicyValidator.validateOverrideChange(reading, 1,
				new OverrideFile("alice", "x".repeat(1001)), Set.of())));
		violations.addAll(all(PolicyValidator.validateOverrideChange(reading, 1,
				new OverrideFile("alice", "x\n".repeat(40_000)), Set.of())));
		violations.addAll(all(PolicyValidator.validateOverrideChange(reading, Forwards.MAX_OVERRIDES,
				new OverrideFile("alice", ""), Set.of())));
		FormFieldsCoverage.assertEachLandsOnAField(violations, (violation) -> ForwardsController.OVERRIDE_FIELDS,
				new OverrideForm());
	}

	@Test
	void namesForwardPathByItsLabelWhenTheOverridesWouldNotBeRead() {
		List<Violation> errors = PolicyValidator
			.validateOverrideChange(BASE, 0, new OverrideFile("alice", ""), Set.of())
			.errors();
		assertThat(errors).extracting(Violation::path).containsExactly(ManagedOption.FORWARD_PATH.path());
		assertThat(ForwardsController.DIRECTORY_FIELDS.find(errors.get(0).path())).isPresent();
		assertThat(ForwardsController.OVERRIDE_FIELDS.find(errors.get(0).path())).isPresent();
	}

	/** Debian's options with a ForwardPath that reads override files first. */
	private static SecurityOptions readingOverrides() {
		SecurityOptions o = BASE.options();
		return new SecurityOptions(o.defaultUser(), Forwards.DEFAULT_DIRECTORY + "/$u.forward:$z/.forward",
				o.logLevel(), o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode());
	}

}
