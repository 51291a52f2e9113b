package org.smguard.smrsh;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.smguard.policies.DraftTab;
import org.smguard.policy.DraftSection;
import org.smguard.policy.DraftSettings;
import org.smguard.policy.PolicyService;
import org.smguard.policy.Smrsh;
import org.smguard.policy.SmrshValidator;

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
 * The smrsh tab of the draft editor.
 */
@Controller
@RequestMapping("/policies/{policy}/smrsh")
class SmrshController {

	static final String VIEW = "smrsh/edit";

	private final PolicyService policies;

	SmrshController(PolicyService policies) {
		this.policies = policies;
	}

	@GetMapping
	String edit(@PathVariable String policy, Model model) {
		DraftSettings draft = this.policies.draftSettings(policy);
		model.addAttribute("form", SmrshForm.of(draft));
		return view(policy, draft, model);
	}

	@PostMapping
	String save(@PathVariable String policy, @Valid @ModelAttribute("form") SmrshForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		Smrsh section = form.toSection(result);
		if (!result.hasErrors()) {
			if (DraftTab.change(this.policies, policy, form.getDraftRevision(), DraftSection.SMRSH,
					(draft) -> draft.withSmrsh(section), result, SmrshForm.FIELDS)) {
				redirect.addFlashAttribute("message", "smrsh settings saved in the draft.");
				return "redirect:/policies/" + policy + "/smrsh";
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return view(policy, this.policies.draftSettings(policy), model);
	}

	private String view(String policy, DraftSettings draft, Model model) {
		DraftTab.show(model, policy, draft, SmrshValidator.SECTION, SmrshForm.FIELDS);
		return VIEW;
	}

}
