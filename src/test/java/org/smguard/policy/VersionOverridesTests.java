package org.smguard.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.system.NotFoundException;
import org.smguard.testing.SignedIn;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A version's override files read a page or one file at a time, with the real services,
 * method security and H2 schema: each version shows its own files, ordered and filtered
 * by user ignoring case, from two versions between which one file changed, one was
 * removed and one added.
 */
@SpringBootTest
@DirtiesContext
class VersionOverridesTests {

	private static final String DIRECTORY = Forwards.DEFAULT_DIRECTORY;

	private static final Forwards.OverrideFile ALICE_1 = new Forwards.OverrideFile("alice", "alice@example.org\n");

	private static final Forwards.OverrideFile ALICE_2 = new Forwards.OverrideFile("alice",
			"alice@elsewhere.example\n");

	private static final Forwards.OverrideFile BOB = new Forwards.OverrideFile("Bob", "");

	private static final Forwards.OverrideFile CAROL = new Forwards.OverrideFile("carol", "carol@example.org\n");

	private static final Forwards.OverrideFile DAVE = new Forwards.OverrideFile("dave", "");

	private static final Forwards.OverrideFile ERIN = new Forwards.OverrideFile("erin", "erin@example.org\n");

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
	private ReviewService review;

	private String policy;

	private static int created;

	/**
	 * Version 1: alice, Bob, carol and dave. Version 2: alice's file changed, Bob's
	 * removed, erin's added.
	 */
	@BeforeEach
	void twoVersions() {
		this.policy = "pages-" + (++created);
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
		admin(() -> this.policies.saveVersion(this.policy, "alice elsewhere, no Bob, erin", null));
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

	@Test
	void walksEveryOverrideFileOfAVersionInChunks() {
		List<Forwards.OverrideFile> first = new ArrayList<>();
		as("host-mx1", () -> {
			this.policies.forEachVersionOverride(this.policy, 1, first::add);
			return null;
		}, "HOST");
		List<Forwards.OverrideFile> second = new ArrayList<>();
		as("vic", () -> {
			this.policies.forEachVersionOverride(this.policy, 2, second::add);
			return null;
		}, "VIEWER");
		assertThat(first).containsExactly(ALICE_1, BOB, CAROL, DAVE);
		assertThat(second).containsExactly(ALICE_2, CAROL, DAVE, ERIN);

		int count = 2 * PolicyService.OVERRIDE_CHUNK + 345;
		List<Forwards.OverrideFile> many = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			many.add(new Forwards.OverrideFile(String.format("u%05d", i),
					(i % 3 == 0) ? "" : "u" + i + "@example.org\n"));
		}
		onDraft((revision) -> {
			Draft draft = this.policies.draft(this.policy);
			return this.policies.replaceDraft(this.policy, revision, null,
					draft.policy().withForwards(new Forwards(DIRECTORY, many)));
		});
		admin(() -> this.policies.saveVersion(this.policy, "many", null));
		List<Forwards.OverrideFile> walked = new ArrayList<>();
		as("vic", () -> {
			this.policies.forEachVersionOverride(this.policy, 3, walked::add);
			return null;
		}, "VIEWER");
		assertThat(walked).isEqualTo(many);
	}

	@Test
	void describesAReleaseWithoutItsOverrideFiles() {
		PolicyService.ReleaseSnapshot release = as("host-mx1", () -> this.policies.release(this.policy, 2), "HOST");

		assertThat(release.info().number()).isEqualTo(2);
		assertThat(release.overrideCount()).isEqualTo(4);
		assertThat(release.settings().forwards().overrides()).isEmpty();
		assertThat(release.settings().forwards().directory()).isEqualTo(DIRECTORY);
		assertThat(release.publishedAt()).as("never published").isNull();
		assertThat(release.baseCf()).contains("O ForwardPath=");
		assertThatExceptionOfType(AuthorizationDeniedException.class)
			.isThrownBy(() -> as("someone", () -> this.policies.release(this.policy, 2), "NOBODY"));
	}

	@Test
	void walksEveryOverrideFileChunkByChunkInTheOrderOfUsersIgnoringCase() {
		// The first chunk ends with Mike's file, whose name is not its lowercased key.
		List<Forwards.OverrideFile> expected = new ArrayList<>();
		for (int i = 0; i < PolicyService.OVERRIDE_CHUNK - 1; i++) {
			expected.add(new Forwards.OverrideFile(String.format("a%04d", i), ""));
		}
		expected.add(new Forwards.OverrideFile("Mike", "mike@example.org\n"));
		for (int i = 0; i < 10; i++) {
			expected.add(new Forwards.OverrideFile("n" + i, ""));
		}
		List<Forwards.OverrideFile> shuffled = new ArrayList<>(expected);
		Collections.reverse(shuffled);
		admin(() -> {
			this.policies.create("walked", "", null);
			Draft draft = this.policies.draft("walked");
			SecurityOptions o = draft.policy().options();
			this.policies.replaceDraft("walked", draft.revision(), null,
					draft.policy()
						.withForwards(new Forwards(DIRECTORY, shuffled))
						.withOptions(new SecurityOptions(o.defaultUser(), DIRECTORY + "/$u.forward:$z/.forward",
								o.logLevel(), o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(),
								o.tempFileMode())));
			return this.policies.saveVersion("walked", "Many override files", null);
		});

		List<Forwards.OverrideFile> walked = new ArrayList<>();
		as("vic", () -> {
			this.policies.forEachVersionOverride("walked", 1, walked::add);
			return null;
		}, "VIEWER");

		assertThat(walked).containsExactlyElementsOf(expected);
	}

	@Test
	void pagesEachVersionWithItsOwnOverrideFiles() {
		OverridePage first = page(1, "", 0, 50);
		assertThat(first.items()).containsExactly(ALICE_1, BOB, CAROL, DAVE);
		assertThat(first.total()).isEqualTo(4);
		assertThat(first.matching()).isEqualTo(4);
		assertThat(first.draftRevision()).as("a version has no revision").isZero();
		OverridePage second = page(2, "", 0, 50);
		assertThat(second.items()).containsExactly(ALICE_2, CAROL, DAVE, ERIN);
		assertThat(second.total()).isEqualTo(4);
	}

	@Test
	void pagesByUserIgnoringCase() {
		OverridePage first = page(1, "", 0, 3);
		assertThat(first.items()).containsExactly(ALICE_1, BOB, CAROL);
		assertThat(first.totalPages()).isEqualTo(2);
		assertThat(first.hasPrevious()).isFalse();
		assertThat(first.hasNext()).isTrue();
		OverridePage last = page(1, "", 1, 3);
		assertThat(last.items()).containsExactly(DAVE);
		assertThat(last.hasNext()).isFalse();
		assertThat(page(1, "", 2, 3).items()).isEmpty();
		assertThat(page(2, "", 1, 3).items()).containsExactly(ERIN);
	}

	@Test
	void filtersByPrefixIgnoringCase() {
		OverridePage bs = page(1, "b", 0, 50);
		assertThat(bs.items()).containsExactly(BOB);
		assertThat(bs.matching()).isEqualTo(1);
		assertThat(bs.total()).isEqualTo(4);
		assertThat(bs.prefix()).isEqualTo("b");
		assertThat(page(1, "BO", 0, 50).items()).containsExactly(BOB);
		assertThat(page(2, "b", 0, 50).items()).isEmpty();
		assertThat(page(2, "b", 0, 50).matching()).isZero();
		assertThat(page(1, "AL", 0, 50).items()).containsExactly(ALICE_1);
		assertThat(page(2, "AL", 0, 50).items()).containsExactly(ALICE_2);
		assertThat(page(2, "e", 0, 50).items()).containsExactly(ERIN);
		assertThat(page(1, "e", 0, 50).items()).isEmpty();
	}

	@Test
	void readsOneOverrideFileOfEachVersion() {
		assertThat(as("vic", () -> this.policies.versionOverride(this.policy, 1, "alice"), "VIEWER")).contains(ALICE_1);
		assertThat(as("vic", () -> this.policies.versionOverride(this.policy, 2, "alice"), "VIEWER")).contains(ALICE_2);
		assertThat(as("vic", () -> this.policies.versionOverride(this.policy, 2, "Bob"), "VIEWER")).isEmpty();
	}

	@Test
	void refusesBadPagesAndPrefixesNamingTheParameter() {
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> page(1, "", 0, 201))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field).containsExactly("size"));
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> page(1, "", -1, 50))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field).containsExactly("page"));
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> page(1, "a".repeat(65), 0, 50))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field).containsExactly("prefix"));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> page(9, "", 0, 50))
			.withMessageContaining("has no version 9");
	}

	@Test
	void pagesTheOverrideFilesOfARollback() {
		int rollback = as("eddie", () -> this.review.rollback(this.policy, 1, "Bob needs his file back", false),
				"EDITOR")
			.number();
		OverridePage page = page(rollback, "", 0, 50);
		assertThat(page.items()).containsExactly(ALICE_1, BOB, CAROL, DAVE);
		assertThat(page.total()).isEqualTo(4);
	}

}
