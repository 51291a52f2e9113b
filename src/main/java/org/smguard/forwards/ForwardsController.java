package org.smguard.forwards;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.smguard.policies.DraftTab;
import org.smguard.policy.Draft;
import org.smguard.policy.Forwards;
import org.smguard.policy.ForwardsValidator;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.PolicyService;
import org.smguard.system.FormErrors;
import org.smguard.system.FormFields;
import org.smguard.validation.FieldPath;
import org.smguard.validation.ValidationException;

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

	/** Where the removal of a file shows violations: all of them above the list. */
	static final FormFields REMOVAL_FIELDS = FormFields.none()
		.elsewhere(ForwardsValidator.OVERRIDES, "Override files")
		.elsewhere(ManagedOption.FORWARD_PATH.path(), FORWARD_PATH_LABEL);

	private final PolicyService policies;

	ForwardsController(PolicyService policies) {
		this.policies = policies;
	}

	@GetMapping
	String edit(@PathVariable String policy, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String edit, Model model) {
		Draft draft = this.policies.draft(policy);
		Forwards.OverrideFile existing = (edit != null) ? draft.policy()
			.forwards()
			.overrides()
			.stream()
			.filter((override) -> override.user().equals(edit))
			.findFirst()
			.orElse(null) : null;
		model.addAttribute("override", OverrideForm.of(draft, existing));
		return view(policy, draft, q, page, model);
	}

	@PostMapping
	String saveDirectory(@PathVariable String policy, @Valid @ModelAttribute("form") ForwardsForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			if (DraftTab.change(this.policies, policy, form.getDraftRevision(),
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
			// Where the file lands in the changed list, to show its violations beside the
			// fields.
			AtomicInteger position = new AtomicInteger(-1);
			try {
				this.policies.changeDraft(policy, form.getDraftRevision(), (draft) -> {
					Forwards changed = form.applyTo(draft.forwards());
					position.set(changed.overrides().size() - 1);
					return draft.withForwards(changed);
				});
				String user = form.toOverride().user();
				redirect.addFlashAttribute("message", "Override file of " + user + " saved in the draft.");
				redirect.addAttribute("q", user);
				return redirectToTab(policy);
			}
			catch (ValidationException ex) {
				FormErrors.reject(result, ex.violations(), overrideFields(position.get()));
			}
		}
		return invalid(policy, "", 0, model, response);
	}

	@PostMapping("/overrides/remove")
	String removeOverride(@PathVariable String policy, @Valid @ModelAttribute("removal") RemoveOverrideForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			if (DraftTab.change(this.policies, policy, form.getDraftRevision(),
					(draft) -> draft.withForwards(form.applyTo(draft.forwards())), result, REMOVAL_FIELDS)) {
				redirect.addFlashAttribute("message",
						"Override file of " + form.getUser() + " removed from the draft.");
				redirect.addAttribute("q", form.getQ());
				redirect.addAttribute("page", form.getPage());
				return redirectToTab(policy);
			}
		}
		return invalid(policy, form.getQ(), form.getPage(), model, response);
	}

	/**
	 * Where the override form shows violations when its file is entry {@code position} of
	 * the changed list ({@code -1} when the change was refused before it was made). A
	 * violation of the list as a whole (too many files) is shown beside the user, whose
	 * file it is about.
	 */
	static FormFields overrideFields(int position) {
		FormFields fields = FormFields.none()
			.field(ForwardsValidator.OVERRIDES, "user", "Override files")
			.elsewhere(ManagedOption.FORWARD_PATH.path(), FORWARD_PATH_LABEL);
		if (position < 0) {
			return fields;
		}
		FieldPath entry = ForwardsValidator.OVERRIDES.index(position);
		return fields.field(entry.name(ForwardsValidator.USER), "user", "User")
			.field(entry.name(ForwardsValidator.CONTENT), "content", "Content of the file");
	}

	private static String redirectToTab(String policy) {
		return "redirect:/policies/" + policy + "/forwards";
	}

	private String invalid(String policy, String q, int page, Model model, HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return view(policy, this.policies.draft(policy), q, page, model);
	}

	private String view(String policy, Draft draft, String q, int page, Model model) {
		Forwards forwards = draft.policy().forwards();
		DraftTab.show(model, policy, draft, ForwardsValidator.SECTION, DIRECTORY_FIELDS);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", ForwardsForm.of(draft));
		}
		if (!model.containsAttribute("override")) {
			model.addAttribute("override", OverrideForm.of(draft, null));
		}
		String query = (q != null) ? q.strip() : "";
		model.addAttribute("overrides", OverridePage.of(forwards.overrides(), query, page));
		return VIEW;
	}

}
