package org.smguard.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.system.NotFoundException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The override files that differ between two versions, found from the interval rows of
 * just the files that changed between them, against the real H2 schema: files changed,
 * added, removed, changed back and added again across five versions, in either order, and
 * always what comparing the two whole versions gives.
 */
@SpringBootTest
@DirtiesContext
@WithMockUser(username = "diff-admin", roles = "ADMIN")
class OverrideChangesTests {

	private static final String DIRECTORY = Forwards.DEFAULT_DIRECTORY;

	private static final int VERSIONS = 5;

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> "diff-operator-secret");
	}

	@Autowired
	private PolicyService policies;

	@Autowired
	private JdbcClient jdbc;

	private String policy;

	private static int created;

	/**
	 * Five versions: 1 alice, bob, carol; 2 bob changed, dave added; 3 carol removed, bob
	 * changed back; 4 only an option changed; 5 carol added again with other content,
	 * dave removed.
	 */
	@BeforeEach
	void versions() {
		this.policy = "diffs-" + (++created);
		this.policies.create(this.policy, "", null);
		Draft draft = this.policies.draft(this.policy);
		SecurityOptions o = draft.policy().options();
		Policy start = draft.policy()
			.withForwards(new Forwards(DIRECTORY, List.of(new Forwards.OverrideFile("alice", "alice@example.org\n"),
					new Forwards.OverrideFile("bob", ""), new Forwards.OverrideFile("carol", "|vacation carol"))))
			.withOptions(new SecurityOptions(o.defaultUser(), DIRECTORY + "/$u.forward:$z/.forward", o.logLevel(),
					o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
		this.policies.replaceDraft(this.policy, draft.revision(), null, start);
		save("alice, bob, carol");
		put("bob", "bob@elsewhere.example\n");
		put("dave", "");
		save("bob forwards elsewhere, dave delivers locally");
		remove("carol");
		put("bob", "");
		save("carol leaves, bob back home");
		this.policies.changeSection(this.policy, revision(), DraftSection.OPTIONS,
				(p) -> p.withOptions(new SecurityOptions(p.options().defaultUser(), p.options().forwardPath(), 12,
						p.options().postmasterCopy(), p.options().privacyOptions(), p.options().safeFileEnvironment(),
						p.options().tempFileMode())));
		save("log more");
		put("carol", "carol@example.org\n");
		remove("dave");
		save("carol returns");
	}

	@Test
	void findsFilesChangedAndAddedBetweenTwoVersions() {
		assertThat(this.policies.overrideChanges(this.policy, 1, 2)).containsExactly(
				new OverrideChange("bob", "", "bob@elsewhere.example\n"), new OverrideChange("dave", null, ""));
	}

	@Test
	void swapsTheSidesWhenAskedTheOtherWayRound() {
		assertThat(this.policies.overrideChanges(this.policy, 2, 1)).containsExactly(
				new OverrideChange("bob", "bob@elsewhere.example\n", ""), new OverrideChange("dave", "", null));
	}

	@Test
	void leavesOutAFileChangedAndChangedBackInBetween() {
		assertThat(this.policies.overrideChanges(this.policy, 1, 3)).containsExactly(
				new OverrideChange("carol", "|vacation carol", null), new OverrideChange("dave", null, ""));
	}

	@Test
	void findsAFileRemovedAndAddedAgainAsChanged() {
		assertThat(this.policies.overrideChanges(this.policy, 1, 5))
			.containsExactly(new OverrideChange("carol", "|vacation carol", "carol@example.org\n"));
		assertThat(this.policies.overrideChanges(this.policy, 3, 5)).containsExactly(
				new OverrideChange("carol", null, "carol@example.org\n"), new OverrideChange("dave", "", null));
	}

	@Test
	void findsNothingBetweenAVersionAndItselfOrWhereNoFileChanged() {
		for (int number = 1; number <= VERSIONS; number++) {
			assertThat(this.policies.overrideChanges(this.policy, number, number)).as("version %d", number).isEmpty();
		}
		assertThat(this.policies.overrideChanges(this.policy, 3, 4)).isEmpty();
		assertThat(this.policies.overrideChanges(this.policy, 4, 3)).isEmpty();
	}

	@Test
	void agreesWithComparingBothWholeVersionsForEveryPair() {
		for (int a = 1; a <= VERSIONS; a++) {
			for (int b = 1; b <= VERSIONS; b++) {
				assertThat(this.policies.overrideChanges(this.policy, a, b)).as("versions %d and %d", a, b)
					.isEqualTo(compareWhole(a, b));
			}
		}
	}

	@Test
	void readsOnlyTheRowsOfTheFilesThatChanged() {
		String big = this.policy + "-big";
		this.policies.create(big, "", null);
		Draft draft = this.policies.draft(big);
		List<Forwards.OverrideFile> overrides = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			overrides.add(new Forwards.OverrideFile(String.format("user%04d", i), ""));
		}
		SecurityOptions o = draft.policy().options();
		this.policies.replaceDraft(big, draft.revision(), null,
				draft.policy()
					.withForwards(new Forwards(DIRECTORY, overrides))
					.withOptions(new SecurityOptions(o.defaultUser(), DIRECTORY + "/$u.forward:$z/.forward",
							o.logLevel(), o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(),
							o.tempFileMode())));
		this.policies.saveVersion(big, "2,000 files", null);
		this.policies.putOverride(big, this.policies.draftSettings(big).revision(),
				new Forwards.OverrideFile("user1000", "user1000@example.org\n"));
		this.policies.saveVersion(big, "one changed", null);
		long id = this.jdbc.sql("SELECT id FROM policy WHERE name = ?").param(big).query(Long.class).single();
		String plan = this.jdbc.sql("EXPLAIN ANALYZE " + PolicyStore.CHANGED_OVERRIDE_USERS)
			.params(id, 2, 2, id, 2, 2)
			.query(String.class)
			.single();
		Matcher scans = Pattern.compile("scanCount: (\\d+)").matcher(plan);
		List<Integer> counts = new ArrayList<>();
		while (scans.find()) {
			counts.add(Integer.valueOf(scans.group(1)));
		}
		assertThat(counts).as(plan).hasSize(2).allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(3));
		assertThat(this.policies.overrideChanges(big, 1, 2))
			.containsExactly(new OverrideChange("user1000", "", "user1000@example.org\n"));
	}

	@Test
	void refusesAVersionThatDoesNotExist() {
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.policies.overrideChanges(this.policy, 1, VERSIONS + 1))
			.withMessageContaining("no version " + (VERSIONS + 1));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.policies.overrideChanges(this.policy, 0, 1));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.policies.overrideChanges("no-such-policy", 1, 1));
	}

	/** The differences found by loading both versions with every override file. */
	private List<OverrideChange> compareWhole(int a, int b) {
		Map<String, String> from = overrides(a);
		Map<String, String> to = overrides(b);
		TreeSet<String> users = new TreeSet<>(from.keySet());
		users.addAll(to.keySet());
		List<OverrideChange> changes = new ArrayList<>();
		for (String user : users) {
			if (!Objects.equals(from.get(user), to.get(user))) {
				changes.add(new OverrideChange(user, from.get(user), to.get(user)));
			}
		}
		return changes;
	}

	private Map<String, String> overrides(int number) {
		return this.policies.version(this.policy, number)
			.policy()
			.forwards()
			.overrides()
			.stream()
			.collect(Collectors.toMap(Forwards.OverrideFile::user, Forwards.OverrideFile::content, (x, y) -> x,
					TreeMap::new));
	}

	private long revision() {
		return this.policies.draftSettings(this.policy).revision();
	}

	private void put(String user, String content) {
		this.policies.putOverride(this.policy, revision(), new Forwards.OverrideFile(user, content));
	}

	private void remove(String user) {
		this.policies.removeOverride(this.policy, revision(), user);
	}

	private void save(String message) {
		this.policies.saveVersion(this.policy, message, null);
	}

}
