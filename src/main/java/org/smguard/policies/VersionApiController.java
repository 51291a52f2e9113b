package org.smguard.policies;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.smguard.policy.Acknowledgement;
import org.smguard.policy.Forwards;
import org.smguard.policy.OverridePage;
import org.smguard.policy.PolicyService;
import org.smguard.policy.Review;
import org.smguard.policy.ReviewService;
import org.smguard.policy.VersionInfo;
import org.smguard.policy.VersionPage;
import org.smguard.system.NotFoundException;
import org.smguard.system.PageMetadata;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API: saving the draft as a version, reading the history and a version's override
 * files a page or one file at a time, and the review of versions.
 */
@RestController
@RequestMapping("/api/v1/policies/{policy}/versions")
class VersionApiController {

	private final PolicyService policies;

	private final ReviewService review;

	VersionApiController(PolicyService policies, ReviewService review) {
		this.policies = policies;
		this.review = review;
	}

	record SaveVersionRequest(String message, Long draftRevision) {
	}

	@PostMapping
	ResponseEntity<VersionInfo> save(@PathVariable String policy, @RequestBody SaveVersionRequest request) {
		VersionInfo saved = this.policies.saveVersion(policy, request.message(), request.draftRevision());
		return ResponseEntity.created(URI.create("/api/v1/policies/" + policy + "/versions/" + saved.number()))
			.body(saved);
	}

	/** Spring Data's paged JSON shape: {@code content} and {@code page}. */
	record HistoryPage(List<VersionInfo> content, PageMetadata page) {
	}

	@GetMapping
	HistoryPage list(@PathVariable String policy, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		VersionPage history = this.policies.versions(policy, page, size);
		return new HistoryPage(history.items(),
				new PageMetadata(history.page(), history.size(), history.totalItems(), history.totalPages()));
	}

	@GetMapping("/current")
	VersionDocument current(@PathVariable String policy) {
		return VersionDocument.of(this.policies.current(policy)
			.orElseThrow(() -> new NotFoundException("policy '" + policy + "' has no published version yet")));
	}

	@GetMapping("/{number:\\d+}")
	VersionDocument get(@PathVariable String policy, @PathVariable int number) {
		return VersionDocument.of(this.policies.version(policy, number));
	}

	/** One override file of a version. */
	record OverrideDocument(String user, String content) {

		static OverrideDocument of(Forwards.OverrideFile override) {
			return new OverrideDocument(override.user(), override.content());
		}

	}

	/**
	 * A page of a version's override files, in the shape of the draft's page (Spring
	 * Data's) without its {@code draftRevision}: a version has none.
	 */
	record OverrideListDocument(List<OverrideDocument> content, PageMetadata page, String prefix) {
	}

	/**
	 * The version's override files a page at a time, filtered by a user prefix ignoring
	 * case, as {@code GET .../draft/overrides} pages the draft's.
	 */
	@GetMapping("/{number:\\d+}/overrides")
	OverrideListDocument overrides(@PathVariable String policy, @PathVariable int number,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
			@RequestParam(defaultValue = "") String prefix) {
		OverridePage overrides = this.policies.versionOverrides(policy, number, prefix, page, size);
		return new OverrideListDocument(overrides.items().stream().map(OverrideDocument::of).toList(),
				new PageMetadata(overrides.page(), overrides.size(), overrides.matching(), overrides.totalPages()),
				overrides.prefix());
	}

	@GetMapping("/{number:\\d+}/overrides/{user}")
	OverrideDocument override(@PathVariable String policy, @PathVariable int number, @PathVariable String user) {
		return OverrideDocument.of(this.policies.versionOverride(policy, number, user)
			.orElseThrow(() -> new NotFoundException(
					"version " + number + " of policy '" + policy + "' has no override file for '" + user + "'")));
	}

	/**
	 * A review step's body: a comment and, for an approval, the reason given for each
	 * critical finding of the advisor, by its id ({@code rule@field}).
	 */
	record ReviewRequest(String comment, Map<String, String> acknowledgements) {
	}

	record RollbackRequest(String reason, Boolean emergency) {
	}

	@PostMapping("/{number:\\d+}/propose")
	VersionInfo propose(@PathVariable String policy, @PathVariable int number,
			@RequestBody(required = false) ReviewRequest request) {
		return this.review.propose(policy, number, comment(request));
	}

	@PostMapping("/{number:\\d+}/approve")
	VersionInfo approve(@PathVariable String policy, @PathVariable int number,
			@RequestBody(required = false) ReviewRequest request) {
		return this.review.approve(policy, number, comment(request),
				(request != null && request.acknowledgements() != null) ? request.acknowledgements() : Map.of());
	}

	@PostMapping("/{number:\\d+}/reject")
	VersionInfo reject(@PathVariable String policy, @PathVariable int number,
			@RequestBody(required = false) ReviewRequest request) {
		return this.review.reject(policy, number, comment(request));
	}

	@PostMapping("/{number:\\d+}/publish")
	VersionInfo publish(@PathVariable String policy, @PathVariable int number) {
		return this.review.publish(policy, number);
	}

	@PostMapping("/{number:\\d+}/rollback")
	ResponseEntity<VersionInfo> rollback(@PathVariable String policy, @PathVariable int number,
			@RequestBody RollbackRequest request) {
		VersionInfo created = this.review.rollback(policy, number, request.reason(),
				Boolean.TRUE.equals(request.emergency()));
		return ResponseEntity.created(URI.create("/api/v1/policies/" + policy + "/versions/" + created.number()))
			.body(created);
	}

	@PostMapping("/{number:\\d+}/rebase")
	ResponseEntity<VersionInfo> rebase(@PathVariable String policy, @PathVariable int number) {
		VersionInfo created = this.review.rebase(policy, number);
		return ResponseEntity.created(URI.create("/api/v1/policies/" + policy + "/versions/" + created.number()))
			.body(created);
	}

	/** The review history of a version, oldest first. */
	@GetMapping("/{number:\\d+}/reviews")
	List<Review> reviews(@PathVariable String policy, @PathVariable int number) {
		return this.review.history(policy, number);
	}

	/** The critical findings a reviewer acknowledged when approving the version. */
	@GetMapping("/{number:\\d+}/acknowledgements")
	List<Acknowledgement> acknowledgements(@PathVariable String policy, @PathVariable int number) {
		this.policies.versionSettings(policy, number); // 404 for a version that does not
														// exist
		return this.review.acknowledgements(policy, number);
	}

	private static String comment(ReviewRequest request) {
		return (request != null) ? request.comment() : null;
	}

}
