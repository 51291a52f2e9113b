package org.smguard.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges two versions that both grew from a common base, part by part: each section
 * (trusted users, shells, smrsh, the override directory), each option, each override file
 * and the base cf. A part changed on one side only takes that side's value; changed alike
 * on both, that value; changed differently on both, it is a conflict, which the caller
 * refuses to guess. Pure.
 */
final class ThreeWayMerge {

	private ThreeWayMerge() {
	}

	/** One side of the merge: settings (no override files), override hashes, base cf. */
	record Side(Policy settings, Map<String, String> overrides, String baseCfSha256) {
	}

	/** The merged side, or the parts in conflict (then {@code merged} is null). */
	record Result(Side merged, List<String> conflicts) {
	}

	static Result merge(Side base, Side ours, Side theirs) {
		List<String> conflicts = new ArrayList<>();
		Policy b = base.settings();
		Policy o = ours.settings();
		Policy t = theirs.settings();
		TrustedUsers trustedUsers = pick("trustedUsers", b.trustedUsers(), o.trustedUsers(), t.trustedUsers(),
				conflicts);
		Shells shells = pick("shells", b.shells(), o.shells(), t.shells(), conflicts);
		Smrsh smrsh = pick("smrsh", b.smrsh(), o.smrsh(), t.smrsh(), conflicts);
		String directory = pick("forwards.directory", b.forwards().directory(), o.forwards().directory(),
				t.forwards().directory(), conflicts);
		Map<ManagedOption, Object> options = new EnumMap<>(ManagedOption.class);
		for (ManagedOption option : ManagedOption.values()) {
			options.put(option, pick("options." + option.cfName(), option.value(b.options()), option.value(o.options()),
					option.value(t.options()), conflicts));
		}
		Map<String, String> overrides = new HashMap<>();
		Set<String> users = new HashSet<>(base.overrides().keySet());
		users.addAll(ours.overrides().keySet());
		users.addAll(theirs.overrides().keySet());
		for (String user : users) {
			String hash = pick("forwards.overrides[" + user + "]", base.overrides().get(user),
					ours.overrides().get(user), theirs.overrides().get(user), conflicts);
			if (hash != null) {
				overrides.put(user, hash);
			}
		}
		String baseCf = pick("baseCf", base.baseCfSha256(), ours.baseCfSha256(), theirs.baseCfSha256(), conflicts);
		if (!conflicts.isEmpty()) {
			conflicts.sort(null);
			return new Result(null, conflicts);
		}
		Policy settings = new Policy(trustedUsers, shells, smrsh, new Forwards(directory, List.of()),
				SecurityOptions.of(options));
		return new Result(new Side(settings, overrides, baseCf), List.of());
	}

	private static <T> T pick(String part, T base, T ours, T theirs, List<String> conflicts) {
		if (Objects.equals(theirs, base) || Objects.equals(ours, theirs)) {
			return ours;
		}
		if (Objects.equals(ours, base)) {
			return theirs;
		}
		conflicts.add(part);
		return ours;
	}

}
