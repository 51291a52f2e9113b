package org.smguard.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Versions store override files as intervals: a version that changes one of 50,000
 * entries adds one row and closes one, instead of copying the whole list. Runs against
 * the real H2 file schema; prints how long saving and loading took.
 */
@SpringBootTest
@DirtiesContext
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@WithMockUser(username = "storage-admin", roles = "ADMIN")
class OverrideStorageTests {

	private static final int OVERRIDES = 50_000;

	private static final String POLICY = "big";

	private static final String DIRECTORY = "/usr/local/etc/forwards";

	private static final String CHANGED_USER = user(25_000);

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> "storage-operator-secret");
	}

	@Autowired
	private PolicyService policies;

	@Autowired
	private JdbcClient jdbc;

	private final List<String> timings = new ArrayList<>();

	@Test
	void changingOneOf50000OverridesAddsOneRowInsteadOfACopy() {
		this.policies.create(POLICY, "50,000 override files", null);
		List<Forwards.OverrideFile> overrides = IntStream.range(0, OVERRIDES)
			.mapToObj((i) -> new Forwards.OverrideFile(user(i), content(i)))
			.toList();
		Draft draft = this.policies.draft(POLICY);
		SecurityOptions stock = draft.policy().options();
		Policy big = draft.policy()
			.withForwards(new Forwards(DIRECTORY, overrides))
			.withOptions(new SecurityOptions(stock.defaultUser(), DIRECTORY + "/$u.forward:$z/.forward",
					stock.logLevel(), stock.postmasterCopy(), stock.privacyOptions(), stock.safeFileEnvironment(),
					stock.tempFileMode()));
		Draft filled = timed("replace draft with 50,000 overrides",
				() -> this.policies.replaceDraft(POLICY, draft.revision(), null, big));
		VersionInfo first = timed("save version 1", () -> this.policies.saveVersion(POLICY, "All overrides", null));
		assertThat(this.policies.storedOverrideRows(POLICY)).isEqualTo(OVERRIDES);

		DraftSettings changed = timed("change one override in the draft", () -> this.policies.putOverride(POLICY,
				filled.revision(), new Forwards.OverrideFile(CHANGED_USER, "|/usr/bin/vacation " + CHANGED_USER)));
		assertThat(changed.revision()).isEqualTo(filled.revision() + 1);
		VersionInfo second = timed("save version 2",
				() -> this.policies.saveVersion(POLICY, "Forward " + CHANGED_USER + " elsewhere", null));
		assertThat(second.parent()).isEqualTo(first.number());

		assertThat(this.policies.storedOverrideRows(POLICY)).as("interval rows after two versions")
			.isEqualTo(OVERRIDES + 1);
		assertThat(this.jdbc
			.sql("SELECT o.to_version FROM version_override o JOIN policy p ON p.id = o.policy_id"
					+ " WHERE p.name = ? AND o.user_name = ? ORDER BY o.from_version")
			.params(POLICY, CHANGED_USER)
			.query((rs, n) -> rs.getObject(1, Integer.class))
			.list()).as("rows of the changed user: closed at version 2, then open").containsExactly(2, null);

		Map<String, String> version1 = overrides(timed("load version 1", () -> this.policies.version(POLICY, 1)));
		Map<String, String> version2 = overrides(timed("load version 2", () -> this.policies.version(POLICY, 2)));
		assertThat(version1).hasSize(OVERRIDES).containsEntry(CHANGED_USER, content(25_000));
		assertThat(version2).hasSize(OVERRIDES).containsEntry(CHANGED_USER, "|/usr/bin/vacation " + CHANGED_USER);
		assertThat(version2).containsEntry(user(0), content(0)).containsEntry(user(49_999), content(49_999));
		version2.remove(CHANGED_USER);
		version1.remove(CHANGED_USER);
		assertThat(version2).isEqualTo(version1);
		assertThat(second.contentHash()).as("the hash kept up one file at a time equals the hash of the whole")
			.isEqualTo(wholeHash(2));

		// A whole-draft change next: one file removed, one added, through the full path.
		Draft current = this.policies.draft(POLICY);
		List<Forwards.OverrideFile> edited = new ArrayList<>(current.policy().forwards().overrides());
		edited.removeIf((override) -> override.user().equals(user(7)));
		edited.add(new Forwards.OverrideFile("newcomer", ""));
		this.policies.replaceDraft(POLICY, current.revision(), null,
				current.policy().withForwards(new Forwards(DIRECTORY, edited)));
		VersionInfo third = timed("save version 3", () -> this.policies.saveVersion(POLICY, "Swap two", null));
		assertThat(third.contentHash()).isEqualTo(wholeHash(3));
		assertThat(this.policies.storedOverrideRows(POLICY)).as("interval rows after three versions")
			.isEqualTo(OVERRIDES + 2);
		Map<String, String> version3 = overrides(this.policies.version(POLICY, 3));
		assertThat(version3).hasSize(OVERRIDES).doesNotContainKey(user(7)).containsEntry("newcomer", "");
		assertThat(overrides(this.policies.version(POLICY, 2))).containsKey(user(7)).doesNotContainKey("newcomer");
		System.out.println("[storage] " + String.join(", ", this.timings));
	}

	/** The content hash of a version computed from all of its content at once. */
	private String wholeHash(int number) {
		return PolicyJson.contentHash(this.policies.version(POLICY, number).policy(),
				PolicyJson.sha256(this.policies.versionBaseCf(POLICY, number)));
	}

	private static Map<String, String> overrides(Version version) {
		return version.policy()
			.forwards()
			.overrides()
			.stream()
			.collect(Collectors.toMap(Forwards.OverrideFile::user, Forwards.OverrideFile::content));
	}

	private static String user(int i) {
		return String.format("user%05d", i);
	}

	/** Most overrides are empty ("deliver locally"); every tenth forwards elsewhere. */
	private static String content(int i) {
		return (i % 10 == 0) ? user(i) + "@archive.example.org\n" : "";
	}

	private <T> T timed(String what, Supplier<T> action) {
		long start = System.nanoTime();
		T result = action.get();
		this.timings.add(what + " " + (System.nanoTime() - start) / 1_000_000 + " ms");
		return result;
	}

}
