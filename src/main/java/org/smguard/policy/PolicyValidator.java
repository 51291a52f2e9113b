package org.smguard.policy;

import java.util.Arrays;
import java.util.Collection;
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

	/** Every rule, over a whole policy with all its override files. */
	public static Violations validate(Policy policy) {
		Violations violations = new Violations();
		Policy checked = (policy != null) ? policy : new Policy(null, null, null, null, null);
		TrustedUsersValidator.validate(checked.trustedUsers(), violations);
		ShellsValidator.validate(checked.shells(), violations);
		SmrshValidator.validate(checked.smrsh(), violations);
		ForwardsValidator.validate(checked.forwards(), violations);
		SecurityOptionsValidator.validate(checked.options(), violations);
		checkOverridesAreRead(checked, (checked.forwards() != null) ? checked.forwards().overrides().size() : 0,
				violations);
		return violations;
	}

	/**
	 * Every rule but those of the individual override files, which are checked when each
	 * file is written: what a change of the settings, or of one file, must re-check.
	 * @param settings the policy; its override files, if any, are not looked at
	 * @param overrideCount how many override files the policy has
	 */
	public static Violations validateSettings(Policy settings, int overrideCount) {
		Violations violations = new Violations();
		TrustedUsersValidator.validate(settings.trustedUsers(), violations);
		ShellsValidator.validate(settings.shells(), violations);
		SmrshValidator.validate(settings.smrsh(), violations);
		if (settings.forwards() == null) {
			ForwardsValidator.validate(null, violations);
		}
		else {
			ForwardsValidator.validateDirectory(settings.forwards().directory(), violations);
			ForwardsValidator.checkCount(overrideCount, violations);
		}
		SecurityOptionsValidator.validate(settings.options(), violations);
		checkOverridesAreRead(settings, overrideCount, violations);
		return violations;
	}

	/**
	 * The rules a change of one override file must pass: the file's own, that no other
	 * user's file has a name equal to its user's ignoring case, and the rules across
	 * sections with the count the change leaves. Errors of the file name the fields
	 * {@link ForwardsValidator#CHANGED_USER} and
	 * {@link ForwardsValidator#CHANGED_CONTENT} of the change.
	 * @param settings the draft; its override files, if any, are not looked at
	 * @param overrideCount how many override files the draft holds before the change
	 * @param sameName the users of the draft's files whose names equal the changed file's
	 * user ignoring case (its own, if it has one)
	 */
	public static Violations validateOverrideChange(Policy settings, int overrideCount, Forwards.OverrideFile override,
			Collection<String> sameName) {
		Violations violations = new Violations();
		ForwardsValidator.validateOverride(override, ForwardsValidator.CHANGED_USER, ForwardsValidator.CHANGED_CONTENT,
				violations);
		if (!violations.hasError(ForwardsValidator.CHANGED_USER)) {
			sameName.stream()
				.filter((other) -> !other.equals(override.user()))
				.forEach((other) -> violations.error(ForwardsValidator.CHANGED_USER,
						ForwardsValidator.clash(override.user(), other)));
		}
		int count = overrideCount + (sameName.contains(override.user()) ? 0 : 1);
		Violations settingsRules = new Violations();
		SecurityOptionsValidator.validate(settings.options(), settingsRules);
		ForwardsValidator.checkCount(count, settingsRules);
		checkOverridesAreRead(settings, count, settingsRules);
		settingsRules.errors().forEach((error) -> violations.error(error.path(), error.detail()));
		return violations;
	}

	private static void checkOverridesAreRead(Policy policy, int count, Violations violations) {
		Forwards forwards = policy.forwards();
		SecurityOptions options = policy.options();
		if (forwards == null || options == null || count == 0 || !Rules.isSafePath(forwards.directory())
				|| violations.hasError(FORWARD_PATH_FIELD)) {
			return;
		}
		String expected = forwards.directory() + "/$u.forward";
		String why = ": sendmail reads the ForwardPath files in order and stops at the first one that opens, so an"
				+ " override file only protects anyone when " + Rules.quote(expected)
				+ " comes before every file in the user's home directory ($z)";
		String forwardPath = options.forwardPath();
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
