package org.smguard.advisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.smguard.validation.ValidationException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The advisor in the editors: "apply the recommended value" writes it into the draft and
 * returns to the tab it was asked from; and the check of a host's /etc/passwd against the
 * policy's valid shells.
 */
@Controller
class AdvisorController {

	/** The editor tabs a fix may return to. */
	static final Set<String> TABS = Set.of("trusted-users", "shells", "smrsh", "forwards", "options");

	static final String PASSWD_VIEW = "advisor/passwd";

	static final String ROUTE_VIEW = "advisor/mail-route";

	private final AdvisorService advice;

	AdvisorController(AdvisorService advice) {
		this.advice = advice;
	}

	@PostMapping("/policies/{policy}/advice/apply")
	String apply(@PathVariable String policy, @RequestParam String field, @RequestParam long draftRevision,
			@RequestParam(defaultValue = "options") String back, RedirectAttributes redirect) {
		String tab = TABS.contains(back) ? back : "options";
		try {
			this.advice.applyRecommended(policy, field, draftRevision);
			redirect.addFlashAttribute("message", "Applied the advisor's recommended value of " + field
					+ " to the draft; it reaches hosts once saved as a version, reviewed and published.");
		}
		catch (ValidationException ex) {
			redirect.addFlashAttribute("errorMessage",
					"Not applied: " + ex.violations().get(0).field() + " " + ex.violations().get(0).message());
		}
		return "redirect:/policies/" + policy + "/" + tab;
	}

	@GetMapping("/policies/{policy}/mail-route")
	String mailRoute(@PathVariable String policy, @RequestParam(required = false) String user,
			@RequestParam(required = false) String detail, @RequestParam(required = false) String home,
			@RequestParam(required = false) String host, @RequestParam(required = false) Integer version, Model model,
			HttpServletResponse response) {
		return mailRoute(policy, user, detail, home, host, version, null, model, response);
	}

	/** The same, with the host's /etc/passwd pasted in (too large for a URL). */
	@PostMapping("/policies/{policy}/mail-route")
	String mailRoute(@PathVariable String policy, @RequestParam(required = false) String user,
			@RequestParam(required = false) String detail, @RequestParam(required = false) String home,
			@RequestParam(required = false) String host, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String passwd, Model model, HttpServletResponse response) {
		model.addAttribute("policyName", policy);
		model.addAttribute("user", user);
		model.addAttribute("detail", detail);
		model.addAttribute("home", home);
		model.addAttribute("host", host);
		model.addAttribute("version", version);
		model.addAttribute("passwd", passwd);
		if (user != null) {
			try {
				model.addAttribute("route", this.advice.mailRoute(policy, version, user, detail, home, host, passwd));
			}
			catch (ValidationException ex) {
				response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
				model.addAttribute("errorMessage",
						ex.violations().get(0).field() + " " + ex.violations().get(0).message() + ".");
			}
		}
		return ROUTE_VIEW;
	}

	@GetMapping("/policies/{policy}/passwd-check")
	String passwdForm(@PathVariable String policy, Model model) {
		model.addAttribute("policyName", policy);
		return PASSWD_VIEW;
	}

	@PostMapping("/policies/{policy}/passwd-check")
	String passwdCheck(@PathVariable String policy, @RequestParam(defaultValue = "") String passwd,
			@RequestParam(required = false) MultipartFile passwdFile, @RequestParam(defaultValue = "") String hostName,
			@RequestParam(required = false) Integer version, Model model, HttpServletResponse response)
			throws IOException {
		model.addAttribute("policyName", policy);
		model.addAttribute("hostName", hostName);
		model.addAttribute("version", version);
		String text = (passwdFile != null && !passwdFile.isEmpty())
				? new String(passwdFile.getBytes(), StandardCharsets.UTF_8) : passwd;
		try {
			model.addAttribute("report", this.advice.passwdCheck(policy, version, text, hostName));
		}
		catch (ValidationException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("errorMessage", "The password file " + ex.violations().get(0).message() + ".");
		}
		return PASSWD_VIEW;
	}

	/**
	 * Adds the advice on the draft to the editor tabs ({@code GET /policies/{p}/<tab>}),
	 * to show beside the fields.
	 */
	@ControllerAdvice(annotations = Controller.class)
	static class EditorAdvice {

		private final ObjectProvider<AdvisorService> advice;

		EditorAdvice(ObjectProvider<AdvisorService> advice) {
			this.advice = advice;
		}

		@ModelAttribute("draftAdvice")
		Advice draftAdvice(@PathVariable(name = "policy", required = false) String policy, HttpServletRequest request) {
			AdvisorService service = this.advice.getIfAvailable();
			if (policy == null || service == null || !"GET".equals(request.getMethod())) {
				return null;
			}
			String path = request.getRequestURI().substring(request.getContextPath().length());
			String prefix = "/policies/" + policy + "/";
			if (!path.startsWith(prefix) || !TABS.contains(path.substring(prefix.length()))) {
				return null;
			}
			return service.draftSettings(policy);
		}

		/**
		 * The advice summaries of other pages: of each draft on the Policies page, of the
		 * version on a version page. Both read settings only, never override files.
		 */
		@ModelAttribute("advice")
		Object pageAdvice(@PathVariable(name = "policy", required = false) String policy,
				@PathVariable(name = "number", required = false) String number, HttpServletRequest request) {
			AdvisorService service = this.advice.getIfAvailable();
			if (service == null || !"GET".equals(request.getMethod())) {
				return null;
			}
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (path.equals("/policies")) {
				Map<String, Advice> drafts = new HashMap<>();
				service.policyNames().forEach((name) -> drafts.put(name, service.draftSettings(name)));
				return drafts;
			}
			if (policy != null && number != null && path.equals("/policies/" + policy + "/versions/" + number)) {
				return service.versionSettings(policy, Integer.parseInt(number));
			}
			return null;
		}

	}

}
