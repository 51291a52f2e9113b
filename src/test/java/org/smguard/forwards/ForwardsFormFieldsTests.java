package org.smguard.forwards;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.smguard.policy.Forwards;
import org.smguard.policy.Forwards.OverrideFile;
import org.smguard.policy.ForwardsValidator;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyValidator;
import org.smguard.policy.StockPolicy;
import org.smguard.testing.FormFieldsCoverage;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every violation the validators find in the override files lands on a field of the form
 * that made the change: the directory on {@link ForwardsForm}, a file added last on
 * {@link OverrideForm}; and the rule across sections, which these forms do not show, is
 * named by its label.
 */
class ForwardsFormFieldsTests {

	private static final Policy BASE = StockPolicy.debian();

	private static final OverrideFile BOB = new OverrideFile("bob", "");

	/**
	 * The policy with {@code added} appended to its override files, as the form adds it.
	 */
	private static Policy adding(OverrideFile added) {
		List<OverrideFile> overrides = new ArrayList<>(List.of(BOB));
		overrides.add(added);
		return BASE.withForwards(new Forwards(Forwards.DEFAULT_DIRECTORY, overrides));
	}

	private static List<Violation> forwardsViolations(Policy policy) {
		Violations violations = PolicyValidator.validate(policy);
		List<Violation> all = new ArrayList<>(violations.errors());
		all.addAll(violations.warnings());
		return all.stream().filter((violation) -> violation.path().startsWith(ForwardsValidator.SECTION)).toList();
	}

	@Test
	void showsEveryViolationOfTheDirectoryBesideItsField() {
		List<Violation> violations = new ArrayList<>();
		for (String value : FormFieldsCoverage.HOSTILE) {
			violations.addAll(forwardsViolations(BASE.withForwards(new Forwards(value, List.of()))));
		}
		FormFieldsCoverage.assertEachLandsOnAField(violations, (violation) -> ForwardsController.DIRECTORY_FIELDS,
				new ForwardsForm());
	}

	@Test
	void showsEveryViolationOfAnAddedFileBesideAFieldOfTheOverrideForm() {
		List<Violation> violations = new ArrayList<>();
		for (String value : FormFieldsCoverage.HOSTILE) {
			violations.addAll(forwardsViolations(adding(new OverrideFile(value, value))));
			violations.addAll(forwardsViolations(adding(new OverrideFile("Bob", "\\bob\n" + value))));
		}
		violations.addAll(forwardsViolations(adding(null)));
		violations.addAll(forwardsViolations(adding(new OverrideFile("alice", "x".repeat(1001)))));
		violations.addAll(forwardsViolations(adding(new OverrideFile("alice", "x\n".repeat(40_000)))));
		violations.addAll(forwardsViolations(BASE.withForwards(
				new Forwards(Forwards.DEFAULT_DIRECTORY, Collections.nCopies(Forwards.MAX_OVERRIDES + 1, BOB)))));
		FormFieldsCoverage.assertEachLandsOnAField(violations, (violation) -> ForwardsController.overrideFields(1),
				new OverrideForm());
	}

	@Test
	void namesForwardPathByItsLabelWhenTheOverridesWouldNotBeRead() {
		Policy unread = adding(new OverrideFile("alice", "")).withOptions(StockPolicy.debian().options());
		List<Violation> errors = PolicyValidator.validate(unread).errors();
		assertThat(errors).extracting(Violation::path).containsExactly(ManagedOption.FORWARD_PATH.path());
		assertThat(ForwardsController.DIRECTORY_FIELDS.find(errors.get(0).path())).isPresent();
		assertThat(ForwardsController.overrideFields(1).find(errors.get(0).path())).isPresent();
		assertThat(ForwardsController.REMOVAL_FIELDS.find(errors.get(0).path())).isPresent();
	}

}
