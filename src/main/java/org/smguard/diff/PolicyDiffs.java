package org.smguard.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.smguard.diff.VersionDiff.Change;
import org.smguard.policy.Forwards;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.OverrideChange;
import org.smguard.policy.Policy;
import org.smguard.policy.Shells;
import org.smguard.policy.Smrsh;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.render.PolicyFiles;
import org.smguard.render.RenderedFile;

/**
 * The diff of two versions of a policy, computed from their settings (without override
 * files) and the override files that differ between them, so that its cost follows what
 * changed: of 50,000 override files only those that differ are looked at or rendered. A
 * pure function.
 */
public final class PolicyDiffs {

	private PolicyDiffs() {
	}

	/**
	 * One side of a diff: a version's number, its settings (override files are not looked
	 * at) and its base cf.
	 */
	public record Side(int number, Policy settings, String baseCf) {
	}

	/**
	 * What changes from {@code from} to {@code to}.
	 * @param overrides the override files that differ between the two, with their content
	 * in {@code from} and in {@code to}
	 */
	public static VersionDiff between(String policy, Side from, Side to, List<OverrideChange> overrides) {
		Policy a = from.settings();
		Policy b = to.settings();
		VersionDiff.TrustedUsersDiff trustedUsers = trustedUsers(a.trustedUsers(), b.trustedUsers());
		VersionDiff.ShellsDiff shells = shells(a.shells(), b.shells());
		VersionDiff.SmrshDiff smrsh = smrsh(a.smrsh(), b.smrsh());
		VersionDiff.ForwardsDiff forwards = forwards(a.forwards(), b.forwards(), overrides);
		List<VersionDiff.OptionChange> options = new ArrayList<>();
		for (ManagedOption option : ManagedOption.values()) {
			if (!Objects.equals(option.value(a.options()), option.value(b.options()))) {
				options.add(VersionDiff.OptionChange.of(option, a.options(), b.options()));
			}
		}
		boolean baseCfChanged = !from.baseCf().equals(to.baseCf());
		List<VersionDiff.FileDiff> files = files(from, to, overrides);
		boolean changed = baseCfChanged || !trustedUsers.isEmpty() || !shells.isEmpty() || !smrsh.isEmpty()
				|| !forwards.isEmpty() || !options.isEmpty() || !files.isEmpty();
		return new VersionDiff(policy, from.number(), to.number(), changed, baseCfChanged, trustedUsers, shells, smrsh,
				forwards, options, files);
	}

	private static VersionDiff.TrustedUsersDiff trustedUsers(TrustedUsers from, TrustedUsers to) {
		TrustedUsersFile fileFrom = from.file();
		TrustedUsersFile fileTo = to.file();
		List<String> namesFrom = (fileFrom != null) ? fileFrom.users() : List.of();
		List<String> namesTo = (fileTo != null) ? fileTo.users() : List.of();
		VersionDiff.TrustedUsersFileDiff file = new VersionDiff.TrustedUsersFileDiff(
				Change.of(value(fileFrom, TrustedUsersFile::path), value(fileTo, TrustedUsersFile::path)),
				Change.of(value(fileFrom, TrustedUsersFile::optional), value(fileTo, TrustedUsersFile::optional)),
				missingFrom(namesTo, namesFrom), missingFrom(namesFrom, namesTo), reordered(namesFrom, namesTo));
		return new VersionDiff.TrustedUsersDiff(Change.of(from.lineStyle(), to.lineStyle()),
				missingFrom(to.users(), from.users()), missingFrom(from.users(), to.users()),
				reordered(from.users(), to.users()), file);
	}

	private static VersionDiff.ShellsDiff shells(Shells from, Shells to) {
		return new VersionDiff.ShellsDiff(missingFrom(to.entries(), from.entries()),
				missingFrom(from.entries(), to.entries()), reordered(from.entries(), to.entries()),
				Change.of(from.allowAnyShell(), to.allowAnyShell()));
	}

	private static VersionDiff.SmrshDiff smrsh(Smrsh from, Smrsh to) {
		Map<String, Smrsh.Program> before = programsByName(from.programs());
		Map<String, Smrsh.Program> after = programsByName(to.programs());
		List<Smrsh.Program> added = to.programs().stream().filter((p) -> !before.containsKey(p.name())).toList();
		List<Smrsh.Program> removed = from.programs().stream().filter((p) -> !after.containsKey(p.name())).toList();
		List<VersionDiff.Retarget> retargeted = new ArrayList<>();
		for (Smrsh.Program program : to.programs()) {
			Smrsh.Program old = before.get(program.name());
			if (old != null && !Objects.equals(old.target(), program.target())) {
				retargeted.add(new VersionDiff.Retarget(program.name(), old.target(), program.target()));
			}
		}
		return new VersionDiff.SmrshDiff(Change.of(from.enabled(), to.enabled()),
				Change.of(from.smrshPath(), to.smrshPath()), Change.of(from.binDirectory(), to.binDirectory()), added,
				removed, retargeted, reordered(names(from.programs()), names(to.programs())));
	}

	private static VersionDiff.ForwardsDiff forwards(Forwards from, Forwards to, List<OverrideChange> overrides) {
		List<VersionDiff.OverrideFile> added = new ArrayList<>();
		List<VersionDiff.OverrideFile> removed = new ArrayList<>();
		List<VersionDiff.OverrideDiff> changed = new ArrayList<>();
		for (OverrideChange change : overrides) {
			if (change.added()) {
				added.add(new VersionDiff.OverrideFile(change.user(), change.to()));
			}
			else if (change.removed()) {
				removed.add(new VersionDiff.OverrideFile(change.user(), change.from()));
			}
			else {
				changed.add(new VersionDiff.OverrideDiff(change.user(),
						UnifiedDiff.hunks(render(from, change.user(), change.from()).content(),
								render(to, change.user(), change.to()).content())));
			}
		}
		return new VersionDiff.ForwardsDiff(Change.of(from.directory(), to.directory()), added, removed, changed);
	}

	/**
	 * The rendered files that differ: the files made from the settings, then the override
	 * files of the users that differ.
	 */
	private static List<VersionDiff.FileDiff> files(Side from, Side to, List<OverrideChange> overrides) {
		Map<String, RenderedFile> before = filesByName(PolicyFiles.settingsFiles(from.settings(), from.baseCf()));
		Map<String, RenderedFile> after = filesByName(PolicyFiles.settingsFiles(to.settings(), to.baseCf()));
		List<VersionDiff.FileDiff> files = new ArrayList<>();
		for (String name : merged(List.copyOf(before.keySet()), List.copyOf(after.keySet()))) {
			add(files, name, before.get(name), after.get(name));
		}
		Forwards forwardsFrom = from.settings().forwards();
		Forwards forwardsTo = to.settings().forwards();
		for (OverrideChange change : overrides) {
			RenderedFile a = change.added() ? null : render(forwardsFrom, change.user(), change.from());
			RenderedFile b = change.removed() ? null : render(forwardsTo, change.user(), change.to());
			add(files, (a != null) ? a.name() : b.name(), a, b);
		}
		return files;
	}

	private static void add(List<VersionDiff.FileDiff> files, String name, RenderedFile from, RenderedFile to) {
		List<String> lines = UnifiedDiff.file(name, from, to);
		if (lines.isEmpty()) {
			return;
		}
		VersionDiff.Status status = (from == null) ? VersionDiff.Status.ADDED
				: (to == null) ? VersionDiff.Status.REMOVED : VersionDiff.Status.MODIFIED;
		files.add(new VersionDiff.FileDiff(name, ((to != null) ? to : from).path(), status, lines));
	}

	private static RenderedFile render(Forwards forwards, String user, String content) {
		return PolicyFiles.overrideFile(forwards.directory(), new Forwards.OverrideFile(user, content));
	}

	/**
	 * The names of two file lists that both follow the order files are rendered in, in
	 * that order: a file only one side has keeps its place.
	 */
	static List<String> merged(List<String> from, List<String> to) {
		Set<String> inFrom = new HashSet<>(from);
		Set<String> inTo = new HashSet<>(to);
		Set<String> names = new LinkedHashSet<>();
		int i = 0;
		int j = 0;
		while (i < from.size() || j < to.size()) {
			if (i < from.size() && j < to.size() && from.get(i).equals(to.get(j))) {
				names.add(from.get(i++));
				j++;
			}
			else if (i < from.size() && !inTo.contains(from.get(i))) {
				names.add(from.get(i++));
			}
			else if (j < to.size() && !inFrom.contains(to.get(j))) {
				names.add(to.get(j++));
			}
			else {
				// The two lists disagree on the order: keep that of "to".
				names.addAll(to.subList(j, to.size()));
				names.addAll(from.subList(i, from.size()));
				break;
			}
		}
		return List.copyOf(names);
	}

	/**
	 * The entries of {@code list} that {@code other} lacks, in the order of {@code list}.
	 */
	private static List<String> missingFrom(List<String> list, List<String> other) {
		Set<String> present = new HashSet<>(other);
		return list.stream().filter((entry) -> !present.contains(entry)).toList();
	}

	/** Whether the entries both lists hold stand in another order in each. */
	private static boolean reordered(List<String> from, List<String> to) {
		Set<String> inTo = new HashSet<>(to);
		Set<String> inFrom = new HashSet<>(from);
		return !from.stream().filter(inTo::contains).toList().equals(to.stream().filter(inFrom::contains).toList());
	}

	private static <T, V> V value(T value, Function<T, V> field) {
		return (value != null) ? field.apply(value) : null;
	}

	private static List<String> names(List<Smrsh.Program> programs) {
		return programs.stream().map(Smrsh.Program::name).toList();
	}

	private static Map<String, Smrsh.Program> programsByName(List<Smrsh.Program> programs) {
		Map<String, Smrsh.Program> map = new HashMap<>();
		programs.forEach((program) -> map.putIfAbsent(program.name(), program));
		return map;
	}

	private static Map<String, RenderedFile> filesByName(List<RenderedFile> files) {
		Map<String, RenderedFile> map = new LinkedHashMap<>();
		files.forEach((file) -> map.put(file.name(), file));
		return map;
	}

}
