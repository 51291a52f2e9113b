package org.smguard.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Names the fields that differ between two snapshots, in the JSON path terms of the API
 * ({@code trustedUsers.users}, {@code options.LogLevel},
 * {@code forwards.overrides[bob]}).
 */
public final class PolicyChanges {

	private static final int MAX_NAMED_OVERRIDES = 20;

	private PolicyChanges() {
	}

	public static List<String> between(Policy before, Policy after) {
		List<String> fields = new ArrayList<>();
		TrustedUsers tb = before.trustedUsers();
		TrustedUsers ta = after.trustedUsers();
		compare(fields, "trustedUsers.lineStyle", tb, ta, TrustedUsers::lineStyle);
		compare(fields, "trustedUsers.users", tb, ta, TrustedUsers::users);
		compare(fields, "trustedUsers.file", tb, ta, TrustedUsers::file);
		compare(fields, "shells.entries", before.shells(), after.shells(), Shells::entries);
		compare(fields, "shells.allowAnyShell", before.shells(), after.shells(), Shells::allowAnyShell);
		compare(fields, "smrsh.enabled", before.smrsh(), after.smrsh(), Smrsh::enabled);
		compare(fields, "smrsh.smrshPath", before.smrsh(), after.smrsh(), Smrsh::smrshPath);
		compare(fields, "smrsh.binDirectory", before.smrsh(), after.smrsh(), Smrsh::binDirectory);
		compare(fields, "smrsh.programs", before.smrsh(), after.smrsh(), Smrsh::programs);
		compare(fields, "forwards.directory", before.forwards(), after.forwards(), Forwards::directory);
		overrides(fields, before.forwards().overrides(), after.forwards().overrides());
		SecurityOptions ob = before.options();
		SecurityOptions oa = after.options();
		for (ManagedOption option : ManagedOption.values()) {
			compare(fields, "options." + option.cfName(), ob, oa, option::value);
		}
		return fields;
	}

	private static <S> void compare(List<String> fields, String name, S before, S after, Function<S, ?> value) {
		if (!Objects.equals(value.apply(before), value.apply(after))) {
			fields.add(name);
		}
	}

	private static void overrides(List<String> fields, List<Forwards.OverrideFile> before,
			List<Forwards.OverrideFile> after) {
		Map<String, String> old = new HashMap<>();
		before.forEach((override) -> old.put(override.user(), override.content()));
		List<String> changed = new ArrayList<>();
		for (Forwards.OverrideFile override : after) {
			String previous = old.remove(override.user());
			if (!override.content().equals(previous)) {
				changed.add(override.user());
			}
		}
		changed.addAll(old.keySet());
		changed.sort(null);
		if (changed.size() > MAX_NAMED_OVERRIDES) {
			fields.add("forwards.overrides (" + changed.size() + " files)");
		}
		else {
			changed.forEach((user) -> fields.add("forwards.overrides[" + user + "]"));
		}
	}

}
