package org.smguard.forwards;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.smguard.policies.DraftTab;
import org.smguard.policy.DraftSection;
import org.smguard.policy.DraftSettings;
import org.smguard.policy.Forwards;
import org.smguard.policy.ForwardsValidator;
import org.smguard.policy.OverridePage;
import org.smguard.policy.PolicyService;
import org.smguard.system.FormErrors;
import org.smguard.system.NotFoundException;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ForwardPath overrides tab of the draft editor. A policy may hold tens of thousands
 * of override files, so the page shows them paged and filtered by user, and every change
 * (the directory, one file added or replaced, one file removed) is a change of that entry
 * alone on top of the current draft.
 */
@Controller
@RequestMapping("/policies/{policy}/forwards")
class ForwardsController {

	static final String VIEW = "forwards/edit";

	static final int PAGE_SIZE = 50;

	private final PolicyService policies;

	ForwardsController(PolicyService policies) {
		this.policies = policies;
	}

	@GetMapping
	String edit(@PathVariable String policy, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String edit, Model model) {
		DraftSettings draft = this.policies.draftSettings(policy);
		Forwards.OverrideFile existing = (edit != null) ? this.policies.draftOverride(policy, edit).orElse(null) : null;
		model.addAttribute("override", OverrideForm.of(draft, existing));
		return view(policy, draft, q, page, model);
	}

	@PostMapping
	String saveDirectory(@PathVariable String policy, @Valid @ModelAttribute("form") ForwardsForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			if (DraftTab.change(this.policies, policy, form.getDraftRevision(), DraftSection.FORWARDS_DIRECTORY,
					(draft) -> draft.withForwards(form.applyTo(draft.forwards())), result,
					Map.of("forwards.directory", "directory"))) {
				redirect.addFlashAttribute("message", "Override directory saved in the draft.");
				return redirectToTab(policy);
			}
		}
		return invalid(policy, "", 0, model, response);
	}

	@PostMapping("/overrides")
	String saveOverride(@PathVariable String policy, @Valid @ModelAttribute("override") OverrideForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			Forwards.OverrideFile override = form.toOverride();
			try {
				this.policies.putOverride(policy, form.getDraftRevision(), override);
				redirect.addFlashAttribute("message", "Override file of " + override.user() + " saved in the draft.");
				redirect.addAttribute("q", override.user());
				return redirectToTab(policy);
			}
			catch (ValidationException ex) {
				FormErrors.reject(result, ex.violations(), Map.of("user", "user", "content", "content"));
			}
		}
		return invalid(policy, "", 0, model, response);
	}

	@PostMapping("/overrides/remove")
	String removeOverride(@PathVariable String policy, @Valid @ModelAttribute("removal") RemoveOverrideForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				this.policies.removeOverride(policy, form.getDraftRevision(), form.getUser());
				redirect.addFlashAttribute("message",
						"Override file of " + form.getUser() + " removed from the draft.");
				redirect.addAttribute("q", form.getQ());
				redirect.addAttribute("page", form.getPage());
				return redirectToTab(policy);
			}
			catch (NotFoundException ex) {
				result.reject("missing", ex.getMessage());
			}
		}
		return invalid(policy, form.getQ(), form.getPage(), model, response);
	}

	private static String redirectToTab(String policy) {
		return "redirect:/policies/" + policy + "/forwards";
	}

	private String invalid(String policy, String q, int page, Model model, HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return view(policy, this.policies.draftSettings(policy), q, page, model);
	}

	/**
	 * The tab with one page of the override files; a page past the last shows the last.
	 * The warnings of the files on the page are shown with the section's.
	 */
	private String view(String policy, DraftSettings draft, String q, int page, Model model) {
		DraftTab.show(model, policy, draft, "forwards");
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", ForwardsForm.of(draft));
		}
		if (!model.containsAttribute("override")) {
			model.addAttribute("override", OverrideForm.of(draft, null));
		}
		String prefix = (q != null) ? q.strip() : "";
		OverridePage overrides = this.policies.draftOverrides(policy, prefix, Math.max(page, 0), PAGE_SIZE);
		if (overrides.items().isEmpty() && overrides.page() >= overrides.totalPages()) {
			overrides = this.policies.draftOverrides(policy, prefix, overrides.totalPages() - 1, PAGE_SIZE);
		}
		model.addAttribute("overrides", overrides);
		List<Violation> warnings = new ArrayList<>(model.getAttribute("warnings") instanceof List<?> shown
				? shown.stream().map(Violation.class::cast).toList() : List.of());
		for (Forwards.OverrideFile override : overrides.items()) {
			Violations checked = new Violations();
			ForwardsValidator.validateOverride(override, override.user(), override.user(), checked);
			warnings.addAll(checked.warnings());
		}
		model.addAttribute("warnings", warnings);
		return VIEW;
	}

}
