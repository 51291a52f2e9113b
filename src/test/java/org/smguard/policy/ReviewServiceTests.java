package org.smguard.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.system.ConflictException;
import org.smguard.system.ForbiddenException;
import org.smguard.testing.SignedIn;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every allowed and refused transition of the review, with the real services, method
 * security and H2 schema: four eyes for every role, states, conflicts on publish,
 * rollbacks (also in an emergency), and two people publishing at once.
 */
@SpringBootTest
@DirtiesContext
class ReviewServiceTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> "review-operator-secret");
	}

	@Autowired
	private PolicyService policies;

	@Autowired
	private ReviewService review;

	@Autowired
	private JdbcClient jdbc;

	private String policy;

	private static int created;

	@BeforeEach
	void policy() {
		this.policy = "review-" + (++created);
		as("root-admin", () -> this.policies.create(this.policy, "", null), "ADMIN");
	}

	/** A version saved by {@code author} (an EDITOR) with one more shell. */
	private int saved(String author, String shell) {
		return as(author, () -> {
			long revision = this.policies.draftSettings(this.policy).revision();
			this.policies.changeSection(this.policy, revision, DraftSection.SHELLS,
					(p) -> p.withShells(new Shells(List.of("/bin/sh", shell), false)));
			return this.policies.saveVersion(this.policy, "Add " + shell, null).number();
		}, "EDITOR");
	}

	private int approved(String author, String shell) {
		int number = saved(author, shell);
		as(author, () -> this.review.propose(this.policy, number, "please"), "EDITOR");
		as("rita", () -> this.review.approve(this.policy, number, "fine"), "REVIEWER");
		return number;
	}

	private int published(String author, String shell) {
		int number = approved(author, shell);
		as("rita", () -> this.review.publish(this.policy, number), "REVIEWER");
		return number;
	}

	private ReviewService.Proposal proposal(int number) {
		return as("vic", () -> this.review.proposals(), "VIEWER").stream()
			.filter((p) -> p.policy().equals(this.policy) && p.version().number() == number)
			.findFirst()
			.orElseThrow();
	}

	private Integer current() {
		return as("vic", () -> this.policies.summary(this.policy).currentVersion(), "VIEWER");
	}

	private VersionState state(int number) {
		return as("vic", () -> this.policies.version(this.policy, number).info().state(), "VIEWER");
	}

	@Test
	void takesAProposalThroughApprovalToPublication() {
		int number = saved("eddie", "/bin/bash");
		assertThat(as("eddie", () -> this.review.propose(this.policy, number, "new shell"), "EDITOR").state())
			.isEqualTo(VersionState.PROPOSED);
		VersionInfo approved = as("rita", () -> this.review.approve(this.policy, number, "ok"), "REVIEWER");
		assertThat(approved.state()).isEqualTo(VersionState.APPROVED);
		assertThat(approved.approvedBy()).isEqualTo("rita");
		assertThat(as("eddie", () -> this.review.publish(this.policy, number), "EDITOR").state())
			.isEqualTo(VersionState.PUBLISHED);
		assertThat(current()).isEqualTo(number);
		assertThat(as("vic", () -> this.review.history(this.policy, number), "VIEWER")).extracting(Review::action)
			.containsExactly(Review.Action.PROPOSED, Review.Action.APPROVED, Review.Action.PUBLISHED);
	}

	@Test
	void approvesAVersionWithCriticalFindingsOnlyWhenEachIsAcknowledgedWithAReason() {
		int number = as("eddie", () -> {
			long revision = this.policies.draftSettings(this.policy).revision();
			this.policies.changeSection(this.policy, revision, DraftSection.SMRSH,
					(p) -> p.withSmrsh(new Smrsh(true, "/bin/sh", Smrsh.DEFAULT_BIN_DIRECTORY,
							List.of(new Smrsh.Program("vacation", "/usr/bin/vacation"),
									new Smrsh.Program("perl", "/usr/bin/perl")))));
			return this.policies.saveVersion(this.policy, "smrsh as a shell", null).number();
		}, "EDITOR");
		as("eddie", () -> this.review.propose(this.policy, number, ""), "EDITOR");
		String shell = "smrsh-is-a-shell@smrsh.smrshPath";
		String perl = "smrsh-runs-others@smrsh.programs[1]";

		ValidationException none = catchThrowableOfType(ValidationException.class,
				() -> as("rita", () -> this.review.approve(this.policy, number, "ok"), "REVIEWER"));
		assertThat(none.violations()).extracting(Violation::field)
			.containsExactly("acknowledgements." + perl, "acknowledgements." + shell);
		assertThat(none.violations().get(1).message()).startsWith("the critical finding 'The smrsh path is /bin/sh");
		ValidationException partly = catchThrowableOfType(ValidationException.class,
				() -> as("rita",
						() -> this.review.approve(this.policy, number, "ok",
								Map.of(shell, "a lab host", perl, "  ", "any-shell@shells.allowAnyShell", "x")),
						"REVIEWER"));
		assertThat(partly.violations()).extracting(Violation::field)
			.containsExactlyInAnyOrder("acknowledgements." + perl, "acknowledgements.any-shell@shells.allowAnyShell");
		assertThat(state(number)).isEqualTo(VersionState.PROPOSED);

		VersionInfo approved = as("rita", () -> this.review.approve(this.policy, number, "ok",
				Map.of(shell, "a lab host without users", perl, "the list filter needs it")), "REVIEWER");
		assertThat(approved.state()).isEqualTo(VersionState.APPROVED);
		assertThat(as("vic", () -> this.review.acknowledgements(this.policy, number), "VIEWER"))
			.extracting(Acknowledgement::finding, Acknowledgement::reason, Acknowledgement::actor)
			.containsExactly(tuple(perl, "the list filter needs it", "rita"),
					tuple(shell, "a lab host without users", "rita"));
		assertThat(this.jdbc.sql("SELECT detail FROM audit_entry WHERE action = 'version.acknowledged' ORDER BY id")
			.query(String.class)
			.list()).containsExactly(perl + ": the list filter needs it", shell + ": a lab host without users");
	}

	@ParameterizedTest(name = "an author with role {0} cannot approve or reject their own version")
	@ValueSource(strings = { "ADMIN", "REVIEWER" })
	void refusesSelfReviewForEveryRole(String role) {
		int number = saved("self", "/bin/self");
		as("self", () -> this.review.propose(this.policy, number, ""), "EDITOR");
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> as("self", () -> this.review.approve(this.policy, number, "mine"), role, "EDITOR"))
			.withMessageContaining("second person");
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> as("self", () -> this.review.reject(this.policy, number, "mine"), role, "EDITOR"));
		assertThat(state(number)).isEqualTo(VersionState.PROPOSED);
	}

	@Test
	void refusesReviewByRolesWithoutIt() {
		int number = saved("eddie", "/bin/ksh");
		as("eddie", () -> this.review.propose(this.policy, number, ""), "EDITOR");
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> as("other-editor", () -> this.review.approve(this.policy, number, ""), "EDITOR"));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> as("vic", () -> this.review.approve(this.policy, number, ""), "VIEWER"));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> as("vic", () -> this.review.publish(this.policy, number), "VIEWER"));
		assertThat(state(number)).isEqualTo(VersionState.PROPOSED);
	}

	@Test
	void letsOnlyTheAuthorPropose() {
		int number = saved("eddie", "/bin/zsh");
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> as("other-editor", () -> this.review.propose(this.policy, number, ""), "EDITOR"));
		assertThat(state(number)).isEqualTo(VersionState.SAVED);
	}

	@Test
	void refusesTransitionsTheStateDoesNotAllow() {
		int number = saved("eddie", "/bin/dash");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> as("rita", () -> this.review.approve(this.policy, number, ""), "REVIEWER"))
			.withMessageContaining("is saved and cannot be approved");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> as("rita", () -> this.review.publish(this.policy, number), "REVIEWER"));
		as("eddie", () -> this.review.propose(this.policy, number, ""), "EDITOR");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> as("eddie", () -> this.review.propose(this.policy, number, ""), "EDITOR"));
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> as("rita", () -> this.review.reject(this.policy, number, " "), "REVIEWER"))
			.withMessageContaining("comment");
		as("rita", () -> this.review.reject(this.policy, number, "no"), "REVIEWER");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> as("rita", () -> this.review.approve(this.policy, number, ""), "REVIEWER"));
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> as("rita", () -> this.review.publish(this.policy, number), "REVIEWER"));
		assertThat(state(number)).isEqualTo(VersionState.REJECTED);
		assertThat(current()).isNull();
	}

	@Test
	void refusesToPublishAVersionBasedOnAnOlderCurrentOne() {
		int first = published("eddie", "/bin/one");
		int second = approved("eddie", "/bin/two");
		// The third is saved on the same base as the second, which is published first.
		jdbcSetParent(saved("eddie", "/bin/three"), first);
		int third = latest();
		as("eddie", () -> this.review.propose(this.policy, third, ""), "EDITOR");
		as("rita", () -> this.review.approve(this.policy, third, ""), "REVIEWER");
		as("rita", () -> this.review.publish(this.policy, second), "REVIEWER");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> as("rita", () -> this.review.publish(this.policy, third), "REVIEWER"))
			.withMessageContaining("re-base");
		assertThat(current()).isEqualTo(second);
	}

	@Test
	void rebasesAVersionOntoTheCurrentOneKeepingBothChanges() {
		int first = published("eddie", "/bin/first");
		int second = approved("eddie", "/bin/second");
		// The third changes LogLevel on the first; the second (another shell) is
		// published meanwhile.
		int third = as("eddie", () -> {
			long revision = this.policies.draftSettings(this.policy).revision();
			this.policies.changeSection(this.policy, revision, DraftSection.OPTIONS, (p) -> {
				SecurityOptions o = p.options();
				return p.withOptions(new SecurityOptions(o.defaultUser(), o.forwardPath(), 14, o.postmasterCopy(),
						o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
			});
			return this.policies.saveVersion(this.policy, "Log more", null).number();
		}, "EDITOR");
		jdbcSetParent(third, first);
		jdbcSetShells(third, "/bin/first");
		as("eddie", () -> this.review.propose(this.policy, third, ""), "EDITOR");
		assertThat(proposal(third).conflicting()).as("based on the current version").isFalse();
		as("rita", () -> this.review.publish(this.policy, second), "REVIEWER");
		assertThat(proposal(third).conflicting()).as("another version was published since its parent").isTrue();
		VersionInfo rebased = as("eddie", () -> this.review.rebase(this.policy, third), "EDITOR");
		assertThat(proposal(rebased.number()).conflicting()).isFalse();
		assertThat(rebased.parent()).isEqualTo(second);
		assertThat(rebased.state()).isEqualTo(VersionState.PROPOSED);
		Policy merged = as("vic", () -> this.policies.version(this.policy, rebased.number()).policy(), "VIEWER");
		assertThat(merged.shells().entries()).containsExactly("/bin/sh", "/bin/second");
		assertThat(merged.options().logLevel()).isEqualTo(14);
		as("rita", () -> this.review.approve(this.policy, rebased.number(), ""), "REVIEWER");
		as("rita", () -> this.review.publish(this.policy, rebased.number()), "REVIEWER");
		assertThat(current()).isEqualTo(rebased.number());
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> as("eddie", () -> this.review.rebase(this.policy, rebased.number()), "EDITOR"));
	}

	@Test
	void refusesToRebaseWhenBothChangedTheSamePart() {
		int first = published("eddie", "/bin/first");
		int second = approved("eddie", "/bin/second");
		int third = saved("eddie", "/bin/third");
		jdbcSetParent(third, first);
		as("eddie", () -> this.review.propose(this.policy, third, ""), "EDITOR");
		as("rita", () -> this.review.publish(this.policy, second), "REVIEWER");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> as("eddie", () -> this.review.rebase(this.policy, third), "EDITOR"))
			.withMessageContaining("both changed shells differently");
	}

	@Test
	void rollsBackThroughReviewToTheContentOfAnEarlierVersion() {
		int first = published("eddie", "/bin/first");
		int second = published("eddie", "/bin/second");
		VersionInfo rollback = as("eddie", () -> this.review.rollback(this.policy, first, "second broke mail", false),
				"EDITOR");
		assertThat(rollback.state()).isEqualTo(VersionState.PROPOSED);
		assertThat(rollback.parent()).isEqualTo(second);
		assertThat(rollback.message()).isEqualTo("Rollback to v" + first + ": second broke mail");
		VersionInfo firstInfo = as("vic", () -> this.policies.version(this.policy, first).info(), "VIEWER");
		assertThat(rollback.contentHash()).isEqualTo(firstInfo.contentHash());
		assertThat(current()).isEqualTo(second);
		as("rita", () -> this.review.approve(this.policy, rollback.number(), "ok"), "REVIEWER");
		as("rita", () -> this.review.publish(this.policy, rollback.number()), "REVIEWER");
		assertThat(current()).isEqualTo(rollback.number());
		Policy live = as("vic", () -> this.policies.version(this.policy, rollback.number()).policy(), "VIEWER");
		assertThat(live).isEqualTo(as("vic", () -> this.policies.version(this.policy, first).policy(), "VIEWER"));
	}

	@Test
	void letsOnlyAnAdminRollBackInAnEmergencyWhichStillNeedsAnApproval() {
		int first = published("eddie", "/bin/a");
		published("eddie", "/bin/b");
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> as("eddie", () -> this.review.rollback(this.policy, first, "now", true), "EDITOR"));
		VersionInfo emergency = as("boss", () -> this.review.rollback(this.policy, first, "outage", true), "ADMIN");
		assertThat(emergency.state()).isEqualTo(VersionState.PUBLISHED);
		assertThat(emergency.approvedBy()).isNull();
		assertThat(current()).isEqualTo(emergency.number());
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> as("boss", () -> this.review.approve(this.policy, emergency.number(), ""), "ADMIN"));
		VersionInfo approved = as("rita", () -> this.review.approve(this.policy, emergency.number(), "confirmed"),
				"REVIEWER");
		assertThat(approved.approvedBy()).isEqualTo("rita");
		assertThat(approved.state()).isEqualTo(VersionState.PUBLISHED);
		assertThat(as("vic", () -> this.review.history(this.policy, emergency.number()), "VIEWER"))
			.extracting(Review::action)
			.containsExactly(Review.Action.PROPOSED, Review.Action.EMERGENCY_PUBLISHED, Review.Action.APPROVED);
	}

	@Test
	void leavesExactlyOneCurrentVersionWhenTwoArePublishedAtOnce() throws Exception {
		int base = published("eddie", "/bin/base");
		int left = approved("eddie", "/bin/left");
		jdbcSetParent(saved("eddie", "/bin/right"), base);
		int right = latest();
		as("eddie", () -> this.review.propose(this.policy, right, ""), "EDITOR");
		as("rita", () -> this.review.approve(this.policy, right, ""), "REVIEWER");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> outcomes = new ArrayList<>();
		for (int number : List.of(left, right)) {
			Callable<Boolean> publish = () -> {
				start.await();
				try {
					as("rita", () -> this.review.publish(this.policy, number), "REVIEWER");
					return true;
				}
				catch (ConflictException ex) {
					return false;
				}
			};
			outcomes.add(pool.submit(publish));
		}
		start.countDown();
		List<Boolean> published = new ArrayList<>();
		for (Future<Boolean> outcome : outcomes) {
			published.add(outcome.get());
		}
		pool.shutdown();
		assertThat(published).containsExactlyInAnyOrder(true, false);
		int winner = published.get(0) ? left : right;
		assertThat(current()).isEqualTo(winner);
		assertThat(state(winner)).isEqualTo(VersionState.PUBLISHED);
		assertThat(state((winner == left) ? right : left)).isEqualTo(VersionState.APPROVED);
	}

	private int latest() {
		return as("vic", () -> this.policies.versions(this.policy, 0, 1).items().get(0).number(), "VIEWER");
	}

	/**
	 * Makes a saved version look saved on top of {@code parent}, as a second draft line
	 * would.
	 */
	private void jdbcSetParent(int number, int parent) {
		this.jdbc
			.sql("UPDATE policy_version SET parent = ? WHERE number = ?"
					+ " AND policy_id = (SELECT id FROM policy WHERE name = ?)")
			.params(parent, number, this.policy)
			.update();
	}

	/**
	 * Gives a saved version the shells of its (re-set) parent, as a draft line from it
	 * would.
	 */
	private void jdbcSetShells(int number, String shell) {
		String settings = this.jdbc
			.sql("SELECT settings FROM policy_version WHERE number = ? AND policy_id = (SELECT id FROM policy WHERE"
					+ " name = ?)")
			.params(number, this.policy)
			.query(String.class)
			.single();
		Policy policy = PolicyJson.fromSettings(settings, List.of())
			.withShells(new Shells(List.of("/bin/sh", shell), false));
		String changed = PolicyJson.settings(policy);
		this.jdbc
			.sql("UPDATE policy_version SET settings = ?, content_hash = ? WHERE number = ?"
					+ " AND policy_id = (SELECT id FROM policy WHERE name = ?)")
			.params(changed, PolicyJson.contentHash(changed, OverrideDigest.of(Map.of()), "x"), number, this.policy)
			.update();
	}

	private static <T> T as(String user, Supplier<T> call, String... roles) {
		return SignedIn.as(user, call, roles);
	}

}
