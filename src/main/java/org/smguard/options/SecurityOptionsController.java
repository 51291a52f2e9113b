package org.smguard.options;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.smguard.policies.DraftTab;
import org.smguard.policy.DraftSection;
import org.smguard.policy.DraftSettings;
import org.smguard.policy.PolicyService;
import org.smguard.policy.SecurityOptionsValidator;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The security options tab of the draft editor.
 */
@Controller
@RequestMapping("/policies/{policy}/options")
class SecurityOptionsController {

	static final String VIEW = "options/edit";

	private final PolicyService policies;

	SecurityOptionsController(PolicyService policies) {
		this.policies = policies;
	}

	@GetMapping
	String edit(@PathVariable String policy, Model model) {
		DraftSettings draft = this.policies.draftSettings(policy);
		model.addAttribute("form", SecurityOptionsForm.of(draft));
		return view(policy, draft, model);
	}

	@PostMapping
	String save(@PathVariable String policy, @Valid @ModelAttribute("form") SecurityOptionsForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		form.rejectUnconvertible(result);
		if (!result.hasErrors()) {
			if (DraftTab.change(this.policies, policy, form.getDraftRevision(), DraftSection.OPTIONS,
					(draft) -> draft.withOptions(form.applyTo(draft.options())), result, SecurityOptionsForm.FIELDS)) {
				redirect.addFlashAttribute("message", "Security options saved in the draft.");
				return "redirect:/policies/" + policy + "/options";
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return view(policy, this.policies.draftSettings(policy), model);
	}

	private String view(String policy, DraftSettings draft, Model model) {
		DraftTab.show(model, policy, draft, SecurityOptionsValidator.SECTION, SecurityOptionsForm.FIELDS);
		return VIEW;
	}

}
