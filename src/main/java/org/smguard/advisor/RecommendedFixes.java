package org.smguard.advisor;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.smguard.policy.DraftSection;
import org.smguard.policy.Forwards;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Shells;
import org.smguard.policy.Smrsh;

/**
 * How a finding's recommended value is written into a policy: which section of the draft
 * it changes and how. Only fields that one value fixes have a fix (options, whether smrsh
 * is on, its path, any-shell, the override directory).
 */
final class RecommendedFixes {

	private static final String OPTIONS = "options.";

	private RecommendedFixes() {
	}

	/** A change of one section of the draft. */
	record Fix(DraftSection section, UnaryOperator<Policy> change) {
	}

	static boolean handles(String field) {
		return field.startsWith(OPTIONS) ? option(field).isPresent()
				: List.of("smrsh.enabled", "smrsh.smrshPath", "shells.allowAnyShell", "forwards.directory")
					.contains(field);
	}

	/** The fix that sets {@code field} to {@code value}, if one value can fix it. */
	static Optional<Fix> of(String field, String value) {
		if (field.startsWith(OPTIONS)) {
			return option(field).map((option) -> new Fix(DraftSection.OPTIONS,
					(policy) -> policy.withOptions(withOption(policy.options(), option, value))));
		}
		return Optional.ofNullable(switch (field) {
			case "smrsh.enabled" ->
				new Fix(DraftSection.SMRSH, (p) -> p.withSmrsh(new Smrsh(Boolean.parseBoolean(value),
						p.smrsh().smrshPath(), p.smrsh().binDirectory(), p.smrsh().programs())));
			case "smrsh.smrshPath" -> new Fix(DraftSection.SMRSH, (p) -> p
				.withSmrsh(new Smrsh(p.smrsh().enabled(), value, p.smrsh().binDirectory(), p.smrsh().programs())));
			case "shells.allowAnyShell" -> new Fix(DraftSection.SHELLS,
					(p) -> p.withShells(new Shells(p.shells().entries(), Boolean.parseBoolean(value))));
			case "forwards.directory" -> new Fix(DraftSection.FORWARDS_DIRECTORY,
					(p) -> p.withForwards(new Forwards(value, p.forwards().overrides())));
			default -> null;
		});
	}

	private static Optional<ManagedOption> option(String field) {
		String name = field.substring(OPTIONS.length());
		return Arrays.stream(ManagedOption.values()).filter((o) -> o.cfName().equals(name)).findFirst();
	}

	private static SecurityOptions withOption(SecurityOptions options, ManagedOption changed, String value) {
		Map<ManagedOption, Object> values = new EnumMap<>(ManagedOption.class);
		for (ManagedOption option : ManagedOption.values()) {
			values.put(option, option.value(options));
		}
		values.put(changed, switch (changed.kind()) {
			case NUMBER -> Integer.valueOf(value);
			case FLAG_SET -> List.of(value.split(","));
			default -> value;
		});
		return SecurityOptions.of(values);
	}

}
