package org.smguard.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.system.NotFoundException;
import org.smguard.testing.SignedIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A version copied into the draft, with the real services, method security and H2 schema:
 * the draft takes the version's whole content (override files and base cf included) and
 * keeps its base version, a stale or unauthorised copy changes nothing. Every test starts
 * from two versions whose override files and base cf differ.
 */
@SpringBootTest
@DirtiesContext
class CopyVersionToDraftTests {

	private static final String DIRECTORY = Forwards.DEFAULT_DIRECTORY;

	private static final Forwards.OverrideFile ALICE_1 = new Forwards.OverrideFile("alice", "alice@example.org\n");

	private static final Forwards.OverrideFile ALICE_2 = new Forwards.OverrideFile("alice",
			"alice@elsewhere.example\n");

	private static final Forwards.OverrideFile BOB = new Forwards.OverrideFile("Bob", "");

	private static final Forwards.OverrideFile CAROL = new Forwards.OverrideFile("carol", "carol@example.org\n");

	private static final Forwards.OverrideFile DAVE = new Forwards.OverrideFile("dave", "");

	private static final Forwards.OverrideFile ERIN = new Forwards.OverrideFile("erin", "erin@example.org\n");

	/** The base cf of version 2: Debian's with one more comment line. */
	private static final String BASE_CF_2 = StockPolicy.debianBaseCf() + "# site: mail hub\n";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> "lantern-orbit-harbour");
	}

	@Autowired
	private PolicyService policies;

	@Autowired
	private JdbcClient jdbc;

	private String policy;

	private static int created;

	/**
	 * Version 1: alice, Bob, carol and dave, Debian's base cf. Version 2: alice's file
	 * changed, Bob's removed, erin's added, and a base cf of its own.
	 */
	@BeforeEach
	void twoVersions() {
		this.policy = "copies-" + (++created);
		admin(() -> {
			this.policies.create(this.policy, "", null);
			Draft draft = this.policies.draft(this.policy);
			SecurityOptions o = draft.policy().options();
			Policy start = draft.policy()
				.withForwards(new Forwards(DIRECTORY, List.of(ALICE_1, BOB, CAROL, DAVE)))
				.withOptions(new SecurityOptions(o.defaultUser(), DIRECTORY + "/$u.forward:$z/.forward", o.logLevel(),
						o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
			this.policies.replaceDraft(this.policy, draft.revision(), null, start);
			return this.policies.saveVersion(this.policy, "Four override files", null);
		});
		onDraft((revision) -> this.policies.putOverride(this.policy, revision, ALICE_2));
		onDraft((revision) -> this.policies.removeOverride(this.policy, revision, "Bob"));
		onDraft((revision) -> this.policies.putOverride(this.policy, revision, ERIN));
		onDraft((revision) -> this.policies.importDraft(this.policy, revision, (p) -> p, BASE_CF_2));
		admin(() -> this.policies.saveVersion(this.policy, "alice elsewhere, no Bob, erin, hub cf", null));
	}

	private static <T> T admin(Supplier<T> call) {
		return SignedIn.as("root-admin", call, "ADMIN");
	}

	private static <T> T as(String user, Supplier<T> call, String... roles) {
		return SignedIn.as(user, call, roles);
	}

	private long revision() {
		return as("vic", () -> this.policies.draftSettings(this.policy).revision(), "VIEWER");
	}

	/** A change of the draft by an admin, based on its current revision. */
	private <T> T onDraft(LongFunction<T> change) {
		long revision = revision();
		return admin(() -> change.apply(revision));
	}

	private OverridePage page(int version, String prefix, int page, int size) {
		return as("vic", () -> this.policies.versionOverrides(this.policy, version, prefix, page, size), "VIEWER");
	}

	private List<String> loggedFields(long revision) {
		String fields = this.jdbc
			.sql("SELECT c.fields FROM draft_change c JOIN policy p ON p.id = c.policy_id"
					+ " WHERE p.name = ? AND c.revision = ?")
			.params(this.policy, revision)
			.query(String.class)
			.single();
		return List.of(fields.split(","));
	}

	@Test
	void copiesAVersionIntoADraftThatMovedOn() {
		onDraft((revision) -> this.policies.changeSection(this.policy, revision, DraftSection.SHELLS,
				(p) -> p.withShells(new Shells(List.of("/bin/sh", "/bin/zsh"), false))));
		long moved = onDraft(
				(revision) -> this.policies.putOverride(this.policy, revision, new Forwards.OverrideFile("frank", "")))
			.revision();
		Draft copied = as("eddie", () -> this.policies.copyVersionToDraft(this.policy, 1, moved), "EDITOR");

		Version first = admin(() -> this.policies.version(this.policy, 1));
		assertThat(copied.revision()).isEqualTo(moved + 1);
		assertThat(copied.baseVersion()).as("the draft stays based on version 2").isEqualTo(2);
		assertThat(copied.updatedBy()).isEqualTo("eddie");
		assertThat(copied.policy()).isEqualTo(first.policy());
		PolicyService.DraftSnapshot stored = admin(() -> this.policies.draftSnapshot(this.policy));
		assertThat(stored.draft().policy()).isEqualTo(first.policy());
		assertThat(stored.baseCf()).isEqualTo(StockPolicy.debianBaseCf());
		assertThat(admin(() -> this.policies.draftOverrides(this.policy, "", 0, 50)).items()).containsExactly(ALICE_1,
				BOB, CAROL, DAVE);
		assertThat(loggedFields(copied.revision())).containsExactlyInAnyOrder("forwards.overrides[Bob]",
				"forwards.overrides[alice]", "forwards.overrides[erin]", "forwards.overrides[frank]", "shells.entries",
				"baseCf");

		VersionInfo saved = admin(() -> this.policies.saveVersion(this.policy, "Back to version 1", null));
		assertThat(saved.number()).isEqualTo(3);
		assertThat(saved.parent()).isEqualTo(2);
		assertThat(saved.contentHash()).isEqualTo(first.info().contentHash());
		assertThat(admin(() -> this.policies.overrideChanges(this.policy, 1, 3))).isEmpty();
		assertThat(page(3, "", 0, 50).items()).containsExactly(ALICE_1, BOB, CAROL, DAVE);
		assertThat(admin(() -> this.policies.versionBaseCf(this.policy, 3))).isEqualTo(StockPolicy.debianBaseCf());
	}

	@Test
	void refusesAStaleCopyAndChangesNothing() {
		long loaded = revision();
		DraftSettings changed = admin(() -> this.policies.changeSection(this.policy, loaded, DraftSection.SHELLS,
				(p) -> p.withShells(new Shells(List.of("/bin/sh", "/bin/zsh"), false))));
		Draft before = admin(() -> this.policies.draft(this.policy));
		assertThatExceptionOfType(DraftConflictException.class)
			.isThrownBy(() -> as("eddie", () -> this.policies.copyVersionToDraft(this.policy, 1, loaded), "EDITOR"))
			.satisfies((ex) -> {
				assertThat(ex.currentRevision()).isEqualTo(changed.revision());
				assertThat(ex.changes()).singleElement()
					.satisfies((change) -> assertThat(change.fields()).containsExactly("shells.entries"));
			});
		assertThat(admin(() -> this.policies.draft(this.policy))).isEqualTo(before);
		assertThat(admin(() -> this.policies.draftSnapshot(this.policy)).baseCf()).isEqualTo(BASE_CF_2);
	}

	@Test
	void refusesCopiesByViewersAndReviewers() {
		long loaded = revision();
		for (String role : List.of("VIEWER", "REVIEWER")) {
			assertThatExceptionOfType(AccessDeniedException.class)
				.isThrownBy(() -> as("rita", () -> this.policies.copyVersionToDraft(this.policy, 1, loaded), role));
		}
		assertThat(revision()).isEqualTo(loaded);
		assertThat(admin(() -> this.policies.draftOverrides(this.policy, "", 0, 50)).items()).containsExactly(ALICE_2,
				CAROL, DAVE, ERIN);
	}

	@Test
	void answersNotFoundForAVersionThatDoesNotExist() {
		long loaded = revision();
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> as("eddie", () -> this.policies.copyVersionToDraft(this.policy, 7, loaded), "EDITOR"))
			.withMessageContaining("has no version 7");
		assertThat(revision()).isEqualTo(loaded);
	}

	@Test
	void keepsTheDraftWhenItAlreadyHoldsTheVersion() {
		long loaded = revision();
		Draft copied = as("eddie", () -> this.policies.copyVersionToDraft(this.policy, 2, loaded), "EDITOR");
		assertThat(copied.revision()).isEqualTo(loaded);
		assertThat(revision()).isEqualTo(loaded);
	}

}
