package org.smguard.review;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.smguard.policy.ReviewService;
import org.smguard.system.CurrentUser;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The page of versions waiting for the signed-in reviewer (proposals by someone else),
 * and their count in the navigation of every page.
 */
@Controller
class ProposalsController {

	static final String VIEW = "review/reviews";

	private final ReviewService review;

	ProposalsController(ReviewService review) {
		this.review = review;
	}

	@GetMapping("/reviews")
	String waiting(Model model) {
		Map<Boolean, List<ReviewService.Proposal>> byAuthor = this.review.proposals()
			.stream()
			.collect(Collectors.partitioningBy((proposal) -> isBy(proposal, CurrentUser.name())));
		model.addAttribute("waiting", byAuthor.get(false));
		model.addAttribute("mine", byAuthor.get(true));
		return VIEW;
	}

	private static boolean isBy(ReviewService.Proposal proposal, String user) {
		return proposal.version().author().equals(user);
	}

	/**
	 * Adds how many proposals wait for the signed-in reviewer to every page. The service
	 * is looked up lazily so that web slices without it still render their pages.
	 */
	@ControllerAdvice(annotations = Controller.class)
	static class WaitingCount {

		private final ObjectProvider<ReviewService> review;

		WaitingCount(ObjectProvider<ReviewService> review) {
			this.review = review;
		}

		@ModelAttribute("waitingForReview")
		Integer waitingForReview(Authentication authentication, HttpServletRequest request) {
			if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
				// API answers carry no model: no query for them.
				return null;
			}
			boolean reviewer = authentication != null && authentication.getAuthorities()
				.stream()
				.anyMatch((a) -> a.getAuthority().equals("ROLE_REVIEWER") || a.getAuthority().equals("ROLE_ADMIN"));
			boolean mustChangePassword = authentication != null && authentication.getAuthorities()
				.stream()
				.anyMatch((a) -> a.getAuthority().equals("PASSWORD_CHANGE_REQUIRED"));
			ReviewService service = this.review.getIfAvailable();
			if (!reviewer || mustChangePassword || service == null) {
				return null;
			}
			return (int) service.proposals()
				.stream()
				.filter((proposal) -> !isBy(proposal, authentication.getName()))
				.count();
		}

	}

}
