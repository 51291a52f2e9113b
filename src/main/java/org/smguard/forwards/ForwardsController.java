package org.smguard.forwards;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.smguard.policies.DraftTab;
import org.smguard.policy.DraftSection;
import org.smguard.policy.DraftSettings;
import org.smguard.policy.Forwards;
import org.smguard.policy.ForwardsValidator;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.OverridePage;
import org.smguard.policy.PolicyService;
import org.smguard.system.FormErrors;
import org.smguard.system.FormFields;
import org.smguard.system.NotFoundException;
import org.smguard.validation.ValidationException;
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

	/**
	 * What the rule across sections reports when the override files would not be read:
	 * ForwardPath, which this tab does not show.
	 */
	private static final String FORWARD_PATH_LABEL = "ForwardPath (Security options tab)";

	/** Where the directory form shows violations, and the labels the page shows. */
	static final FormFields DIRECTORY_FIELDS = FormFields.none()
		.field(ForwardsValidator.DIRECTORY, "directory", "Directory of the override files")
		.elsewhere(ForwardsValidator.OVERRIDES, "Override files")
		.elsewhere(ManagedOption.FORWARD_PATH.path(), FORWARD_PATH_LABEL);

	/**
	 * Where the override form shows violations of its change, and the labels the page
	 * shows. Too many files is shown beside the user, whose new file it is about.
	 */
	static final FormFields OVERRIDE_FIELDS = FormFields.none()
		.field(ForwardsValidator.CHANGED_USER, "user", "User")
		.field(ForwardsValidator.CHANGED_CONTENT, "content", "Content of the file")
		.field(ForwardsValidator.OVERRIDES, "user", "Override files")
		.elsewhere(ManagedOption.FORWARD_PATH.path(), FORWARD_PATH_LABEL);

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
					(draft) -> draft.withForwards(form.applyTo(draft.forwards())), result, DIRECTORY_FIELDS)) {
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
				FormErrors.reject(result, ex.violations(), OVERRIDE_FIELDS);
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
		DraftTab.show(model, policy, draft, ForwardsValidator.SECTION, DIRECTORY_FIELDS);
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
		List<String> warnings = new ArrayList<>(model.getAttribute("warnings") instanceof List<?> shown
				? shown.stream().map(String.class::cast).toList() : List.of());
		for (Forwards.OverrideFile override : overrides.items()) {
			Violations checked = new Violations();
			ForwardsValidator.validateOverride(override, ForwardsValidator.CHANGED_USER,
					ForwardsValidator.CHANGED_CONTENT, checked);
			FormFields file = FormFields.none()
				.elsewhere(ForwardsValidator.CHANGED_USER, "Override file of " + override.user())
				.elsewhere(ForwardsValidator.CHANGED_CONTENT, "Override file of " + override.user());
			checked.warnings().forEach((warning) -> warnings.add(FormErrors.describe(warning, file)));
		}
		model.addAttribute("warnings", warnings);
		return VIEW;
	}

}
