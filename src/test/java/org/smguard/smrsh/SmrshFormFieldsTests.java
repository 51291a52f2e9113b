package org.smguard.smrsh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.smguard.policy.Policy;
import org.smguard.policy.Smrsh;
import org.smguard.policy.Smrsh.Program;
import org.smguard.policy.SmrshValidator;
import org.smguard.policy.StockPolicy;
import org.smguard.testing.FormFieldsCoverage;
import org.smguard.validation.Violation;

/**
 * Every violation the validators find in the smrsh section lands on a field of
 * {@link SmrshForm}.
 */
class SmrshFormFieldsTests {

	private static final Program VACATION = new Program("vacation", "/usr/bin/vacation");

	static Stream<Policy> brokenSections() {
		List<Smrsh> sections = new ArrayList<>();
		sections.add(new Smrsh(true, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY, List.of()));
		sections.add(new Smrsh(false, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY, Arrays.asList(VACATION, null)));
		for (String value : FormFieldsCoverage.HOSTILE) {
			sections.add(new Smrsh(true, value, value, List.of(VACATION)));
			sections.add(new Smrsh(true, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY,
					List.of(VACATION, new Program(value, value), new Program(value, "/usr/bin/x"))));
		}
		sections.add(new Smrsh(true, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY,
				List.of(VACATION, new Program("Vacation", "/usr/bin/vacation"))));
		sections.add(new Smrsh(true, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY,
				Collections.nCopies(Smrsh.MAX_PROGRAMS + 1, VACATION)));
		return sections.stream().map(StockPolicy.debian()::withSmrsh);
	}

	@Test
	void showsEveryViolationBesideAFieldOfTheForm() {
		List<Violation> violations = FormFieldsCoverage.violations(brokenSections())
			.stream()
			.filter((violation) -> violation.path().startsWith(SmrshValidator.SECTION))
			.toList();
		FormFieldsCoverage.assertEachLandsOnAField(violations, (violation) -> SmrshForm.FIELDS, new SmrshForm());
	}

}
