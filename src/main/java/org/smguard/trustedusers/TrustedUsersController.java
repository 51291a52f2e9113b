package org.smguard.trustedusers;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.smguard.policies.DraftTab;
import org.smguard.policy.DraftSection;
import org.smguard.policy.DraftSettings;
import org.smguard.policy.PolicyService;
import org.smguard.policy.TrustedUsersValidator;

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
 * The trusted-users tab of the draft editor.
 */
@Controller
@RequestMapping("/policies/{policy}/trusted-users")
class TrustedUsersController {

	static final String VIEW = "trustedusers/edit";

	private final PolicyService policies;

	TrustedUsersController(PolicyService policies) {
		this.policies = policies;
	}

	@GetMapping
	String edit(@PathVariable String policy, Model model) {
		model.addAttribute("form", TrustedUsersForm.of(this.policies.draftSettings(policy)));
		return view(policy, model);
	}

	@PostMapping
	String save(@PathVariable String policy, @Valid @ModelAttribute("form") TrustedUsersForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			if (DraftTab.change(this.policies, policy, form.getDraftRevision(), DraftSection.TRUSTED_USERS,
					(draft) -> draft.withTrustedUsers(form.toSection()), result, TrustedUsersForm.FIELDS)) {
				redirect.addFlashAttribute("message", "Trusted users saved in the draft.");
				return "redirect:/policies/" + policy + "/trusted-users";
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return view(policy, model);
	}

	private String view(String policy, Model model) {
		DraftSettings draft = this.policies.draftSettings(policy);
		DraftTab.show(model, policy, draft, TrustedUsersValidator.SECTION, TrustedUsersForm.FIELDS);
		return VIEW;
	}

}
