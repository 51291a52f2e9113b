package org.smguard.policies;

import java.net.URI;
import java.util.List;

import org.smguard.policy.PolicyService;
import org.smguard.policy.PolicySummary;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violations;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API: the policies and their drafts.
 */
@RestController
@RequestMapping("/api/v1/policies")
class PolicyApiController {

	private final PolicyService policies;

	PolicyApiController(PolicyService policies) {
		this.policies = policies;
	}

	@GetMapping
	List<PolicySummary> list() {
		return this.policies.list();
	}

	record CreatePolicyRequest(String name, String description, String copyFrom) {
	}

	@PostMapping
	ResponseEntity<PolicySummary> create(@RequestBody CreatePolicyRequest request) {
		PolicySummary created = this.policies.create(request.name(), request.description(), request.copyFrom());
		return ResponseEntity.created(URI.create("/api/v1/policies/" + created.name())).body(created);
	}

	@GetMapping("/{policy}")
	PolicySummary get(@PathVariable String policy) {
		return this.policies.summary(policy);
	}

	@GetMapping("/{policy}/draft")
	PolicyDocument draft(@PathVariable String policy) {
		return PolicyDocument.of(this.policies.draft(policy));
	}

	@PutMapping("/{policy}/draft")
	PolicyDocument replaceDraft(@PathVariable String policy, @RequestBody PolicyDocument body) {
		if (body.draftRevision() == null) {
			throw new ValidationException("draftRevision",
					"is required: send back the draftRevision of the draft your change is based on");
		}
		return PolicyDocument
			.of(this.policies.replaceDraft(policy, body.draftRevision(), body.baseVersion(), body.toPolicy()));
	}

	record CopyFromVersionRequest(Integer version, Long draftRevision) {
	}

	/**
	 * Makes the draft hold the content of a version, to continue from it; the draft keeps
	 * its base version. 409 after any change of the draft since {@code draftRevision}.
	 */
	@PostMapping("/{policy}/draft/copy-from-version")
	PolicyDocument copyFromVersion(@PathVariable String policy, @RequestBody CopyFromVersionRequest body) {
		Violations violations = new Violations();
		if (body.version() == null) {
			violations.error("version", "is required: the number of the version to copy into the draft");
		}
		if (body.draftRevision() == null) {
			violations.error("draftRevision", "is required: send the draftRevision of the draft you mean to replace");
		}
		violations.throwIfErrors();
		return PolicyDocument.of(this.policies.copyVersionToDraft(policy, body.version(), body.draftRevision()));
	}

}
