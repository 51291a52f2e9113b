package org.smguard.advisor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.smguard.policy.Policy;

import org.springframework.stereotype.Component;

/**
 * PrivacyOptions (seed 22.8.3.5): at least {@code goaway,restrictmailq,restrictqrun}.
 * What {@code goaway} stands for is sendmail 8.17's: {@code PRIV_GOAWAY} is 0xffff, the
 * flags needmailhelo, needexpnhelo, needvrfyhelo, noexpn, novrfy, authwarnings and
 * noverb; restrictmailq and restrictqrun lie above it and must be named.
 */
@Component
class PrivacyOptionsRule implements AdvisorRule {

	static final String FIELD = "options.PrivacyOptions";

	static final List<String> GOAWAY = List.of("needmailhelo", "needexpnhelo", "needvrfyhelo", "noexpn", "novrfy",
			"authwarnings", "noverb");

	private static final String RECOMMENDED = "goaway,restrictmailq,restrictqrun";

	@Override
	public List<Finding> check(Policy policy) {
		List<String> set = policy.options().privacyOptions();
		Set<String> flags = new LinkedHashSet<>();
		if (set != null) {
			for (String flag : set) {
				String name = flag.toLowerCase(Locale.ROOT);
				if (name.equals("goaway")) {
					flags.addAll(GOAWAY);
				}
				else {
					flags.add(name);
				}
			}
		}
		List<String> missing = new ArrayList<>();
		GOAWAY.stream().filter((flag) -> !flags.contains(flag)).forEach(missing::add);
		for (String flag : List.of("restrictmailq", "restrictqrun")) {
			if (!flags.contains(flag)) {
				missing.add(flag);
			}
		}
		if (missing.isEmpty()) {
			return List.of();
		}
		List<Finding> findings = new ArrayList<>();
		findings.add(new Finding("privacy-options", Severity.WARNING, FIELD,
				"PrivacyOptions is weaker than goaway,restrictmailq,restrictqrun: lacks " + String.join(", ", missing),
				"The seed recommends the most restrictive setting: it disables EXPN and VRFY (which tell an"
						+ " outsider which accounts exist and where their mail goes), requires other sites to say"
						+ " HELO first, and keeps ordinary users from listing or running the queue."
						+ (set == null ? " Unset, sendmail tells anyone everything." : ""),
				"Set PrivacyOptions to goaway,restrictmailq,restrictqrun (add restrictexpand to keep users from"
						+ " seeing where aliases and .forward files lead).",
				RECOMMENDED));
		if (!flags.contains("authwarnings")) {
			findings.add(new Finding("privacy-authwarnings", Severity.WARNING, FIELD,
					"authwarnings is missing: forged senders go unmarked",
					"With authwarnings, sendmail adds an X-Authentication-Warning: header when a user who is not"
							+ " trusted sets the sender with -f, and in other suspicious cases; without it nothing"
							+ " marks such mail.",
					"Add authwarnings (goaway includes it).", RECOMMENDED));
		}
		return findings;
	}

}
