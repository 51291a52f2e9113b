package org.smguard.hosts;

import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.smguard.policy.PolicyService;
import org.smguard.system.ConflictException;
import org.smguard.system.FormErrors;
import org.smguard.validation.ValidationException;

import org.springframework.beans.factory.annotation.Value;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The Hosts page: registered mail hosts {@value #PAGE_SIZE} a page, with what each
 * installed against what its policy publishes (drift) and when it last asked (silent when
 * longer ago than {@code smguard.hosts.silent-after}). Admins register hosts, rotate
 * tokens and revoke hosts; a new token is handed to the next page load as a flash
 * attribute (post/redirect/get) with the commands that set the host up, and so is shown
 * exactly once.
 */
@Controller
@RequestMapping("/hosts")
class HostsController {

	static final String VIEW = "hosts/list";

	static final int PAGE_SIZE = 50;

	private final HostService hosts;

	private final PolicyService policies;

	private final Duration silentAfter;

	HostsController(HostService hosts, PolicyService policies,
			@Value("${smguard.hosts.silent-after:25h}") Duration silentAfter) {
		this.hosts = hosts;
		this.policies = policies;
		this.silentAfter = silentAfter;
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new NewHostForm());
		}
		HostPage found = this.hosts.page(Math.max(0, page), PAGE_SIZE);
		model.addAttribute("hosts", found);
		model.addAttribute("now", this.hosts.now());
		model.addAttribute("silentAfter", this.silentAfter);
		model.addAttribute("silentAfterText", describe(this.silentAfter));
		model.addAttribute("policyNames", this.policies.names());
		return VIEW;
	}

	@PostMapping
	String register(@Valid @ModelAttribute("form") NewHostForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				NewHost made = this.hosts.register(strip(form.getName()), strip(form.getPolicy()));
				showToken(redirect, made,
						"Registered host " + made.host().name() + " for policy " + made.host().policy() + ".");
				return "redirect:/hosts";
			}
			catch (ValidationException ex) {
				FormErrors.reject(result, ex.violations(), NewHostForm.FIELDS);
			}
			catch (ConflictException ex) {
				result.rejectValue("name", "taken", "a host of this name is registered already");
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return list(0, model);
	}

	@PostMapping("/{name}/token")
	String rotate(@PathVariable String name, RedirectAttributes redirect) {
		NewHost rotated = this.hosts.rotate(name);
		showToken(redirect, rotated, "Gave host " + name + " a new token: the old one no longer works.");
		return "redirect:/hosts";
	}

	@PostMapping("/{name}/revoke")
	String revoke(@PathVariable String name, RedirectAttributes redirect) {
		Host revoked = this.hosts.revoke(name);
		redirect.addFlashAttribute("message", "Revoked host " + revoked.name() + ": its token no longer works.");
		return "redirect:/hosts";
	}

	private static void showToken(RedirectAttributes redirect, NewHost made, String message) {
		redirect.addFlashAttribute("message", message);
		redirect.addFlashAttribute("newHostName", made.host().name());
		redirect.addFlashAttribute("newHostToken", made.token());
		redirect.addFlashAttribute("hostSetup",
				HostSetup.commands(made.token(), ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()));
	}

	private static String strip(String text) {
		return (text != null) ? text.strip() : null;
	}

	private static String describe(Duration duration) {
		if (duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0) {
			return duration.toHours() + " h";
		}
		return duration.toMinutes() + " min";
	}

}
