package org.smguard.shells;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.smguard.policies.DraftTab;
import org.smguard.policy.DraftSection;
import org.smguard.policy.DraftSettings;
import org.smguard.policy.PolicyService;
import org.smguard.policy.ShellsValidator;

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
 * The valid-shells tab of the draft editor ({@code /etc/shells}).
 */
@Controller
@RequestMapping("/policies/{policy}/shells")
class ShellsController {

	static final String VIEW = "shells/edit";

	private final PolicyService policies;

	ShellsController(PolicyService policies) {
		this.policies = policies;
	}

	@GetMapping
	String edit(@PathVariable String policy, Model model) {
		DraftSettings draft = this.policies.draftSettings(policy);
		model.addAttribute("form", ShellsForm.of(draft));
		return view(policy, draft, model);
	}

	@PostMapping
	String save(@PathVariable String policy, @Valid @ModelAttribute("form") ShellsForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			if (DraftTab.change(this.policies, policy, form.getDraftRevision(), DraftSection.SHELLS,
					(draft) -> draft.withShells(form.toSection()), result, ShellsForm.FIELDS)) {
				redirect.addFlashAttribute("message", "Valid shells saved in the draft.");
				return "redirect:/policies/" + policy + "/shells";
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return view(policy, this.policies.draftSettings(policy), model);
	}

	private String view(String policy, DraftSettings draft, Model model) {
		DraftTab.show(model, policy, draft, ShellsValidator.SECTION, ShellsForm.FIELDS);
		return VIEW;
	}

}
