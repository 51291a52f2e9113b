package org.smguard.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.smguard.policy.Forwards;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.OverrideChange;
import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Shells;
import org.smguard.policy.Smrsh;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.render.Golden;
import org.smguard.render.PolicyFiles;
import org.smguard.render.RenderedFile;
import org.smguard.render.TestPolicies;
import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diff of two versions: golden files of its JSON and of its unified diff for a few
 * pairs of policies (regenerate with {@code -Dgolden.update=true} and review the change
 * with {@code git diff src/test/resources/golden/diff}), that the unified diff turns the
 * files of one version into those of the other under {@code git apply}, and the rules
 * that make it: either order, equal versions, the option table.
 */
class PolicyDiffsTests {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final String BASE = StockPolicy.debianBaseCf();

	/** One version: its number, its whole policy and its base cf. */
	record Snapshot(int number, Policy policy, String baseCf) {
	}

	/** Two versions and the name of their golden files. */
	record Pair(String name, Snapshot from, Snapshot to) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static List<Pair> pairs() {
		Snapshot stock = new Snapshot(1, StockPolicy.debian(), BASE);
		Snapshot changed = new Snapshot(2, TestPolicies.changedEverywhere(), BASE);
		Snapshot edited = new Snapshot(3, smallEdits(TestPolicies.changedEverywhere()), BASE.replace(
				"##### shipped with smguard as the default base configuration\n",
				"##### shipped with smguard as the default base configuration\n##### edited on the mail hub\n"));
		Snapshot moved = new Snapshot(4, movedOverrides(smallEdits(TestPolicies.changedEverywhere())), edited.baseCf());
		return List.of(new Pair("stock-to-changed", stock, changed), new Pair("changed-to-stock", changed, stock),
				new Pair("small-edits", changed, edited), new Pair("moved-directory", edited, moved),
				new Pair("same", changed, changed));
	}

	/**
	 * A little changed in every section: names added, removed and reordered, a program
	 * retargeted, an override file changed, one removed and an empty one added, an option
	 * unset.
	 */
	static Policy smallEdits(Policy policy) {
		SecurityOptions o = policy.options();
		return new Policy(
				new TrustedUsers(TrustedUsers.LineStyle.Ct, List.of("daemon", "root", "majordomo", "listmaster"),
						new TrustedUsersFile("/etc/mail/trusted-users", false, List.of("listmgr"))),
				new Shells(List.of("/bin/sh", "/bin/bash"), true),
				new Smrsh(true, "/usr/libexec/sendmail/smrsh", "/etc/mail/smrsh",
						List.of(new Smrsh.Program("vacation", "/usr/local/bin/vacation"),
								new Smrsh.Program("mail.local", "/usr/libexec/sendmail/mail.local"))),
				new Forwards(policy.forwards().directory(),
						List.of(new Forwards.OverrideFile("bob", "bob@elsewhere.example\n\\bob"),
								new Forwards.OverrideFile("dave", ""))),
				new SecurityOptions(o.defaultUser(), o.forwardPath(), null, o.postmasterCopy(),
						List.of("goaway", "restrictmailq", "restrictqrun", "noetrn"), o.safeFileEnvironment(),
						o.tempFileMode()));
	}

	/** The override files moved to another directory, and ForwardPath with them. */
	static Policy movedOverrides(Policy policy) {
		SecurityOptions o = policy.options();
		return policy.withForwards(new Forwards("/etc/mail/forwards", policy.forwards().overrides()))
			.withOptions(new SecurityOptions(o.defaultUser(), "/etc/mail/forwards/$u.forward:$z/.forward", o.logLevel(),
					o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pairs")
	void matchesGoldenJson(Pair pair) {
		Golden.assertMatches("diff/" + pair.name() + ".json", JSON.writeValueAsString(diff(pair)) + "\n");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pairs")
	void matchesGoldenUnifiedDiff(Pair pair) {
		Golden.assertMatches("diff/" + pair.name() + ".diff", diff(pair).unified());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pairs")
	void turnsTheFilesOfOneVersionIntoTheOtherWithGitApply(Pair pair) throws IOException {
		HostTools.assumeExecutable(Path.of("/usr/bin/git"), "apt-get install git");
		Path dir = HostTools.tempDirectory("smguard-diff");
		try {
			Path tree = dir.resolve("tree");
			Files.createDirectories(tree);
			for (RenderedFile file : PolicyFiles.render(pair.from().policy(), pair.from().baseCf())) {
				Files.write(tree.resolve(file.name()), file.bytes());
			}
			Files.writeString(dir.resolve("change.diff"), diff(pair).unified(), StandardCharsets.UTF_8);
			if (!diff(pair).files().isEmpty()) {
				HostTools.Run run = HostTools.run(dir, "", "git", "apply", "--directory=tree", "change.diff");
				assertThat(run.exitCode()).as(run.output() + run.errors()).isZero();
			}
			Map<String, String> expected = new TreeMap<>();
			for (RenderedFile file : PolicyFiles.render(pair.to().policy(), pair.to().baseCf())) {
				expected.put(file.name(), file.content());
			}
			Map<String, String> applied = new TreeMap<>();
			try (var files = Files.list(tree)) {
				for (Path file : files.toList()) {
					applied.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
				}
			}
			assertThat(applied).isEqualTo(expected);
		}
		finally {
			HostTools.delete(dir);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pairs")
	void listsInReverseWhatWasAddedAsRemoved(Pair pair) {
		VersionDiff forward = diff(pair);
		VersionDiff backward = diff(new Pair(pair.name(), pair.to(), pair.from()));
		assertThat(backward.trustedUsers().added()).isEqualTo(forward.trustedUsers().removed());
		assertThat(backward.trustedUsers().removed()).isEqualTo(forward.trustedUsers().added());
		assertThat(backward.shells().added()).isEqualTo(forward.shells().removed());
		assertThat(backward.smrsh().added()).isEqualTo(forward.smrsh().removed());
		assertThat(backward.forwards().added()).isEqualTo(forward.forwards().removed());
		assertThat(backward.forwards().changed()).extracting(VersionDiff.OverrideDiff::user)
			.isEqualTo(forward.forwards().changed().stream().map(VersionDiff.OverrideDiff::user).toList());
		assertThat(backward.options()).extracting(VersionDiff.OptionChange::name)
			.isEqualTo(forward.options().stream().map(VersionDiff.OptionChange::name).toList());
		assertThat(backward.options()).extracting(VersionDiff.OptionChange::from)
			.isEqualTo(forward.options().stream().map(VersionDiff.OptionChange::to).toList());
		assertThat(backward.files()).extracting(VersionDiff.FileDiff::name)
			.isEqualTo(forward.files().stream().map(VersionDiff.FileDiff::name).toList());
		assertThat(backward.changed()).isEqualTo(forward.changed());
	}

	@Test
	void findsNothingBetweenAVersionAndItself() {
		Snapshot changed = new Snapshot(2, TestPolicies.changedEverywhere(), BASE);
		VersionDiff same = diff(new Pair("same", changed, changed));
		assertThat(same.changed()).isFalse();
		assertThat(same.baseCfChanged()).isFalse();
		assertThat(same.files()).isEmpty();
		assertThat(same.options()).isEmpty();
		assertThat(same.unified()).isEmpty();
		assertThat(same.trustedUsers().isEmpty()).isTrue();
		assertThat(same.shells().isEmpty()).isTrue();
		assertThat(same.smrsh().isEmpty()).isTrue();
		assertThat(same.forwards().isEmpty()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(ManagedOption.class)
	void reportsEachOptionOfTheTableByItsName(ManagedOption option) {
		Policy stock = StockPolicy.debian();
		Map<ManagedOption, Object> values = new HashMap<>();
		for (ManagedOption each : ManagedOption.values()) {
			values.put(each, each.value(stock.options()));
		}
		Object recommended = option.kind().fromCfText(option.recommended());
		values.put(option, Objects.equals(recommended, values.get(option)) ? null : recommended);
		Policy changed = stock.withOptions(SecurityOptions.of(values));
		VersionDiff diff = diff(
				new Pair(option.cfName(), new Snapshot(1, stock, BASE), new Snapshot(2, changed, BASE)));
		assertThat(diff.options()).singleElement().satisfies((change) -> {
			assertThat(change.name()).isEqualTo(option.cfName());
			assertThat(change.from()).isEqualTo(option.value(stock.options()));
			assertThat(change.to()).isEqualTo(values.get(option));
			assertThat(change.fromText()).isEqualTo(option.cfValue(stock.options()));
			assertThat(change.toText()).isEqualTo(option.cfValue(changed.options()));
		});
		assertThat(diff.files()).extracting(VersionDiff.FileDiff::name).contains(PolicyFiles.SENDMAIL_CF);
	}

	@Test
	void tellsAnOptionSetEmptyFromAnOptionUnset() {
		Policy stock = StockPolicy.debian();
		SecurityOptions o = stock.options();
		Policy off = stock.withOptions(new SecurityOptions(o.defaultUser(), "", o.logLevel(), o.postmasterCopy(),
				o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
		Policy unset = stock.withOptions(new SecurityOptions(o.defaultUser(), null, o.logLevel(), o.postmasterCopy(),
				o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
		VersionDiff diff = diff(new Pair("off", new Snapshot(1, off, BASE), new Snapshot(2, unset, BASE)));
		assertThat(diff.options()).singleElement().satisfies((change) -> {
			assertThat(change.from()).isEqualTo("");
			assertThat(change.to()).isNull();
		});
	}

	@Test
	void reportsABaseCfChangeAndItsLinesInTheDiffOfSendmailCf() {
		Policy policy = StockPolicy.debian();
		String edited = BASE.replace("Cwlocalhost\n", "Cwlocalhost\nCwmail.example.org\n");
		VersionDiff diff = diff(new Pair("base", new Snapshot(1, policy, BASE), new Snapshot(2, policy, edited)));
		assertThat(diff.changed()).isTrue();
		assertThat(diff.baseCfChanged()).isTrue();
		assertThat(diff.files()).singleElement().satisfies((file) -> {
			assertThat(file.name()).isEqualTo(PolicyFiles.SENDMAIL_CF);
			assertThat(file.rows())
				.filteredOn(
						(row) -> row.kind() == VersionDiff.LineKind.ADDED || row.kind() == VersionDiff.LineKind.REMOVED)
				.extracting(VersionDiff.Line::text)
				.containsExactly("+Cwmail.example.org");
		});
	}

	@Test
	void listsOnlyTheOverrideFilesThatDiffer() {
		Policy policy = TestPolicies.changedEverywhere();
		VersionDiff diff = PolicyDiffs.between("p", new PolicyDiffs.Side(1, withoutOverrides(policy), BASE),
				new PolicyDiffs.Side(2, withoutOverrides(policy), BASE),
				List.of(new OverrideChange("carol", "carol@elsewhere.example", "carol@example.org\n")));
		assertThat(diff.files()).extracting(VersionDiff.FileDiff::name).containsExactly("carol.forward");
		assertThat(diff.forwards().changed()).singleElement().satisfies((change) -> {
			assertThat(change.user()).isEqualTo("carol");
			assertThat(change.diff()).containsExactly("@@ -1 +1 @@", "-carol@elsewhere.example", "+carol@example.org");
		});
	}

	@Test
	void mergesFileListsInTheOrderFilesAreRendered() {
		List<String> without = List.of("sendmail.cf", "smguard-security.m4", "shells", "sm.bin.manifest");
		List<String> with = List.of("sendmail.cf", "smguard-security.m4", "shells", "trusted-users", "sm.bin.manifest");
		assertThat(PolicyDiffs.merged(without, with)).isEqualTo(with);
		assertThat(PolicyDiffs.merged(with, without)).isEqualTo(with);
		assertThat(PolicyDiffs.merged(List.of("a", "b"), List.of("b", "a"))).containsExactlyInAnyOrder("a", "b");
	}

	/**
	 * The diff as the console computes it: settings without override files, and the
	 * override files that differ, found here by comparing both whole lists.
	 */
	static VersionDiff diff(Pair pair) {
		return PolicyDiffs.between("default",
				new PolicyDiffs.Side(pair.from().number(), withoutOverrides(pair.from().policy()),
						pair.from().baseCf()),
				new PolicyDiffs.Side(pair.to().number(), withoutOverrides(pair.to().policy()), pair.to().baseCf()),
				overrideChanges(pair.from().policy(), pair.to().policy()));
	}

	static List<OverrideChange> overrideChanges(Policy from, Policy to) {
		Map<String, String> before = contents(from);
		Map<String, String> after = contents(to);
		TreeSet<String> users = new TreeSet<>(before.keySet());
		users.addAll(after.keySet());
		List<OverrideChange> changes = new ArrayList<>();
		for (String user : users) {
			if (!Objects.equals(before.get(user), after.get(user))) {
				changes.add(new OverrideChange(user, before.get(user), after.get(user)));
			}
		}
		return changes;
	}

	private static Map<String, String> contents(Policy policy) {
		Map<String, String> contents = new HashMap<>();
		policy.forwards().overrides().forEach((o) -> contents.put(o.user(), o.content()));
		return contents;
	}

	private static Policy withoutOverrides(Policy policy) {
		return policy.withForwards(new Forwards(policy.forwards().directory(), List.of()));
	}

}
