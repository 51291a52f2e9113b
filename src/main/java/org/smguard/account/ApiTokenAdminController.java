package org.smguard.account;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin page of every account's API tokens, or one account's ({@code ?user=}), each with
 * a revoke button: what to do when a token leaks or its owner leaves.
 */
@Controller
@RequestMapping("/admin/tokens")
class ApiTokenAdminController {

	static final String VIEW = "account/admin-tokens";

	private final ApiTokenService tokens;

	ApiTokenAdminController(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping
	String list(@RequestParam(required = false) String user, Model model) {
		boolean filtered = user != null && !user.isBlank();
		model.addAttribute("user", filtered ? user.strip() : "");
		model.addAttribute("tokens", filtered ? this.tokens.of(user.strip()) : this.tokens.all());
		model.addAttribute("now", this.tokens.now());
		return VIEW;
	}

	@PostMapping("/{id}/revoke")
	String revoke(@PathVariable long id, @RequestParam(required = false) String user, RedirectAttributes redirect) {
		ApiToken revoked = this.tokens.revoke(id);
		redirect.addFlashAttribute("message",
				"Revoked token " + revoked.name() + " of " + revoked.owner() + ": it no longer works.");
		if (user != null && !user.isBlank()) {
			redirect.addAttribute("user", user.strip());
		}
		return "redirect:/admin/tokens";
	}

}
