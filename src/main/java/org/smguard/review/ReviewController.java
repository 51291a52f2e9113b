package org.smguard.review;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.smguard.policy.ReviewService;
import org.smguard.policy.VersionInfo;
import org.smguard.system.ConflictException;
import org.smguard.system.ForbiddenException;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The review buttons of a version page and its review page: propose, approve, reject,
 * publish, re-base, roll back. Each answers with the version page again
 * (post/redirect/get) and a message saying what happened or why it was refused.
 */
@Controller
@RequestMapping("/policies/{policy}/versions/{number:\\d+}")
class ReviewController {

	/**
	 * Form fields that acknowledge a critical finding: this prefix, then the finding's
	 * id; the value is the reason.
	 */
	static final String ACKNOWLEDGEMENT = "acknowledge:";

	private final ReviewService review;

	ReviewController(ReviewService review) {
		this.review = review;
	}

	@PostMapping("/propose")
	String propose(@PathVariable String policy, @PathVariable int number,
			@RequestParam(defaultValue = "") String comment, @RequestParam(defaultValue = "") String from,
			RedirectAttributes redirect) {
		return act(policy, number, from, redirect, () -> this.review.propose(policy, number, comment),
				"Version " + number + " is proposed for review.");
	}

	@PostMapping("/approve")
	String approve(@PathVariable String policy, @PathVariable int number,
			@RequestParam(defaultValue = "") String comment, @RequestParam(defaultValue = "") String from,
			@RequestParam MultiValueMap<String, String> parameters, RedirectAttributes redirect) {
		Map<String, String> acknowledgements = new LinkedHashMap<>();
		parameters.forEach((name, values) -> {
			if (name.startsWith(ACKNOWLEDGEMENT) && !values.isEmpty() && !values.get(0).isBlank()) {
				acknowledgements.put(name.substring(ACKNOWLEDGEMENT.length()), values.get(0));
			}
		});
		return act(policy, number, from, redirect, () -> this.review.approve(policy, number, comment, acknowledgements),
				"Version " + number + " is approved.");
	}

	@PostMapping("/reject")
	String reject(@PathVariable String policy, @PathVariable int number,
			@RequestParam(defaultValue = "") String comment, @RequestParam(defaultValue = "") String from,
			RedirectAttributes redirect) {
		return act(policy, number, from, redirect, () -> this.review.reject(policy, number, comment),
				"Version " + number + " is rejected.");
	}

	@PostMapping("/publish")
	String publish(@PathVariable String policy, @PathVariable int number, @RequestParam(defaultValue = "") String from,
			RedirectAttributes redirect) {
		return act(policy, number, from, redirect, () -> this.review.publish(policy, number),
				"Version " + number + " is published: it is now the current version.");
	}

	@PostMapping("/rebase")
	String rebase(@PathVariable String policy, @PathVariable int number, RedirectAttributes redirect) {
		try {
			VersionInfo created = this.review.rebase(policy, number);
			redirect.addFlashAttribute("message", "Version " + created.number() + " re-bases version " + number
					+ " on the current version; it now awaits review.");
			return "redirect:/policies/" + policy + "/versions/" + created.number() + "/review";
		}
		catch (ValidationException | ConflictException | ForbiddenException ex) {
			redirect.addFlashAttribute("errorMessage", refusal(ex));
			return "redirect:/policies/" + policy + "/versions/" + number + "/review";
		}
	}

	@PostMapping("/rollback")
	String rollback(@PathVariable String policy, @PathVariable int number,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "false") boolean emergency,
			RedirectAttributes redirect) {
		try {
			VersionInfo created = this.review.rollback(policy, number, reason, emergency);
			redirect.addFlashAttribute("message", "Version " + created.number() + " rolls back to version " + number
					+ (emergency ? "; it is published now and still needs an approval." : "; it now awaits review."));
			return "redirect:/policies/" + policy + "/versions/" + created.number();
		}
		catch (ValidationException | ConflictException | ForbiddenException ex) {
			redirect.addFlashAttribute("errorMessage", refusal(ex));
			return "redirect:/policies/" + policy + "/versions/" + number;
		}
	}

	/**
	 * Runs a review step and answers with the page it was asked from: the version page,
	 * or its review page ({@code from=review}).
	 */
	private static String act(String policy, int number, String from, RedirectAttributes redirect,
			Supplier<VersionInfo> action, String done) {
		try {
			action.get();
			redirect.addFlashAttribute("message", done);
		}
		catch (ValidationException | ConflictException | ForbiddenException ex) {
			redirect.addFlashAttribute("errorMessage", refusal(ex));
		}
		return "redirect:/policies/" + policy + "/versions/" + number + ("review".equals(from) ? "/review" : "");
	}

	private static String refusal(RuntimeException ex) {
		if (ex instanceof ValidationException validation) {
			return validation.violations()
				.stream()
				.map((violation) -> label(violation) + " " + violation.message())
				.reduce((a, b) -> a + "; " + b)
				.orElse(ex.getMessage());
		}
		return "Refused: " + ex.getMessage() + ".";
	}

	private static String label(Violation violation) {
		if (violation.field().startsWith("acknowledgements.")) {
			return "Acknowledgement:";
		}
		return violation.field().equals("reason") ? "The reason" : "The comment";
	}

}
