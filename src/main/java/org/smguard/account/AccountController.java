package org.smguard.account;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.smguard.system.ConflictException;
import org.smguard.system.CurrentUser;
import org.smguard.system.FormErrors;
import org.smguard.system.Role;
import org.smguard.system.SignedInSession;
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
 * Admin pages for console accounts: the list with the create form, and one page per
 * account to change its roles, enable or disable it and reset its password. A refused
 * change (a rule, a taken name, the last admin) re-renders the form with the reason
 * beside the field it concerns. Changing an account's roles, disabling it or resetting
 * its password ends its signed-in sessions.
 */
@Controller
@RequestMapping("/admin/users")
class AccountController {

	static final String LIST_VIEW = "account/list";

	static final String EDIT_VIEW = "account/edit";

	private final AccountService accounts;

	private final AccountUserDetailsService userDetails;

	private final PasswordRules rules;

	AccountController(AccountService accounts, AccountUserDetailsService userDetails, PasswordRules rules) {
		this.accounts = accounts;
		this.userDetails = userDetails;
		this.rules = rules;
	}

	@ModelAttribute("allRoles")
	List<Role> allRoles() {
		return List.of(Role.values());
	}

	@ModelAttribute("minLength")
	int minLength() {
		return this.rules.minLength();
	}

	@GetMapping
	String list(Model model) {
		if (!model.containsAttribute("newAccount")) {
			model.addAttribute("newAccount", new NewAccountForm());
		}
		model.addAttribute("accounts", this.accounts.list());
		return LIST_VIEW;
	}

	@PostMapping
	String create(@Valid @ModelAttribute("newAccount") NewAccountForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				Account created = this.accounts.create(form.getUsername(), form.getPassword(), form.getRoles(),
						form.isMustChangePassword());
				redirect.addFlashAttribute("message", "Created account " + created.username() + ".");
				return "redirect:/admin/users";
			}
			catch (ValidationException ex) {
				FormErrors.reject(result, ex.violations(), NewAccountForm.FIELDS);
			}
			catch (ConflictException ex) {
				result.rejectValue("username", "taken", ex.getMessage());
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return list(model);
	}

	@GetMapping("/{username}")
	String edit(@PathVariable String username, Model model) {
		Account account = this.accounts.get(username);
		model.addAttribute("account", account);
		if (!model.containsAttribute("rolesForm")) {
			model.addAttribute("rolesForm", AccountRolesForm.of(account));
		}
		if (!model.containsAttribute("statusForm")) {
			AccountStatusForm status = new AccountStatusForm();
			status.setEnabled(!account.enabled());
			model.addAttribute("statusForm", status);
		}
		if (!model.containsAttribute("passwordForm")) {
			model.addAttribute("passwordForm", new ResetPasswordForm());
		}
		return EDIT_VIEW;
	}

	@PostMapping("/{username}/roles")
	String changeRoles(@PathVariable String username, @ModelAttribute("rolesForm") AccountRolesForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletRequest request,
			HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				this.accounts.update(username, form.getRoles(), null);
				keepOwnSession(username, request, response);
				redirect.addFlashAttribute("message", "Changed the roles of " + username + ".");
				redirect.addAttribute("username", username);
				return "redirect:/admin/users/{username}";
			}
			catch (ValidationException ex) {
				FormErrors.reject(result, ex.violations(), AccountRolesForm.FIELDS);
			}
			catch (ConflictException ex) {
				result.reject("lastAdmin", ex.getMessage());
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return edit(username, model);
	}

	@PostMapping("/{username}/enabled")
	String changeEnabled(@PathVariable String username, @ModelAttribute("statusForm") AccountStatusForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				this.accounts.update(username, null, form.isEnabled());
				redirect.addFlashAttribute("message",
						(form.isEnabled() ? "Enabled" : "Disabled") + " account " + username + ".");
				redirect.addAttribute("username", username);
				return "redirect:/admin/users/{username}";
			}
			catch (ValidationException ex) {
				FormErrors.reject(result, ex.violations(), AccountStatusForm.FIELDS);
			}
			catch (ConflictException ex) {
				result.reject("lastAdmin", ex.getMessage());
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return edit(username, model);
	}

	@PostMapping("/{username}/password")
	String resetPassword(@PathVariable String username, @Valid @ModelAttribute("passwordForm") ResetPasswordForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletRequest request,
			HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				this.accounts.resetPassword(username, form.getPassword(), form.isMustChangePassword());
				keepOwnSession(username, request, response);
				redirect.addFlashAttribute("message", "Set a new password for " + username
						+ (form.isMustChangePassword() ? "; it must be changed at next sign-in." : "."));
				redirect.addAttribute("username", username);
				return "redirect:/admin/users/{username}";
			}
			catch (ValidationException ex) {
				FormErrors.reject(result, ex.violations(), ResetPasswordForm.FIELDS);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return edit(username, model);
	}

	/**
	 * A change to an account ends its sessions; an admin who changed their own account
	 * here goes on in this session, with the account as it now is.
	 */
	private void keepOwnSession(String username, HttpServletRequest request, HttpServletResponse response) {
		if (username.equals(CurrentUser.name())) {
			SignedInSession.renew(this.userDetails.loadUserByUsername(username), request, response);
		}
	}

}
