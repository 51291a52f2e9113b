package org.smguard.account;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.smguard.system.FormErrors;
import org.smguard.validation.ValidationException;

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
 * The signed-in user's own API tokens: the list, the form that makes one and a revoke
 * button per token. A new token is handed to the next page load as a flash attribute
 * (post/redirect/get) and so is shown exactly once.
 */
@Controller
@RequestMapping("/account/tokens")
class ApiTokenController {

	static final String VIEW = "account/tokens";

	private final ApiTokenService tokens;

	ApiTokenController(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping
	String list(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new NewApiTokenForm());
		}
		Instant now = this.tokens.now();
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		model.addAttribute("tokens", this.tokens.mine());
		model.addAttribute("now", now);
		model.addAttribute("firstExpiryDay", today.plusDays(1));
		model.addAttribute("lastExpiryDay", today.plusDays(ApiTokenRules.MAX_LIFETIME_DAYS));
		return VIEW;
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") NewApiTokenForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		Instant expiresAt = null;
		if (!result.hasFieldErrors("expiresOn") && form.getExpiresOn() != null && !form.getExpiresOn().isBlank()) {
			try {
				expiresAt = LocalDate.parse(form.getExpiresOn().strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			catch (DateTimeParseException ex) {
				result.rejectValue("expiresOn", "invalid", "must be a day such as 2026-12-31");
			}
		}
		if (!result.hasErrors()) {
			try {
				String name = (form.getName() != null) ? form.getName().strip() : null;
				NewApiToken made = this.tokens.create(name, expiresAt);
				redirect.addFlashAttribute("newTokenName", made.token().name());
				redirect.addFlashAttribute("newTokenSecret", made.secret());
				return "redirect:/account/tokens";
			}
			catch (ValidationException ex) {
				FormErrors.reject(result, ex.violations(), NewApiTokenForm.FIELDS);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return list(model);
	}

	@PostMapping("/{id}/revoke")
	String revoke(@PathVariable long id, RedirectAttributes redirect) {
		ApiToken revoked = this.tokens.revoke(id);
		redirect.addFlashAttribute("message", "Revoked token " + revoked.name() + ": it no longer works.");
		return "redirect:/account/tokens";
	}

}
