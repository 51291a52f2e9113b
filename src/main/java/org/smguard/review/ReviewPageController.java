package org.smguard.review;

import org.smguard.advisor.Advice;
import org.smguard.advisor.Advisor;
import org.smguard.advisor.Severity;
import org.smguard.diff.DiffService;
import org.smguard.diff.DiffView;
import org.smguard.files.RenderService;
import org.smguard.policy.PolicyService;
import org.smguard.policy.ReviewService;
import org.smguard.policy.Version;
import org.smguard.policy.VersionInfo;
import org.smguard.policy.VersionState;
import org.smguard.system.CurrentUser;
import org.smguard.system.FormErrors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The review page of a version: everything a reviewer decides on, on one page. What the
 * version changes against its parent (section by section, and the rendered files), the
 * check of its rules and of its cf by the real sendmail, the security advisor's findings,
 * whether it must be re-based, its review history and the buttons for what the signed-in
 * person may do next.
 */
@Controller
class ReviewPageController {

	static final String VIEW = "review/review";

	private final PolicyService policies;

	private final ReviewService review;

	private final DiffService diffs;

	private final RenderService render;

	private final Advisor advisor;

	ReviewPageController(PolicyService policies, ReviewService review, DiffService diffs, RenderService render,
			Advisor advisor) {
		this.policies = policies;
		this.review = review;
		this.diffs = diffs;
		this.render = render;
		this.advisor = advisor;
	}

	@GetMapping("/policies/{policy}/versions/{number:\\d+}/review")
	String review(@PathVariable String policy, @PathVariable int number, Model model) {
		// Loaded once, for the check and the advisor alike: with 50,000 override files
		// the
		// load is most of what the page costs.
		Version whole = this.policies.version(policy, number);
		VersionInfo version = whole.info();
		Integer current = this.policies.summary(policy).currentVersion();
		model.addAttribute("policyName", policy);
		model.addAttribute("v", version);
		model.addAttribute("currentVersion", current);
		model.addAttribute("me", CurrentUser.name());
		model.addAttribute("reviews", this.review.history(policy, number));
		model.addAttribute("needsRebase", needsRebase(version, current));
		if (version.parent() != null) {
			DiffView.addTo(model, this.diffs.diff(policy, version.parent(), number));
		}
		RenderService.Report report = this.render.validate(whole.policy(), this.policies.versionBaseCf(policy, number));
		model.addAttribute("report", report);
		model.addAttribute("errors", FormErrors.describeAll(report.errors()));
		model.addAttribute("warnings", FormErrors.describeAll(report.warnings()));
		Advice advice = this.advisor.advise(whole.policy());
		model.addAttribute("advice", advice);
		model.addAttribute("criticalFindings",
				advice.findings().stream().filter((f) -> f.severity() == Severity.CRITICAL).toList());
		model.addAttribute("acknowledgements", this.review.acknowledgements(policy, number));
		return VIEW;
	}

	/**
	 * Whether publishing must wait for a re-base: the version is still under review and
	 * another version was published since its parent.
	 */
	private static boolean needsRebase(VersionInfo version, Integer current) {
		boolean underReview = version.state() == VersionState.PROPOSED || version.state() == VersionState.APPROVED;
		return underReview && current != null && !current.equals(version.parent());
	}

}
