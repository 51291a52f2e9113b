package org.smguard.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
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

	/** How many override files {@link #forEachVersionOverride} reads at a time. */
	static final int OVERRIDE_CHUNK = 1000;

	private static final Pattern POLICY_NAME = Pattern.compile("\\A[a-z0-9][a-z0-9_.-]{0,63}\\z");

	private static final int MAX_PAGE_SIZE = 200;

	/**
	 * Field names of a one-file override change: the user (from the path) and the body.
	 */
	static final String OVERRIDE_USER_FIELD = "user";

	static final String OVERRIDE_CONTENT_FIELD = "content";

	/** What the change log holds in place of fields cut for length. */
	private static final String TRUNCATED_FIELDS = "...";

	private final PolicyStore store;

	private final Clock clock;

	private final ReviewStore reviews;

	PolicyService(PolicyStore store, Clock clock, ReviewStore reviews) {
		this.store = store;
		this.clock = clock;
		this.reviews = reviews;
	}

	@PreAuthorize("hasRole('VIEWER')")
	public List<PolicySummary> list() {
		return this.store.findPolicies().stream().map(this::summary).toList();
	}

	/** The names of the policies, in the list's order. */
	@PreAuthorize("hasRole('VIEWER')")
	public List<String> names() {
		return this.store.findPolicies().stream().map(PolicyStore.PolicyRow::name).toList();
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
		String settings = PolicyJson.settings(canonical);
		this.store.insertDraft(id, settings, PolicyJson.contentHash(canonical, baseCfSha256), baseCfSha256, author,
				now);
		String digest = this.store.updateDraftOverrides(id, Map.of(),
				this.store.storeContents(canonical.forwards().overrides()));
		this.store.updateDraft(id, 1, settings, PolicyJson.contentHash(settings, digest, baseCfSha256), baseCfSha256,
				canonical.forwards().overrides().size(), digest, author, now);
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
	 * The draft without its override files, whatever their number: what an editor tab
	 * shows.
	 */
	@PreAuthorize("hasRole('VIEWER')")
	public DraftSettings draftSettings(String name) {
		PolicyStore.PolicyRow row = policyRow(name);
		return toSettings(row, this.store.findDraft(row.id(), false).orElseThrow());
	}

	/** The draft's settings together with the base cf of the same revision. */
	public record DraftSettingsSnapshot(DraftSettings draft, String baseCf) {
	}

	/**
	 * The draft without its override files, and its base cf, from one snapshot of the
	 * database: what rendering one file needs.
	 */
	@PreAuthorize("hasRole('VIEWER')")
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public DraftSettingsSnapshot draftSettingsSnapshot(String name) {
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.DraftRow draft = this.store.findDraft(row.id(), false).orElseThrow();
		return new DraftSettingsSnapshot(toSettings(row, draft), this.store.baseCf(draft.baseCfSha256()));
	}

	/**
	 * One page of the draft's override files whose user starts with {@code prefix},
	 * ignoring case; a page past the last is empty.
	 */
	@PreAuthorize("hasRole('VIEWER')")
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public OverridePage draftOverrides(String name, String prefix, int page, int size) {
		checkPage(page, size);
		String wanted = checkPrefix(prefix);
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.DraftRow draft = this.store.findDraft(row.id(), false).orElseThrow();
		int matching = wanted.isEmpty() ? draft.overrideCount() : this.store.countDraftOverrides(row.id(), wanted);
		long offset = (long) page * size;
		List<Forwards.OverrideFile> items = (offset < matching)
				? this.store.draftOverridePage(row.id(), wanted, (int) offset, size) : List.of();
		return new OverridePage(items, wanted, page, size, matching, draft.overrideCount(), draft.revision());
	}

	/** One override file of the draft, by exact user name. */
	@PreAuthorize("hasRole('VIEWER')")
	public Optional<Forwards.OverrideFile> draftOverride(String name, String user) {
		return this.store.draftOverride(policyRow(name).id(), user);
	}

	/**
	 * Adds the override file of one user or replaces it. Only this file and the rules
	 * that span sections are checked, so the cost does not grow with the number of files.
	 * Refused as stale only when this user's file, the override directory or the files in
	 * bulk changed since {@code expectedRevision}.
	 */
	@PreAuthorize("hasRole('EDITOR')")
	@Transactional
	public DraftSettings putOverride(String name, long expectedRevision, Forwards.OverrideFile override) {
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.DraftRow draftRow = this.store.findDraft(row.id(), true).orElseThrow();
		String user = override.user();
		checkNotStale(row, draftRow, expectedRevision, null, (field) -> touchesOverride(field, user));
		List<String> sameName = (user != null) ? this.store.draftOverrideUsersLike(row.id(), user) : List.of();
		Policy settings = PolicyJson.fromSettings(draftRow.settings(), List.of());
		PolicyValidator.validateOverrideChange(settings, draftRow.overrideCount(), override, sameName).throwIfErrors();
		boolean exists = sameName.contains(user);
		int count = draftRow.overrideCount() + (exists ? 0 : 1);
		String sha256 = this.store.storeContents(List.of(override)).get(user);
		if (exists && this.store.draftOverrideHash(row.id(), user).orElseThrow().equals(sha256)) {
			return toSettings(row, draftRow);
		}
		String digest = this.store.putDraftOverride(row.id(), user, sha256);
		return write(row, draftRow, draftRow.settings(), count, digest, draftRow.baseCfSha256(),
				List.of(overrideField(user)));
	}

	/**
	 * Removes the override file of one user.
	 * @throws NotFoundException when the draft has no file for exactly that user
	 */
	@PreAuthorize("hasRole('EDITOR')")
	@Transactional
	public DraftSettings removeOverride(String name, long expectedRevision, String user) {
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.DraftRow draftRow = this.store.findDraft(row.id(), true).orElseThrow();
		checkNotStale(row, draftRow, expectedRevision, null, (field) -> touchesOverride(field, user));
		if (user == null || this.store.draftOverrideHash(row.id(), user).isEmpty()) {
			throw new NotFoundException("the draft has no override file for " + Rules.quote(String.valueOf(user)));
		}
		String digest = this.store.putDraftOverride(row.id(), user, null);
		return write(row, draftRow, draftRow.settings(), draftRow.overrideCount() - 1, digest, draftRow.baseCfSha256(),
				List.of(overrideField(user)));
	}

	/**
	 * Changes one section of the draft (what one editor tab shows) on top of the current
	 * draft. {@code change} is given the draft without its override files; only
	 * {@code section} is taken from what it returns. Refused as stale only when the same
	 * section changed since {@code expectedRevision}.
	 */
	@PreAuthorize("hasRole('EDITOR')")
	@Transactional
	public DraftSettings changeSection(String name, long expectedRevision, DraftSection section,
			UnaryOperator<Policy> change) {
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.DraftRow draftRow = this.store.findDraft(row.id(), true).orElseThrow();
		checkNotStale(row, draftRow, expectedRevision, null, section::covers);
		Policy current = PolicyJson.fromSettings(draftRow.settings(), List.of());
		Policy changed = section.copy(change.apply(current), current);
		PolicyValidator.validateSettings(changed, draftRow.overrideCount()).throwIfErrors();
		List<String> fields = PolicyChanges.between(current, changed);
		if (fields.isEmpty()) {
			return toSettings(row, draftRow);
		}
		return write(row, draftRow, PolicyJson.settings(changed), draftRow.overrideCount(), draftRow.overridesDigest(),
				draftRow.baseCfSha256(), fields);
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

	/**
	 * A change of the whole draft, as a whole-draft PUT or an import makes: it reads,
	 * checks and compares every override file, and is refused as stale on any change
	 * since {@code expectedRevision}.
	 */
	private Draft changeDraft(String name, long expectedRevision, Integer expectedBaseVersion,
			UnaryOperator<Policy> change, String baseCf) {
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.DraftRow draftRow = this.store.findDraft(row.id(), true).orElseThrow();
		checkNotStale(row, draftRow, expectedRevision, expectedBaseVersion, (field) -> true);
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
		String digest = draftRow.overridesDigest();
		if (fields.stream().anyMatch((field) -> field.startsWith("forwards.overrides"))) {
			digest = this.store.updateDraftOverrides(row.id(), this.store.draftOverrideHashes(row.id()),
					this.store.storeContents(changed.forwards().overrides()));
		}
		DraftSettings written = write(row, draftRow, PolicyJson.settings(changed),
				changed.forwards().overrides().size(), digest, baseCfSha256, fields);
		return new Draft(name, written.revision(), written.baseVersion(), changed, written.updatedBy(),
				written.updatedAt());
	}

	/** Writes the next revision of the draft and its change-log entry. */
	private DraftSettings write(PolicyStore.PolicyRow row, PolicyStore.DraftRow draftRow, String settings,
			int overrideCount, String overridesDigest, String baseCfSha256, List<String> fields) {
		String author = CurrentUser.name();
		Instant now = now();
		long revision = draftRow.revision() + 1;
		this.store.updateDraft(row.id(), revision, settings,
				PolicyJson.contentHash(settings, overridesDigest, baseCfSha256), baseCfSha256, overrideCount,
				overridesDigest, author, now);
		this.store.insertDraftChange(row.id(), revision, author, now, fields);
		return new DraftSettings(row.name(), revision, draftRow.baseVersion(),
				PolicyJson.fromSettings(settings, List.of()), overrideCount, author, now);
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
			checkNotStale(row, draftRow, expectedRevision, null, (field) -> true);
		}
		// The draft was valid when written; rules may have grown stricter since. Each
		// override file was checked when it was written, on its own, by the same rules.
		PolicyValidator
			.validateSettings(PolicyJson.fromSettings(draftRow.settings(), List.of()), draftRow.overrideCount())
			.throwIfErrors();
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
		this.store.recordVersionOverrides(row.id(), number, draftRow);
		this.store.updateDraftBase(row.id(), number);
		return info;
	}

	@PreAuthorize("hasRole('VIEWER')")
	public VersionPage versions(String name, int page, int size) {
		checkPage(page, size);
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

	/** A version's settings and base cf, without its override files. */
	public record VersionSettingsSnapshot(VersionInfo info, Policy policy, String baseCf) {
	}

	/**
	 * A version without its override files ({@code policy.forwards.overrides} is empty),
	 * with its base cf: what rendering one of its files needs.
	 */
	@PreAuthorize("hasRole('VIEWER')")
	public VersionSettingsSnapshot versionSettings(String name, int number) {
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.VersionRow version = this.store.findVersion(row.id(), number)
			.orElseThrow(() -> new NotFoundException("policy '" + name + "' has no version " + number));
		return new VersionSettingsSnapshot(info(version), PolicyJson.fromSettings(version.settings(), List.of()),
				this.store.baseCf(version.baseCfSha256()));
	}

	/** One override file of a version, by exact user name. */
	@PreAuthorize("hasRole('VIEWER')")
	public Optional<Forwards.OverrideFile> versionOverride(String name, int number, String user) {
		PolicyStore.PolicyRow row = policyRow(name);
		versionRow(row, number);
		return this.store.versionOverride(row.id(), number, user);
	}

	/**
	 * One page of the override files of version {@code number} whose user starts with
	 * {@code prefix}, ignoring case, in the order and with the limits of
	 * {@link #draftOverrides}; a page past the last is empty. Reads the page's rows, not
	 * every file of the version. A version has no revision: {@code draftRevision} of the
	 * page is 0.
	 * @throws NotFoundException when the policy or the version does not exist
	 */
	@PreAuthorize("hasRole('VIEWER')")
	public OverridePage versionOverrides(String name, int number, String prefix, int page, int size) {
		checkPage(page, size);
		String wanted = checkPrefix(prefix);
		PolicyStore.PolicyRow row = policyRow(name);
		versionRow(row, number);
		// Versions never change, so the count and the page agree without a snapshot.
		int total = this.store.versionOverrideCount(row.id(), number);
		int matching = wanted.isEmpty() ? total : this.store.countVersionOverrides(row.id(), number, wanted);
		long offset = (long) page * size;
		List<Forwards.OverrideFile> items = (offset < matching)
				? this.store.versionOverridePage(row.id(), number, wanted, (int) offset, size) : List.of();
		return new OverridePage(items, wanted, page, size, matching, total, 0);
	}

	/**
	 * Makes the draft hold the content of version {@code number} (every section, the
	 * override files and the base cf), to continue from an older version without a
	 * rollback proposal. It is a whole-draft replacement, like {@link #replaceDraft}: the
	 * override rows, their digests and the set of changed files are brought to the
	 * version's through the same path, the change log names the fields that changed, and
	 * it is refused as stale after any change since {@code expectedDraftRevision}.
	 * <p>
	 * The draft's {@code baseVersion} stays what it was. It is the parent of the next
	 * version saved from the draft, and continuing from an old version still continues
	 * the history where it stands: the next version is a child of the version the draft
	 * was based on, holding the old content, so its diff against that version shows what
	 * is undone, and review and publication treat it like any other change. Copying the
	 * base version itself discards the draft's unsaved changes.
	 * @throws NotFoundException when the policy or the version does not exist
	 * @throws DraftConflictException when the draft changed since
	 * {@code expectedDraftRevision}
	 * @throws ValidationException when the version's content breaks rules made stricter
	 * since it was saved
	 */
	@PreAuthorize("hasRole('EDITOR')")
	@Transactional
	public Draft copyVersionToDraft(String name, int number, long expectedDraftRevision) {
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.VersionRow version = versionRow(row, number);
		// The version's files are read only once the draft is locked and found current.
		return changeDraft(name, expectedDraftRevision, null,
				(current) -> PolicyJson.fromSettings(version.settings(), this.store.versionOverrides(row.id(), number)),
				this.store.baseCf(version.baseCfSha256()));
	}

	/**
	 * What a deployment bundle of a version is made of, without its override files
	 * ({@link #forEachVersionOverride} walks those): its metadata, settings and base cf,
	 * when it was published ({@code null} when it never was) and how many override files
	 * it holds.
	 */
	public record ReleaseSnapshot(VersionInfo info, Policy settings, String baseCf, Instant publishedAt,
			int overrideCount) {
	}

	/**
	 * The release snapshot of version {@code number}. Hosts read it too, for their own
	 * policy's published version only (the host endpoints choose the policy).
	 * @throws NotFoundException when the policy or the version does not exist
	 */
	@PreAuthorize("hasAnyRole('VIEWER', 'HOST')")
	public ReleaseSnapshot release(String name, int number) {
		PolicyStore.PolicyRow row = policyRow(name);
		PolicyStore.VersionRow version = versionRow(row, number);
		return new ReleaseSnapshot(info(version), PolicyJson.fromSettings(version.settings(), List.of()),
				this.store.baseCf(version.baseCfSha256()), publishedAt(row.id(), number),
				this.store.versionOverrideCount(row.id(), number));
	}

	/** The number of the published version, if any, without reading it. */
	@PreAuthorize("hasAnyRole('VIEWER', 'HOST')")
	public Optional<Integer> currentVersionNumber(String name) {
		return Optional.ofNullable(policyRow(name).currentVersion());
	}

	/**
	 * Hands every override file of version {@code number} to {@code action}, in the order
	 * of user names ignoring case, reading {@value #OVERRIDE_CHUNK} at a time: a version
	 * of 50,000 files is never held whole.
	 * @throws NotFoundException when the policy or the version does not exist
	 */
	@PreAuthorize("hasAnyRole('VIEWER', 'HOST')")
	public void forEachVersionOverride(String name, int number, Consumer<Forwards.OverrideFile> action) {
		PolicyStore.PolicyRow row = policyRow(name);
		versionRow(row, number);
		String afterKey = "";
		String afterUser = "";
		List<Forwards.OverrideFile> chunk;
		do {
			chunk = this.store.versionOverridesAfter(row.id(), number, afterKey, afterUser, OVERRIDE_CHUNK);
			for (Forwards.OverrideFile override : chunk) {
				action.accept(override);
			}
			if (!chunk.isEmpty()) {
				afterUser = chunk.get(chunk.size() - 1).user();
				afterKey = afterUser.toLowerCase(Locale.ROOT);
			}
		}
		while (chunk.size() == OVERRIDE_CHUNK);
	}

	private Instant publishedAt(long policyId, int number) {
		return this.reviews.reviews(policyId, number)
			.stream()
			.filter((review) -> review.action() == Review.Action.PUBLISHED
					|| review.action() == Review.Action.EMERGENCY_PUBLISHED)
			.map(Review::at)
			.reduce((first, second) -> second)
			.orElse(null);
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

	/**
	 * Refuses a change based on an older revision when a change made since touched
	 * something it touches too ({@code conflicts} says which logged fields do), or when
	 * the base version moved.
	 */
	private void checkNotStale(PolicyStore.PolicyRow row, PolicyStore.DraftRow draftRow, long expectedRevision,
			Integer expectedBaseVersion, Predicate<String> conflicts) {
		boolean staleBase = expectedBaseVersion != null && !Objects.equals(expectedBaseVersion, draftRow.baseVersion());
		if (expectedRevision == draftRow.revision() && !staleBase) {
			return;
		}
		List<DraftChange> since = this.store.draftChangesAfter(row.id(),
				Math.min(expectedRevision, draftRow.revision()));
		boolean staleRevision = expectedRevision > draftRow.revision() || since.size() > PolicyStore.MAX_CHANGES_SHOWN
				|| since.stream()
					.flatMap((change) -> change.fields().stream())
					.anyMatch((field) -> field.equals(TRUNCATED_FIELDS) || conflicts.test(field));
		if (staleRevision || staleBase) {
			String message = staleRevision
					? "the draft changed since revision " + expectedRevision + " (now revision " + draftRow.revision()
							+ "): reload it and apply your change again"
					: "the draft is now based on version " + draftRow.baseVersion() + ", not " + expectedBaseVersion
							+ ": reload it and apply your change again";
			throw new DraftConflictException(message, row.name(), draftRow.revision(), draftRow.baseVersion(),
					since.subList(0, Math.min(since.size(), PolicyStore.MAX_CHANGES_SHOWN)));
		}
	}

	/**
	 * Whether a logged field concerns the override file of {@code user}: that file, the
	 * directory, or files changed in bulk.
	 */
	private static boolean touchesOverride(String field, String user) {
		if (field.equals("forwards.directory") || field.startsWith("forwards.overrides (")) {
			return true;
		}
		return field.startsWith("forwards.overrides[") && field.endsWith("]")
				&& field.substring("forwards.overrides[".length(), field.length() - 1)
					.equalsIgnoreCase(String.valueOf(user));
	}

	private static String overrideField(String user) {
		return "forwards.overrides[" + user + "]";
	}

	/** A user prefix to filter override files by: empty for all. */
	private static String checkPrefix(String prefix) {
		String wanted = (prefix != null) ? prefix : "";
		if (wanted.length() > 64 || Rules.hasLineBreakingCharacter(wanted)) {
			throw new ValidationException("prefix", "must be at most 64 characters on one line");
		}
		return wanted;
	}

	private static void checkPage(int page, int size) {
		if (page < 0) {
			throw new ValidationException("page", "must be 0 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new ValidationException("size", "must be between 1 and " + MAX_PAGE_SIZE);
		}
	}

	/** Database timestamps keep microseconds: answer with what a later read returns. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private PolicySummary summary(PolicyStore.PolicyRow row) {
		PolicyStore.DraftRow draft = this.store.findDraft(row.id(), false).orElseThrow();
		int latest = this.store.latestVersionNumber(row.id());
		Optional<PolicyStore.VersionRow> base = (draft.baseVersion() != null)
				? this.store.findVersion(row.id(), draft.baseVersion()) : Optional.empty();
		boolean modified = base.isEmpty() || !base.get().contentHash().equals(draft.contentHash());
		Integer changes = null;
		List<String> parts = List.of();
		if (base.isPresent()) {
			parts = new ArrayList<>(
					modified ? PolicyChanges.between(PolicyJson.fromSettings(base.get().settings(), List.of()),
							PolicyJson.fromSettings(draft.settings(), List.of())) : List.of());
			int overrides = modified ? this.store.countOverrideChanges(row.id(), draft.baseVersion(), draft) : 0;
			boolean baseCfChanged = modified && !base.get().baseCfSha256().equals(draft.baseCfSha256());
			if (overrides > 0) {
				parts.add("forwards.overrides");
			}
			if (baseCfChanged) {
				parts.add("baseCf");
			}
			changes = parts.size() - ((overrides > 0) ? 1 : 0) + overrides;
		}
		String approvedBy = null;
		Instant publishedAt = null;
		if (row.currentVersion() != null) {
			approvedBy = this.store.findVersion(row.id(), row.currentVersion())
				.map(PolicyStore.VersionRow::approvedBy)
				.orElse(null);
			publishedAt = publishedAt(row.id(), row.currentVersion());
		}
		return new PolicySummary(row.name(), row.description(), row.currentVersion(), (latest > 0) ? latest : null,
				draft.revision(), draft.baseVersion(), modified, approvedBy, publishedAt, changes, parts);
	}

	private PolicyStore.PolicyRow policyRow(String name) {
		return this.store.findPolicy(name).orElseThrow(() -> new NotFoundException("no policy named '" + name + "'"));
	}

	private PolicyStore.VersionRow versionRow(PolicyStore.PolicyRow row, int number) {
		return this.store.findVersion(row.id(), number)
			.orElseThrow(() -> new NotFoundException("policy '" + row.name() + "' has no version " + number));
	}

	private Draft loadDraft(PolicyStore.PolicyRow row) {
		return toDraft(row, this.store.findDraft(row.id(), false).orElseThrow());
	}

	private static DraftSettings toSettings(PolicyStore.PolicyRow row, PolicyStore.DraftRow draft) {
		return new DraftSettings(row.name(), draft.revision(), draft.baseVersion(),
				PolicyJson.fromSettings(draft.settings(), List.of()), draft.overrideCount(), draft.updatedBy(),
				draft.updatedAt());
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

	/**
	 * The override files that differ between versions {@code a} and {@code b} of a policy
	 * (either order; none when they are equal), ordered by user, with their content on
	 * each side. Reads only the interval rows of the files that changed between the two
	 * versions, so it costs what changed, not what the versions hold.
	 * @throws NotFoundException when the policy or either version does not exist
	 */
	@PreAuthorize("hasRole('VIEWER')")
	public List<OverrideChange> overrideChanges(String name, int a, int b) {
		PolicyStore.PolicyRow row = policyRow(name);
		for (int number : new int[] { a, b }) {
			if (this.store.findVersion(row.id(), number).isEmpty()) {
				throw new NotFoundException("policy '" + name + "' has no version " + number);
			}
		}
		return this.store.overrideChanges(row.id(), a, b);
	}

}
