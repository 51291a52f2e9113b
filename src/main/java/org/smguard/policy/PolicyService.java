package org.smguard.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.smguard.system.ConflictException;
import org.smguard.system.CurrentUser;
import org.smguard.system.NotFoundException;
import org.smguard.validation.Rules;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violations;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Policies, their shared drafts and numbered versions. Every change is validated in full
 * before anything is written, and runs in one transaction: a refused change leaves
 * nothing behind. Roles are enforced here as well as on URLs.
 */
@Service
@Transactional(readOnly = true)
public class PolicyService {

	/** The policy every console starts with. */
	public static final String DEFAULT_POLICY = "default";

	private static final Pattern POLICY_NAME = Pattern.compile("\\A[a-z0-9][a-z0-9_.-]{0,63}\\z");

	private static final int MAX_PAGE_SIZE = 200;

	private final PolicyStore store;

	private final Clock clock;

	PolicyService(PolicyStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@PreAuthorize("hasRole('VIEWER')")
	public List<PolicySummary> list() {
		return this.store.findPolicies().stream().map(this::summary).toList();
	}

	@PreAuthorize("hasRole('VIEWER')")
	public PolicySummary summary(String name) {
		return summary(policyRow(name));
	}

	/**
	 * Creates a policy whose draft starts as a copy of another policy's draft, or else as
	 * Debian's stock settings.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public PolicySummary create(String name, String description, String copyFrom) {
		Violations violations = new Violations();
		if (name == null || !POLICY_NAME.matcher(name).matches()) {
			violations.error("name", "must be 1-64 characters of a-z 0-9 . _ - starting with a letter or digit");
		}
		String text = (description != null) ? description : "";
		if (text.length() > 500 || Rules.hasLineBreakingCharacter(text)) {
			violations.error("description", "must be at most 500 characters on one line");
		}
		Policy start = StockPolicy.debian();
		String baseCf = StockPolicy.debianBaseCf();
		if (copyFrom != null) {
			Optional<PolicyStore.PolicyRow> source = this.store.findPolicy(copyFrom);
			if (source.isEmpty()) {
				violations.error("copyFrom", "no policy named '" + copyFrom + "'");
			}
			else {
				Draft draft = loadDraft(source.get());
				start = draft.policy();
				baseCf = this.store.baseCf(this.store.findDraft(source.get().id(), false).orElseThrow().baseCfSha256());
			}
		}
		violations.throwIfErrors();
		if (this.store.findPolicy(name).isPresent()) {
			throw new ConflictException("a policy named '" + name + "' already exists");
		}
		try {
			insert(name, text, start, baseCf, CurrentUser.name());
		}
		catch (DuplicateKeyException ex) {
			// Created by another request since the check above.
			throw new ConflictException("a policy named '" + name + "' already exists");
		}
		return summary(name);
	}

	/** Creates the default policy on first start; does nothing when it exists. */
	@Transactional
	void createDefaultIfMissing() {
		if (this.store.findPolicies().isEmpty()) {
			insert(DEFAULT_POLICY, "Debian's stock sendmail settings", StockPolicy.debian(), StockPolicy.debianBaseCf(),
					"system");
		}
	}

	private void insert(String name, String description, Policy policy, String baseCf, String author) {
		Instant now = now();
		long id = this.store.insertPolicy(name, description, now);
		Policy canonical = canonical(policy);
		String baseCfSha256 = this.store.storeBaseCf(baseCf);
		this.store.insertDraft(id, PolicyJson.settings(canonical), PolicyJson.contentHash(canonical, baseCfSha256),
				baseCfSha256, author, now);
		this.store.updateDraftOverrides(id, Map.of(), this.store.storeContents(canonical.forwards().overrides()));
	}

	/**
	 * The draft, its row and its override files read from one snapshot of the database.
	 */
	@PreAuthorize("hasRole('VIEWER')")
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Draft draft(String name) {
		return loadDraft(policyRow(name));
	}

	/** A draft together with the base cf of the same revision. */
	public record DraftSnapshot(Draft draft, String baseCf) {
	}

	/**
	 * The draft and its base cf, read from one snapshot of the database, so that what is
	 * rendered or checked never mixes two revisions.
	 */
	@PreAuthorize("hasRole('VIEWER')")
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public DraftSnapshot draftSnapshot(String name) {
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.DraftRow draft = this.store.findDraft(row.id(), false).orElseThrow();
		return new DraftSnapshot(toDraft(row, draft), this.store.baseCf(draft.baseCfSha256()));
	}

	/**
	 * Replaces the whole draft.
	 * @param expectedRevision the draft revision the change is based on
	 * @param expectedBaseVersion the base version the change is based on, or {@code null}
	 * not to check it
	 */
	@PreAuthorize("hasRole('EDITOR')")
	@Transactional
	public Draft replaceDraft(String name, long expectedRevision, Integer expectedBaseVersion, Policy policy) {
		return changeDraft(name, expectedRevision, expectedBaseVersion, (current) -> policy);
	}

	/** Changes part of the draft (one editor tab) on top of the current draft. */
	@PreAuthorize("hasRole('EDITOR')")
	@Transactional
	public Draft changeDraft(String name, long expectedRevision, UnaryOperator<Policy> change) {
		return changeDraft(name, expectedRevision, null, change);
	}

	/**
	 * Replaces the draft's settings and its base cf at once, as an import does.
	 * @param expectedRevision the draft revision the import is based on, or {@code null}
	 * not to check it
	 * @param baseCf the new base cf, or {@code null} to keep the current one
	 */
	@PreAuthorize("hasRole('EDITOR')")
	@Transactional
	public Draft importDraft(String name, Long expectedRevision, UnaryOperator<Policy> change, String baseCf) {
		PolicyStore.PolicyRow row = policyRow(name);
		long revision = (expectedRevision != null) ? expectedRevision
				: this.store.findDraft(row.id(), false).orElseThrow().revision();
		return changeDraft(name, revision, null, change, baseCf);
	}

	/** The base cf a version was saved with. */
	@PreAuthorize("hasRole('VIEWER')")
	public String versionBaseCf(String name, int number) {
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.VersionRow version = this.store.findVersion(row.id(), number)
			.orElseThrow(() -> new NotFoundException("policy '" + name + "' has no version " + number));
		return this.store.baseCf(version.baseCfSha256());
	}

	private Draft changeDraft(String name, long expectedRevision, Integer expectedBaseVersion,
			UnaryOperator<Policy> change) {
		return changeDraft(name, expectedRevision, expectedBaseVersion, change, null);
	}

	private Draft changeDraft(String name, long expectedRevision, Integer expectedBaseVersion,
			UnaryOperator<Policy> change, String baseCf) {
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.DraftRow draftRow = this.store.findDraft(row.id(), true).orElseThrow();
		checkNotStale(row, draftRow, expectedRevision, expectedBaseVersion);
		Draft current = toDraft(row, draftRow);
		Policy changed = change.apply(current.policy());
		PolicyValidator.validate(changed).throwIfErrors();
		changed = canonical(changed);
		List<String> fields = new ArrayList<>(PolicyChanges.between(current.policy(), changed));
		String baseCfSha256 = draftRow.baseCfSha256();
		if (baseCf != null) {
			BaseCfRules.check(baseCf);
			baseCfSha256 = this.store.storeBaseCf(baseCf);
			if (!baseCfSha256.equals(draftRow.baseCfSha256())) {
				fields.add("baseCf");
			}
		}
		if (fields.isEmpty()) {
			return current;
		}
		String author = CurrentUser.name();
		Instant now = now();
		long revision = draftRow.revision() + 1;
		this.store.updateDraft(row.id(), revision, PolicyJson.settings(changed),
				PolicyJson.contentHash(changed, baseCfSha256), baseCfSha256, author, now);
		if (fields.stream().anyMatch((field) -> field.startsWith("forwards.overrides"))) {
			this.store.updateDraftOverrides(row.id(), this.store.draftOverrideHashes(row.id()),
					this.store.storeContents(changed.forwards().overrides()));
		}
		this.store.insertDraftChange(row.id(), revision, author, now, fields);
		return new Draft(name, revision, draftRow.baseVersion(), changed, author, now);
	}

	/**
	 * Saves the draft as the next numbered version, with the draft's base version as
	 * parent.
	 * @param expectedRevision the draft revision the save is based on, or {@code null}
	 * not to check it
	 */
	@PreAuthorize("hasRole('EDITOR')")
	@Transactional
	public VersionInfo saveVersion(String name, String message, Long expectedRevision) {
		if (message == null || message.isBlank() || message.length() > 1000
				|| Rules.hasLineBreakingCharacter(message)) {
			throw new ValidationException("message",
					"is required: one line of at most 1000 characters that says what changed and why");
		}
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.DraftRow draftRow = this.store.findDraft(row.id(), true).orElseThrow();
		if (expectedRevision != null) {
			checkNotStale(row, draftRow, expectedRevision, null);
		}
		Draft draft = toDraft(row, draftRow);
		// The draft was valid when written; rules may have grown stricter since.
		PolicyValidator.validate(draft.policy()).throwIfErrors();
		if (draftRow.baseVersion() != null) {
			String baseHash = this.store.findVersion(row.id(), draftRow.baseVersion()).orElseThrow().contentHash();
			if (baseHash.equals(draftRow.contentHash())) {
				throw new ValidationException("draft",
						"has no changes since version " + draftRow.baseVersion() + ": there is nothing to save");
			}
		}
		int number = this.store.latestVersionNumber(row.id()) + 1;
		VersionInfo info = new VersionInfo(number, message.strip(), CurrentUser.name(), now(), draftRow.baseVersion(),
				VersionState.SAVED, draftRow.contentHash(), null);
		this.store.insertVersion(row.id(),
				new PolicyStore.VersionRow(info.number(), info.message(), info.author(), info.createdAt(),
						info.parent(), info.state().name(), info.contentHash(), null, draftRow.settings(),
						draftRow.baseCfSha256()));
		this.store.recordVersionOverrides(row.id(), number, this.store.draftOverrideHashes(row.id()));
		this.store.updateDraftBase(row.id(), number);
		return info;
	}

	@PreAuthorize("hasRole('VIEWER')")
	public VersionPage versions(String name, int page, int size) {
		if (page < 0) {
			throw new ValidationException("page", "must be 0 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new ValidationException("size", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		PolicyStore.PolicyRow row = policyRow(name);
		List<VersionInfo> items = this.store.findVersions(row.id(), page * size, size)
			.stream()
			.map(PolicyService::info)
			.toList();
		return new VersionPage(items, page, size, this.store.countVersions(row.id()));
	}

	@PreAuthorize("hasRole('VIEWER')")
	public Version version(String name, int number) {
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.VersionRow version = this.store.findVersion(row.id(), number)
			.orElseThrow(() -> new NotFoundException("policy '" + name + "' has no version " + number));
		return new Version(info(version),
				PolicyJson.fromSettings(version.settings(), this.store.versionOverrides(row.id(), number)));
	}

	/** The published version, if any. */
	@PreAuthorize("hasRole('VIEWER')")
	public Optional<Version> current(String name) {
		PolicyStore.PolicyRow row = policyRow(name);
		return Optional.ofNullable(row.currentVersion()).map((number) -> version(name, number));
	}

	/**
	 * How many interval rows hold the override files of all versions (for storage
	 * checks).
	 */
	@PreAuthorize("hasRole('VIEWER')")
	public int storedOverrideRows(String name) {
		return this.store.versionOverrideRowCount(policyRow(name).id());
	}

	private void checkNotStale(PolicyStore.PolicyRow row, PolicyStore.DraftRow draftRow, long expectedRevision,
			Integer expectedBaseVersion) {
		boolean staleRevision = expectedRevision != draftRow.revision();
		boolean staleBase = expectedBaseVersion != null && !Objects.equals(expectedBaseVersion, draftRow.baseVersion());
		if (staleRevision || staleBase) {
			String message = staleRevision
					? "the draft changed since revision " + expectedRevision + " (now revision " + draftRow.revision()
							+ "): reload it and apply your change again"
					: "the draft is now based on version " + draftRow.baseVersion() + ", not " + expectedBaseVersion
							+ ": reload it and apply your change again";
			throw new DraftConflictException(message, row.name(), draftRow.revision(), draftRow.baseVersion(),
					this.store.draftChangesAfter(row.id(), Math.min(expectedRevision, draftRow.revision())));
		}
	}

	/** Database timestamps keep microseconds: answer with what a later read returns. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private PolicySummary summary(PolicyStore.PolicyRow row) {
		PolicyStore.DraftRow draft = this.store.findDraft(row.id(), false).orElseThrow();
		int latest = this.store.latestVersionNumber(row.id());
		boolean modified = draft.baseVersion() == null || !this.store.findVersion(row.id(), draft.baseVersion())
			.map(PolicyStore.VersionRow::contentHash)
			.orElse("")
			.equals(draft.contentHash());
		return new PolicySummary(row.name(), row.description(), row.currentVersion(), (latest > 0) ? latest : null,
				draft.revision(), draft.baseVersion(), modified);
	}

	private PolicyStore.PolicyRow policyRow(String name) {
		return this.store.findPolicy(name).orElseThrow(() -> new NotFoundException("no policy named '" + name + "'"));
	}

	private Draft loadDraft(PolicyStore.PolicyRow row) {
		return toDraft(row, this.store.findDraft(row.id(), false).orElseThrow());
	}

	private Draft toDraft(PolicyStore.PolicyRow row, PolicyStore.DraftRow draft) {
		Policy policy = PolicyJson.fromSettings(draft.settings(), this.store.draftOverrides(row.id()));
		return new Draft(row.name(), draft.revision(), draft.baseVersion(), policy, draft.updatedBy(),
				draft.updatedAt());
	}

	/**
	 * Override files have no order of their own: keep them sorted by user so equal
	 * policies hash equal.
	 */
	private static Policy canonical(Policy policy) {
		List<Forwards.OverrideFile> overrides = new ArrayList<>(policy.forwards().overrides());
		overrides.sort(Comparator.comparing(Forwards.OverrideFile::user));
		return policy.withForwards(new Forwards(policy.forwards().directory(), overrides));
	}

	private static VersionInfo info(PolicyStore.VersionRow row) {
		return new VersionInfo(row.number(), row.message(), row.author(), row.createdAt(), row.parent(),
				VersionState.valueOf(row.state()), row.contentHash(), row.approvedBy());
	}

}
