package org.smguard.trustedusers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.smguard.policy.Policy;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsers.LineStyle;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.policy.TrustedUsersValidator;
import org.smguard.testing.FormFieldsCoverage;
import org.smguard.validation.Violation;

/**
 * Every violation the validators find in the trusted users lands on a field of
 * {@link TrustedUsersForm}.
 */
class TrustedUsersFormFieldsTests {

	private static final String PATH = "/etc/mail/trusted-users";

	static Stream<Policy> brokenSections() {
		List<TrustedUsers> sections = new ArrayList<>();
		sections.add(new TrustedUsers(null, List.of("root"), null));
		for (String value : FormFieldsCoverage.HOSTILE) {
			sections.add(new TrustedUsers(LineStyle.T, Arrays.asList("root", value), null));
			sections.add(new TrustedUsers(LineStyle.Ct, Arrays.asList(value, value), null));
			sections.add(new TrustedUsers(LineStyle.T, List.of("root"), new TrustedUsersFile(value, true, List.of())));
			sections.add(new TrustedUsers(LineStyle.T, List.of("root"),
					new TrustedUsersFile(PATH, true, Arrays.asList("root", value))));
			sections.add(new TrustedUsers(LineStyle.T, List.of("daemon"),
					new TrustedUsersFile(PATH, false, Arrays.asList(value, value))));
		}
		List<String> tooMany = Collections.nCopies(TrustedUsers.MAX_USERS + 1, "root");
		sections.add(new TrustedUsers(LineStyle.T, tooMany, new TrustedUsersFile(PATH, true, tooMany)));
		return sections.stream().map(StockPolicy.debian()::withTrustedUsers);
	}

	@Test
	void showsEveryViolationBesideAFieldOfTheForm() {
		List<Violation> violations = FormFieldsCoverage.violations(brokenSections())
			.stream()
			.filter((violation) -> violation.path().startsWith(TrustedUsersValidator.SECTION))
			.toList();
		FormFieldsCoverage.assertEachLandsOnAField(violations, (violation) -> TrustedUsersForm.FIELDS,
				new TrustedUsersForm());
	}

}
