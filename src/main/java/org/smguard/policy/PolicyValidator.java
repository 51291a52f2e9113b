package org.smguard.policy;

import java.util.Arrays;
import java.util.List;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Rules;
import org.smguard.validation.Violations;

/**
 * Validates a whole policy: every section's own rules, then the rule that spans sections.
 * <p>
 * Override files only work when {@code ForwardPath} lists {@code <directory>/$u.forward},
 * and lists it before any element in the user's home directory ({@code $z/...}): sendmail
 * reads the elements in order and stops at the first file that opens, so an override
 * placed after the user's own {@code .forward} protects no one. Override files with
 * {@code ForwardPath} unset or empty would never be read, which is refused too. The rule
 * is checked only when the fields it compares are valid on their own, so that a single
 * mistake is reported once.
 */
public final class PolicyValidator {

	private static final FieldPath FORWARD_PATH_FIELD = ManagedOption.FORWARD_PATH.path();

	private PolicyValidator() {
	}

	public static Violations validate(Policy policy) {
		Violations violations = new Violations();
		Policy checked = (policy != null) ? policy : new Policy(null, null, null, null, null);
		TrustedUsersValidator.validate(checked.trustedUsers(), violations);
		ShellsValidator.validate(checked.shells(), violations);
		SmrshValidator.validate(checked.smrsh(), violations);
		ForwardsValidator.validate(checked.forwards(), violations);
		SecurityOptionsValidator.validate(checked.options(), violations);
		checkOverridesAreRead(checked.forwards(), checked.options(), violations);
		return violations;
	}

	private static void checkOverridesAreRead(Forwards forwards, SecurityOptions options, Violations violations) {
		if (forwards == null || options == null || forwards.overrides().isEmpty()
				|| !Rules.isSafePath(forwards.directory()) || violations.hasError(FORWARD_PATH_FIELD)) {
			return;
		}
		String expected = forwards.directory() + "/$u.forward";
		String why = ": sendmail reads the ForwardPath files in order and stops at the first one that opens, so an"
				+ " override file only protects anyone when " + Rules.quote(expected)
				+ " comes before every file in the user's home directory ($z)";
		String forwardPath = options.forwardPath();
		int count = forwards.overrides().size();
		String overrides = count + ((count == 1) ? " override file exists" : " override files exist");
		if (forwardPath == null) {
			violations.error(FORWARD_PATH_FIELD, "is unset, but " + overrides + " and sendmail would never read them;"
					+ " set it to " + Rules.quote(expected + ":$z/.forward") + why);
			return;
		}
		if (forwardPath.isEmpty()) {
			violations.error(FORWARD_PATH_FIELD,
					"is empty (.forward files are off), but " + overrides
							+ " and sendmail would never read them; set it to " + Rules.quote(expected + ":$z/.forward")
							+ " or remove the overrides" + why);
			return;
		}
		List<String> elements = Arrays.asList(forwardPath.split(":"));
		int position = elements.indexOf(expected);
		if (position < 0) {
			violations.error(FORWARD_PATH_FIELD, "does not list " + Rules.quote(expected) + ", but " + overrides
					+ " and sendmail would never read them; put it first" + why);
			return;
		}
		for (int i = 0; i < position; i++) {
			if (elements.get(i).startsWith("$z")) {
				violations.error(FORWARD_PATH_FIELD, "lists " + Rules.quote(elements.get(i)) + ", a file the user"
						+ " can write, before " + Rules.quote(expected) + "; put the override element first" + why);
				return;
			}
		}
	}

}
