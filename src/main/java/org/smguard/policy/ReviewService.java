package org.smguard.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.smguard.audit.AuditTrail;
import org.smguard.system.ConflictException;
import org.smguard.system.CurrentUser;
import org.smguard.system.ForbiddenException;
import org.smguard.system.NotFoundException;
import org.smguard.validation.FieldPath;
import org.smguard.validation.Rules;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violations;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review of versions, the one place their states change: a saved version is proposed
 * by its author, approved or rejected by a reviewer who is not its author (four eyes,
 * ADMIN included), and an approved version is published, becoming the one current version
 * that hosts receive. A rollback is a new proposal equal to an earlier version; an
 * ADMIN's emergency rollback publishes at once and still awaits an approval.
 * <p>
 * Transitions of one policy run one after another (its row is locked), so exactly one
 * version is ever current. A transition the state does not allow is refused with 409.
 */
@Service
@Transactional
public class ReviewService {

	private static final int MAX_COMMENT = 1000;

	private final PolicyStore policies;

	private final ReviewStore reviews;

	private final Clock clock;

	private final AuditTrail audit;

	private final ObjectProvider<CriticalFindings> criticalFindings;

	ReviewService(PolicyStore policies, ReviewStore reviews, Clock clock, AuditTrail audit,
			ObjectProvider<CriticalFindings> criticalFindings) {
		this.policies = policies;
		this.reviews = reviews;
		this.clock = clock;
		this.audit = audit;
		this.criticalFindings = criticalFindings;
	}

	/** The author asks for review of a saved version. */
	@PreAuthorize("hasRole('EDITOR')")
	public VersionInfo propose(String name, int number, String comment) {
		Locked version = lock(name, number);
		String actor = CurrentUser.name();
		if (!actor.equals(version.row().author())) {
			throw new ForbiddenException("only the author of version " + number + " (" + version.row().author()
					+ ") can propose it; save your own version to propose a change");
		}
		expectState(version, Set.of(VersionState.SAVED), "proposed");
		return transition(version, VersionState.PROPOSED, Review.Action.PROPOSED, actor,
				checkComment("comment", comment, false));
	}

	/**
	 * A reviewer who is not the author approves a proposal; also the approval an
	 * emergency rollback still needs after it was published. A version with critical
	 * findings of the security advisor is approved only when each is acknowledged by its
	 * id, with a reason.
	 * @param acknowledgements finding id to the reviewer's reason
	 */
	@PreAuthorize("hasRole('REVIEWER')")
	public VersionInfo approve(String name, int number, String comment, Map<String, String> acknowledgements) {
		Locked version = lock(name, number);
		String actor = secondPerson(version, "approve");
		boolean emergencyApproval = version.state() == VersionState.PUBLISHED
				&& this.reviews.isEmergency(version.policyId(), number) && version.row().approvedBy() == null;
		if (!emergencyApproval) {
			expectState(version, Set.of(VersionState.PROPOSED), "approved");
		}
		String text = checkComment("comment", comment, false);
		List<Acknowledgement> acknowledged = acknowledge(version, acknowledgements, actor);
		this.reviews.setApprovedBy(version.policyId(), number, actor);
		for (Acknowledgement acknowledgement : acknowledged) {
			this.reviews.insertAcknowledgement(version.policyId(), number, acknowledgement);
			this.audit.record("version.acknowledged", version.policyName() + " v" + number,
					acknowledgement.finding() + ": " + acknowledgement.reason());
		}
		if (emergencyApproval) {
			this.reviews.insertReview(version.policyId(), number, review(Review.Action.APPROVED, actor, text, version));
			return info(version.policyId(), number);
		}
		return transition(version, VersionState.APPROVED, Review.Action.APPROVED, actor, text);
	}

	/** Approves a version that needs no acknowledgement. */
	@PreAuthorize("hasRole('REVIEWER')")
	public VersionInfo approve(String name, int number, String comment) {
		return approve(name, number, comment, Map.of());
	}

	/** The acknowledgements given when the version was approved, oldest first. */
	@PreAuthorize("hasRole('VIEWER')")
	public List<Acknowledgement> acknowledgements(String name, int number) {
		return this.reviews.acknowledgements(policy(name).id(), number);
	}

	/**
	 * Checks that every critical finding of the version is acknowledged with a reason,
	 * and nothing else is.
	 */
	private List<Acknowledgement> acknowledge(Locked version, Map<String, String> given, String actor) {
		CriticalFindings gate = this.criticalFindings.getIfAvailable();
		List<CriticalFindings.Finding> critical = (gate != null)
				? gate.of(PolicyJson.fromSettings(version.row().settings(),
						this.policies.versionOverrides(version.policyId(), version.row().number())))
				: List.of();
		Map<String, String> reasons = (given != null) ? given : Map.of();
		Violations violations = new Violations();
		Set<String> ids = new HashSet<>();
		List<Acknowledgement> acknowledged = new ArrayList<>();
		Instant at = now();
		for (CriticalFindings.Finding finding : critical) {
			ids.add(finding.id());
			String reason = reasons.get(finding.id());
			String text = (reason != null) ? reason.strip() : "";
			if (text.isEmpty()) {
				violations.error(FieldPath.of("acknowledgements").name(finding.id()),
						"the critical finding '" + finding.title() + "' must be acknowledged with a reason");
			}
			else if (text.length() > MAX_COMMENT || Rules.hasLineBreakingCharacter(text)) {
				violations.error(FieldPath.of("acknowledgements").name(finding.id()),
						"must be one line of at most " + MAX_COMMENT + " characters");
			}
			else {
				acknowledged.add(new Acknowledgement(finding.id(), finding.title(), text, actor, at));
			}
		}
		for (String id : reasons.keySet()) {
			if (!ids.contains(id)) {
				violations.error(FieldPath.of("acknowledgements").name(id),
						"is no critical finding of version " + version.row().number());
			}
		}
		violations.throwIfErrors();
		return acknowledged;
	}

	/** A reviewer who is not the author rejects a proposal, saying why. */
	@PreAuthorize("hasRole('REVIEWER')")
	public VersionInfo reject(String name, int number, String comment) {
		Locked version = lock(name, number);
		String actor = secondPerson(version, "reject");
		expectState(version, Set.of(VersionState.PROPOSED), "rejected");
		return transition(version, VersionState.REJECTED, Review.Action.REJECTED, actor,
				checkComment("comment", comment, true));
	}

	/**
	 * Makes an approved version current. Refused when another version was published since
	 * the one it was based on (re-base it first), or when what was approved is not what
	 * the version holds.
	 */
	@PreAuthorize("hasAnyRole('EDITOR', 'REVIEWER')")
	public VersionInfo publish(String name, int number) {
		Locked version = lock(name, number);
		expectState(version, Set.of(VersionState.APPROVED), "published");
		Integer current = this.reviews.currentVersion(version.policyId());
		if (!Objects.equals(current, version.row().parent())) {
			throw new ConflictException("version " + number + " is based on "
					+ ((version.row().parent() != null) ? "version " + version.row().parent() : "no version")
					+ ", but version " + current + " was published since: re-base it on the current version first");
		}
		List<Review> history = this.reviews.reviews(version.policyId(), number);
		Review approval = history.stream()
			.filter((r) -> r.action() == Review.Action.APPROVED)
			.reduce((first, second) -> second)
			.orElseThrow(() -> new ConflictException("version " + number + " has no approval on record"));
		if (!approval.contentHash().equals(version.row().contentHash())) {
			throw new ConflictException("version " + number + " no longer holds the content " + approval.actor()
					+ " approved: it cannot be published");
		}
		this.reviews.setCurrentVersion(version.policyId(), number);
		return transition(version, VersionState.PUBLISHED, Review.Action.PUBLISHED, CurrentUser.name(), "");
	}

	/**
	 * A new version equal to version {@code number}, on top of the current version: a
	 * proposal like any change, or (ADMIN, {@code emergency}) published at once and
	 * awaiting an approval.
	 */
	@PreAuthorize("hasRole('EDITOR')")
	public VersionInfo rollback(String name, int number, String reason, boolean emergency) {
		String why = checkComment("reason", reason, true);
		if (emergency && SecurityContextHolder.getContext()
			.getAuthentication()
			.getAuthorities()
			.stream()
			.noneMatch((a) -> a.getAuthority().equals("ROLE_ADMIN"))) {
			throw new ForbiddenException("only an ADMIN may publish a rollback at once (emergency)");
		}
		Locked target = lock(name, number);
		long policyId = target.policyId();
		Integer current = this.reviews.currentVersion(policyId);
		int next = this.policies.latestVersionNumber(policyId) + 1;
		String actor = CurrentUser.name();
		Instant now = now();
		String message = "Rollback to v" + number + ": " + why;
		if (message.length() > MAX_COMMENT) {
			message = message.substring(0, MAX_COMMENT);
		}
		PolicyStore.VersionRow source = target.row();
		this.policies.insertVersion(policyId, new PolicyStore.VersionRow(next, message, actor, now, current,
				VersionState.PROPOSED.name(), source.contentHash(), null, source.settings(), source.baseCfSha256()));
		this.policies.recordVersionOverrides(policyId, next, this.policies.versionOverrideHashes(policyId, number));
		Locked created = lock(name, next);
		this.reviews.insertReview(policyId, next, review(Review.Action.PROPOSED, actor, why, created));
		if (!emergency) {
			return info(policyId, next);
		}
		this.reviews.setEmergency(policyId, next);
		this.reviews.setCurrentVersion(policyId, next);
		return transition(created, VersionState.PUBLISHED, Review.Action.EMERGENCY_PUBLISHED, actor, why);
	}

	/**
	 * A proposal or approved version that is based on an older version than the current
	 * one, made again on top of the current version: a new proposal that merges what it
	 * changed since its parent with what was published since ({@link ThreeWayMerge}).
	 * Refused with the parts both changed differently.
	 */
	@PreAuthorize("hasRole('EDITOR')")
	public VersionInfo rebase(String name, int number) {
		Locked version = lock(name, number);
		expectState(version, Set.of(VersionState.PROPOSED, VersionState.APPROVED), "re-based");
		long policyId = version.policyId();
		Integer current = this.reviews.currentVersion(policyId);
		Integer parent = version.row().parent();
		if (current == null || Objects.equals(current, parent)) {
			throw new ConflictException("version " + number + " is already based on the current version");
		}
		if (parent == null) {
			throw new ConflictException("version " + number + " has no parent to merge from: make the change again"
					+ " on a draft based on version " + current);
		}
		ThreeWayMerge.Result result = ThreeWayMerge.merge(side(policyId, parent), side(policyId, current),
				side(policyId, number));
		if (!result.conflicts().isEmpty()) {
			throw new ConflictException("version " + number + " and the current version " + current + " both changed "
					+ String.join(", ", result.conflicts())
					+ " differently: make the change again on a draft based on version " + current);
		}
		ThreeWayMerge.Side merged = result.merged();
		PolicyValidator.validateSettings(merged.settings(), merged.overrides().size()).throwIfErrors();
		String settings = PolicyJson.settings(merged.settings());
		String contentHash = PolicyJson.contentHash(settings, OverrideDigest.of(merged.overrides()),
				merged.baseCfSha256());
		int next = this.policies.latestVersionNumber(policyId) + 1;
		String actor = CurrentUser.name();
		String message = "Re-base of v" + number + " onto v" + current + ": " + version.row().message();
		this.policies.insertVersion(policyId,
				new PolicyStore.VersionRow(next, message.substring(0, Math.min(message.length(), MAX_COMMENT)), actor,
						now(), current, VersionState.PROPOSED.name(), contentHash, null, settings,
						merged.baseCfSha256()));
		this.policies.recordVersionOverrides(policyId, next, merged.overrides());
		Locked created = lock(name, next);
		this.reviews.insertReview(policyId, next,
				review(Review.Action.PROPOSED, actor, "re-based version " + number, created));
		return info(policyId, next);
	}

	/** A version as one side of a merge. */
	private ThreeWayMerge.Side side(long policyId, int number) {
		PolicyStore.VersionRow row = this.policies.findVersion(policyId, number).orElseThrow();
		return new ThreeWayMerge.Side(PolicyJson.fromSettings(row.settings(), List.of()),
				this.policies.versionOverrideHashes(policyId, number), row.baseCfSha256());
	}

	/** The review history of a version, oldest first. */
	@PreAuthorize("hasRole('VIEWER')")
	@Transactional(readOnly = true)
	public List<Review> history(String name, int number) {
		PolicyStore.PolicyRow policy = policy(name);
		version(policy, number);
		return this.reviews.reviews(policy.id(), number);
	}

	/** A version waiting for review, of one policy. */
	/**
	 * A version waiting for review. {@code conflicting}: another version was published
	 * after the one it is based on, so it must be re-based before it can be published.
	 */
	public record Proposal(String policy, VersionInfo version, boolean conflicting) {
	}

	/** The versions waiting for review in every policy, newest first per policy. */
	@PreAuthorize("hasRole('VIEWER')")
	@Transactional(readOnly = true)
	public List<Proposal> proposals() {
		return this.policies.findPolicies().stream().flatMap((policy) -> {
			Integer current = this.reviews.currentVersion(policy.id());
			return this.reviews.versionsIn(policy.id(), VersionState.PROPOSED).stream().map((number) -> {
				VersionInfo info = info(policy.id(), number);
				return new Proposal(policy.name(), info, current != null && !current.equals(info.parent()));
			});
		}).toList();
	}

	/** A version locked for a transition, with its state as read under the lock. */
	private record Locked(long policyId, String policyName, PolicyStore.VersionRow row) {

		VersionState state() {
			return VersionState.valueOf(this.row.state());
		}

	}

	private Locked lock(String name, int number) {
		PolicyStore.PolicyRow policy = policy(name);
		this.reviews.lockPolicy(policy.id());
		return new Locked(policy.id(), policy.name(), version(policy, number));
	}

	private PolicyStore.PolicyRow policy(String name) {
		return this.policies.findPolicy(name)
			.orElseThrow(() -> new NotFoundException("no policy named '" + name + "'"));
	}

	private PolicyStore.VersionRow version(PolicyStore.PolicyRow policy, int number) {
		return this.policies.findVersion(policy.id(), number)
			.orElseThrow(() -> new NotFoundException("policy '" + policy.name() + "' has no version " + number));
	}

	/** The signed-in reviewer, who must not be the version's author. */
	private static String secondPerson(Locked version, String what) {
		String actor = CurrentUser.name();
		if (actor.equals(version.row().author())) {
			throw new ForbiddenException("the author of version " + version.row().number() + " cannot " + what
					+ " it: a second person must review every change");
		}
		return actor;
	}

	private static void expectState(Locked version, Set<VersionState> allowed, String wanted) {
		if (!allowed.contains(version.state())) {
			throw new ConflictException("version " + version.row().number() + " is " + version.state().json()
					+ " and cannot be " + wanted + " now");
		}
	}

	private VersionInfo transition(Locked version, VersionState state, Review.Action action, String actor,
			String comment) {
		this.reviews.setState(version.policyId(), version.row().number(), state);
		this.reviews.insertReview(version.policyId(), version.row().number(), review(action, actor, comment, version));
		return info(version.policyId(), version.row().number());
	}

	/** A review step, also recorded in the audit trail (in the same transaction). */
	private Review review(Review.Action action, String actor, String comment, Locked version) {
		this.audit.record("version." + action.json(), version.policyName() + " v" + version.row().number(), comment);
		return new Review(action, actor, now(), comment, version.row().contentHash());
	}

	private VersionInfo info(long policyId, int number) {
		PolicyStore.VersionRow row = this.policies.findVersion(policyId, number).orElseThrow();
		return new VersionInfo(row.number(), row.message(), row.author(), row.createdAt(), row.parent(),
				VersionState.valueOf(row.state()), row.contentHash(), row.approvedBy());
	}

	private static String checkComment(String field, String comment, boolean required) {
		String text = (comment != null) ? comment.strip() : "";
		if (required && text.isEmpty()) {
			throw new ValidationException(field, "is required: say why");
		}
		if (text.length() > MAX_COMMENT || Rules.hasLineBreakingCharacter(text)) {
			throw new ValidationException(field, "must be at most " + MAX_COMMENT + " characters on one line");
		}
		return text;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
