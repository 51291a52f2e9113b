package org.smguard.review;

import java.util.List;

import org.smguard.policy.ReviewService;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API: the versions waiting for review, in every policy.
 */
@RestController
class ProposalApiController {

	private final ReviewService review;

	ProposalApiController(ReviewService review) {
		this.review = review;
	}

	@GetMapping("/api/v1/proposals")
	List<ReviewService.Proposal> proposals() {
		return this.review.proposals();
	}

}
