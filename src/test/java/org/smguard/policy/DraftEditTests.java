package org.smguard.policy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.system.NotFoundException;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One-entry edits of the draft against the real H2 schema: override files changed one at
 * a time, sections changed one at a time, and the conflicts each may and may not meet.
 */
@SpringBootTest
@DirtiesContext
@WithMockUser(username = "edit-admin", roles = "ADMIN")
class DraftEditTests {

	private static final String DIRECTORY = Forwards.DEFAULT_DIRECTORY;

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> "edit-operator-secret");
	}

	@Autowired
	private PolicyService policies;

	private String policy;

	private static int created;

	/**
	 * A fresh policy whose ForwardPath reads the override files, holding alice and bob.
	 */
	@BeforeEach
	void policy() {
		this.policy = "edits-" + (++created);
		this.policies.create(this.policy, "", null);
		Draft draft = this.policies.draft(this.policy);
		SecurityOptions o = draft.policy().options();
		Policy start = draft.policy()
			.withForwards(new Forwards(DIRECTORY,
					List.of(new Forwards.OverrideFile("alice", "alice@example.org\n"),
							new Forwards.OverrideFile("bob", ""))))
			.withOptions(new SecurityOptions(o.defaultUser(), DIRECTORY + "/$u.forward:$z/.forward", o.logLevel(),
					o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
		this.policies.replaceDraft(this.policy, draft.revision(), null, start);
	}

	private long revision() {
		return this.policies.draftSettings(this.policy).revision();
	}

	private DraftSettings put(long revision, String user, String content) {
		return this.policies.putOverride(this.policy, revision, new Forwards.OverrideFile(user, content));
	}

	private DraftSettings changeShells(long revision, String shell) {
		return this.policies.changeSection(this.policy, revision, DraftSection.SHELLS,
				(p) -> p.withShells(new Shells(List.of("/bin/sh", shell), false)));
	}

	@Test
	void addsReplacesAndRemovesOneOverrideFile() {
		long start = revision();
		DraftSettings added = put(start, "carol", "carol@example.org\n");
		assertThat(added.revision()).isEqualTo(start + 1);
		assertThat(added.overrideCount()).isEqualTo(3);
		DraftSettings replaced = put(added.revision(), "carol", "");
		assertThat(replaced.overrideCount()).isEqualTo(3);
		assertThat(this.policies.draftOverride(this.policy, "carol")).contains(new Forwards.OverrideFile("carol", ""));
		DraftSettings removed = this.policies.removeOverride(this.policy, replaced.revision(), "alice");
		assertThat(removed.overrideCount()).isEqualTo(2);
		assertThat(this.policies.draft(this.policy).policy().forwards().overrides())
			.containsExactly(new Forwards.OverrideFile("bob", ""), new Forwards.OverrideFile("carol", ""));
	}

	@Test
	void keepsTheDraftUnchangedWhenTheSameContentIsPutAgain() {
		long start = revision();
		assertThat(put(start, "alice", "alice@example.org\n").revision()).isEqualTo(start);
	}

	@Test
	void refusesAUserWhoseNameClashesIgnoringCase() {
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> put(revision(), "Bob", ""))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field).containsExactly("user"))
			.withMessageContaining("'Bob' already has an override as 'bob'");
	}

	@Test
	void refusesBadUserAndContentAndChangesNothing() {
		long start = revision();
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> put(start, "x y", "a\r\nb"))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field)
				.containsExactly("user", "content"));
		assertThat(revision()).isEqualTo(start);
		assertThat(this.policies.draftSettings(this.policy).overrideCount()).isEqualTo(2);
	}

	@Test
	void refusesTheFirstOverrideWhenForwardPathWouldNotReadIt() {
		this.policies.create(this.policy + "-stock", "", null);
		String stock = this.policy + "-stock";
		long start = this.policies.draftSettings(stock).revision();
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.policies.putOverride(stock, start, new Forwards.OverrideFile("carol", "")))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field)
				.containsExactly("options.ForwardPath"));
	}

	@Test
	void answersNotFoundForRemovingAFileThatIsNotThere() {
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.policies.removeOverride(this.policy, revision(), "zed"))
			.withMessageContaining("no override file for 'zed'");
	}

	@Test
	void pagesOverrideFilesByPrefixIgnoringCaseAndTakesWildcardsLiterally() {
		long revision = revision();
		for (String user : List.of("ann", "an_x", "anxx", "Anna", "ben")) {
			revision = put(revision, user, "").revision();
		}
		OverridePage an = this.policies.draftOverrides(this.policy, "AN", 0, 2);
		assertThat(an.matching()).isEqualTo(4);
		assertThat(an.total()).isEqualTo(7);
		assertThat(an.items()).as("ordered by name ignoring case")
			.extracting(Forwards.OverrideFile::user)
			.containsExactly("an_x", "ann");
		assertThat(this.policies.draftOverrides(this.policy, "AN", 1, 2).items())
			.extracting(Forwards.OverrideFile::user)
			.containsExactly("Anna", "anxx");
		assertThat(this.policies.draftOverrides(this.policy, "an_", 0, 50).items())
			.extracting(Forwards.OverrideFile::user)
			.containsExactly("an_x");
		assertThat(this.policies.draftOverrides(this.policy, "%", 0, 50).items()).isEmpty();
		assertThat(this.policies.draftOverrides(this.policy, "", 9, 50).items()).isEmpty();
		assertThat(this.policies.draftOverrides(this.policy, "", 0, 50).draftRevision()).isEqualTo(revision);
	}

	@Test
	void refusesPageSizesOutsideTheBounds() {
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.policies.draftOverrides(this.policy, "", 0, 201))
			.withMessageContaining("size");
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.policies.draftOverrides(this.policy, "", -1, 10))
			.withMessageContaining("page");
	}

	@Test
	void letsAnEditOfOneSectionThroughAfterAChangeOfAnother() {
		long loaded = revision();
		changeShells(loaded, "/bin/bash");
		DraftSettings saved = this.policies.changeSection(this.policy, loaded, DraftSection.TRUSTED_USERS, (p) -> p
			.withTrustedUsers(new TrustedUsers(p.trustedUsers().lineStyle(), List.of("root", "majordomo"), null)));
		assertThat(saved.revision()).isEqualTo(loaded + 2);
		Policy both = this.policies.draft(this.policy).policy();
		assertThat(both.shells().entries()).containsExactly("/bin/sh", "/bin/bash");
		assertThat(both.trustedUsers().users()).containsExactly("root", "majordomo");
	}

	@Test
	void refusesAStaleEditOfTheSameSectionWithWhatChanged() {
		long loaded = revision();
		changeShells(loaded, "/bin/bash");
		assertThatExceptionOfType(DraftConflictException.class).isThrownBy(() -> changeShells(loaded, "/bin/zsh"))
			.satisfies((ex) -> assertThat(ex.changes()).singleElement()
				.satisfies((change) -> assertThat(change.fields()).containsExactly("shells.entries")));
		assertThat(this.policies.draft(this.policy).policy().shells().entries()).containsExactly("/bin/sh",
				"/bin/bash");
	}

	@Test
	void takesOnlyItsOwnSectionFromASectionChange() {
		DraftSettings saved = this.policies.changeSection(this.policy, revision(), DraftSection.SHELLS,
				(p) -> p.withShells(new Shells(List.of("/bin/sh"), false))
					.withTrustedUsers(new TrustedUsers(p.trustedUsers().lineStyle(), List.of("mallory"), null)));
		assertThat(saved.policy().trustedUsers().users()).doesNotContain("mallory");
	}

	@Test
	void letsAnOverrideEditThroughAfterChangesOfOtherUsersAndSections() {
		long loaded = revision();
		long now = put(loaded, "carol", "").revision();
		now = changeShells(now, "/bin/bash").revision();
		assertThat(put(loaded, "dave", "dave@example.org").revision()).isEqualTo(now + 1);
	}

	@Test
	void refusesAStaleOverrideEditOfTheSameUserIgnoringCaseOrAfterTheDirectoryMoved() {
		long loaded = revision();
		put(loaded, "bob", "bob@example.org\n");
		assertThatExceptionOfType(DraftConflictException.class).isThrownBy(() -> put(loaded, "bob", ""));
		assertThatExceptionOfType(DraftConflictException.class)
			.isThrownBy(() -> this.policies.removeOverride(this.policy, loaded, "BOB"));
		long before = revision();
		this.policies.replaceDraft(this.policy, before, null,
				withDirectory(this.policies.draft(this.policy).policy(), "/etc/mail/forwards"));
		assertThatExceptionOfType(DraftConflictException.class).isThrownBy(() -> put(before, "erin", ""));
	}

	@Test
	void refusesAStaleWholeDraftChangeAfterAnyChange() {
		Draft loaded = this.policies.draft(this.policy);
		put(loaded.revision(), "carol", "");
		assertThatExceptionOfType(DraftConflictException.class)
			.isThrownBy(() -> this.policies.replaceDraft(this.policy, loaded.revision(), null, loaded.policy()));
	}

	@Test
	void keepsTheContentHashEqualToTheHashOfTheWhole() {
		long revision = revision();
		revision = put(revision, "carol", "carol@example.org\n").revision();
		revision = this.policies.removeOverride(this.policy, revision, "alice").revision();
		changeShells(revision, "/bin/bash");
		VersionInfo saved = this.policies.saveVersion(this.policy, "Edited one at a time", null);
		String baseCf = this.policies.versionBaseCf(this.policy, saved.number());
		assertThat(saved.contentHash())
			.isEqualTo(PolicyJson.contentHash(this.policies.draft(this.policy).policy(), PolicyJson.sha256(baseCf)));
	}

	@Test
	void recordsOnlyChangedFilesInTheNextVersion() {
		this.policies.saveVersion(this.policy, "First", null);
		int rows = this.policies.storedOverrideRows(this.policy);
		put(revision(), "alice", "elsewhere@example.org\n");
		this.policies.saveVersion(this.policy, "Second", null);
		assertThat(this.policies.storedOverrideRows(this.policy)).isEqualTo(rows + 1);
		Map<String, String> first = contents(this.policies.version(this.policy, 1));
		Map<String, String> second = contents(this.policies.version(this.policy, 2));
		assertThat(first).containsEntry("alice", "alice@example.org\n").containsEntry("bob", "");
		assertThat(second).containsEntry("alice", "elsewhere@example.org\n").containsEntry("bob", "");
		assertThat(this.policies.versionOverride(this.policy, 1, "alice")).map(Forwards.OverrideFile::content)
			.contains("alice@example.org\n");
	}

	@Test
	void saysNothingChangedWhenEditsReturnToTheSavedVersion() {
		this.policies.saveVersion(this.policy, "First", null);
		long revision = put(revision(), "carol", "").revision();
		this.policies.removeOverride(this.policy, revision, "carol");
		assertThat(this.policies.summary(this.policy).draftModified()).isFalse();
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.policies.saveVersion(this.policy, "Nothing", null))
			.withMessageContaining("has no changes since version 1");
	}

	private static Policy withDirectory(Policy policy, String directory) {
		SecurityOptions o = policy.options();
		return policy.withForwards(new Forwards(directory, policy.forwards().overrides()))
			.withOptions(new SecurityOptions(o.defaultUser(), directory + "/$u.forward:$z/.forward", o.logLevel(),
					o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
	}

	private static Map<String, String> contents(Version version) {
		Map<String, String> contents = new HashMap<>();
		version.policy().forwards().overrides().forEach((o) -> contents.put(o.user(), o.content()));
		return contents;
	}

}
