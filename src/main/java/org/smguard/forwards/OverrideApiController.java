package org.smguard.forwards;

import java.util.List;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.Forwards;
import org.smguard.policy.ForwardsValidator;
import org.smguard.policy.OverridePage;
import org.smguard.policy.PolicyService;
import org.smguard.system.NotFoundException;
import org.smguard.system.PageMetadata;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API: the draft's override files one page or one file at a time, so that a policy
 * with 50,000 of them is edited without sending the whole draft. Every change carries the
 * {@code draftRevision} it is based on; it is refused (409) when that user's file, the
 * override directory or the files in bulk changed since.
 */
@RestController
@RequestMapping("/api/v1/policies/{policy}/draft/overrides")
class OverrideApiController {

	private final PolicyService policies;

	OverrideApiController(PolicyService policies) {
		this.policies = policies;
	}

	/** One override file. */
	record OverrideDocument(String user, String content) {

		static OverrideDocument of(Forwards.OverrideFile override) {
			return new OverrideDocument(override.user(), override.content());
		}

	}

	/**
	 * A page of override files, in Spring Data's shape, and the revision it was read at.
	 */
	record OverrideListDocument(List<OverrideDocument> content, PageMetadata page, String prefix, long draftRevision) {
	}

	/**
	 * A change's answer: the file as stored, the new revision and the file's warnings.
	 */
	record ChangedOverride(String user, String content, long draftRevision, List<Violation> warnings) {
	}

	/** A removal's answer: whose file went, and the new revision. */
	record RemovedOverride(String user, long draftRevision) {
	}

	record OverrideRequest(String content, Long draftRevision) {
	}

	@GetMapping
	OverrideListDocument list(@PathVariable String policy, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, @RequestParam(defaultValue = "") String prefix) {
		OverridePage overrides = this.policies.draftOverrides(policy, prefix, page, size);
		return new OverrideListDocument(overrides.items().stream().map(OverrideDocument::of).toList(),
				new PageMetadata(overrides.page(), overrides.size(), overrides.matching(), overrides.totalPages()),
				overrides.prefix(), overrides.draftRevision());
	}

	@GetMapping("/{user}")
	OverrideDocument get(@PathVariable String policy, @PathVariable String user) {
		return OverrideDocument.of(this.policies.draftOverride(policy, user).orElseThrow(() -> missing(user)));
	}

	@PutMapping("/{user}")
	ChangedOverride put(@PathVariable String policy, @PathVariable String user, @RequestBody OverrideRequest request) {
		long revision = requireRevision(request.draftRevision());
		Forwards.OverrideFile override = new Forwards.OverrideFile(user, request.content());
		DraftSettings draft = this.policies.putOverride(policy, revision, override);
		Violations checked = new Violations();
		ForwardsValidator.validateOverride(override, ForwardsValidator.CHANGED_USER, ForwardsValidator.CHANGED_CONTENT,
				checked);
		return new ChangedOverride(user, request.content(), draft.revision(), checked.warnings());
	}

	@DeleteMapping("/{user}")
	RemovedOverride delete(@PathVariable String policy, @PathVariable String user,
			@RequestParam(required = false) Long draftRevision) {
		DraftSettings draft = this.policies.removeOverride(policy, requireRevision(draftRevision), user);
		return new RemovedOverride(user, draft.revision());
	}

	private static long requireRevision(Long draftRevision) {
		if (draftRevision == null) {
			throw new ValidationException("draftRevision",
					"is required: send the draftRevision of the draft your change is based on");
		}
		return draftRevision;
	}

	private static NotFoundException missing(String user) {
		return new NotFoundException("the draft has no override file for '" + user + "'");
	}

}
