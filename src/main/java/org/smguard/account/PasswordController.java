package org.smguard.account;

import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.smguard.system.FormErrors;
import org.smguard.system.SecurityConfiguration;
import org.smguard.system.SignedInSession;
import org.smguard.validation.ValidationException;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every signed-in user changes their own password here. An account whose password must
 * change is confined to this page until it does. A change ends the account's other
 * sessions; this one is given the account as it now is, under a new session id, and goes
 * on without signing in again.
 */
@Controller
@RequestMapping("/account/password")
class PasswordController {

	static final String VIEW = "account/password";

	private final AccountService accounts;

	private final AccountUserDetailsService userDetails;

	private final PasswordRules rules;

	PasswordController(AccountService accounts, AccountUserDetailsService userDetails, PasswordRules rules) {
		this.accounts = accounts;
		this.userDetails = userDetails;
		this.rules = rules;
	}

	@GetMapping
	String form(Model model, Authentication authentication) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new PasswordChangeForm());
		}
		model.addAttribute("changeRequired", changeRequired(authentication));
		model.addAttribute("minLength", this.rules.minLength());
		return VIEW;
	}

	@PostMapping
	String change(@Valid @ModelAttribute("form") PasswordChangeForm form, BindingResult result, Model model,
			Authentication authentication, RedirectAttributes redirect, HttpServletRequest request,
			HttpServletResponse response) {
		if (!result.hasFieldErrors("newPassword") && !result.hasFieldErrors("repeatPassword")
				&& !Objects.equals(form.getNewPassword(), form.getRepeatPassword())) {
			result.rejectValue("repeatPassword", "mismatch", "does not match the new password");
		}
		if (!result.hasErrors()) {
			try {
				this.accounts.changeOwnPassword(form.getCurrentPassword(), form.getNewPassword());
				// The change ends the account's other sessions, not this one.
				SignedInSession.renew(this.userDetails.loadUserByUsername(authentication.getName()), request, response);
				redirect.addFlashAttribute("message", "Your password has been changed.");
				return "redirect:/policies";
			}
			catch (ValidationException ex) {
				FormErrors.reject(result, ex.violations(), PasswordChangeForm.FIELDS);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return form(model, authentication);
	}

	private static boolean changeRequired(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.anyMatch((a) -> SecurityConfiguration.PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()));
	}

}
