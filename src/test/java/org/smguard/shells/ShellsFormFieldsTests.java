package org.smguard.shells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.smguard.policy.Policy;
import org.smguard.policy.Shells;
import org.smguard.policy.ShellsValidator;
import org.smguard.policy.StockPolicy;
import org.smguard.testing.FormFieldsCoverage;
import org.smguard.validation.Violation;

/**
 * Every violation the validators find in the valid shells lands on a field of
 * {@link ShellsForm}.
 */
class ShellsFormFieldsTests {

	static Stream<Policy> brokenSections() {
		List<Shells> sections = new ArrayList<>();
		sections.add(new Shells(List.of(), false));
		sections.add(new Shells(List.of("/bin/sh"), true));
		for (String value : FormFieldsCoverage.HOSTILE) {
			sections.add(new Shells(Arrays.asList("/bin/sh", value), false));
			sections.add(new Shells(Arrays.asList(value, value), true));
		}
		sections.add(new Shells(Collections.nCopies(Shells.MAX_ENTRIES + 1, "/bin/sh"), false));
		return sections.stream().map(StockPolicy.debian()::withShells);
	}

	@Test
	void showsEveryViolationBesideAFieldOfTheForm() {
		List<Violation> violations = FormFieldsCoverage.violations(brokenSections())
			.stream()
			.filter((violation) -> violation.path().startsWith(ShellsValidator.SECTION))
			.toList();
		FormFieldsCoverage.assertEachLandsOnAField(violations, (violation) -> ShellsForm.FIELDS, new ShellsForm());
	}

}
