package org.smguard.policies;

import java.net.URI;
import java.util.List;

import org.smguard.policy.PolicyService;
import org.smguard.policy.PolicySummary;
import org.smguard.validation.ValidationException;

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

}
