package org.smguard.smrsh;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.smguard.policy.PolicyService;
import org.smguard.system.NotFoundException;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The smrsh simulator page. The POST changes nothing, so it answers with the verdicts
 * directly instead of redirecting: the input stays in the form to be tried again.
 */
@Controller
@RequestMapping("/policies/{policy}/smrsh/simulate")
class SmrshSimulatorController {

	static final String VIEW = "smrsh/simulate";

	/** How many versions the version field offers, newest first. */
	private static final int OFFERED_VERSIONS = 50;

	private final PolicyService policies;

	private final SmrshSimulation simulation;

	SmrshSimulatorController(PolicyService policies, SmrshSimulation simulation) {
		this.policies = policies;
		this.simulation = simulation;
	}

	@GetMapping
	String form(@PathVariable String policy, Model model) {
		model.addAttribute("form", new SimulateForm());
		return view(policy, model);
	}

	@PostMapping
	String simulate(@PathVariable String policy, @Valid @ModelAttribute("form") SimulateForm form, BindingResult result,
			Model model, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				model.addAttribute("result", this.simulation.simulate(policy, form.toRequest()));
				return view(policy, model);
			}
			catch (ValidationException ex) {
				ex.violations().forEach((violation) -> reject(violation, form, result));
			}
			catch (NotFoundException ex) {
				// A missing policy stays a 404 page; a missing version is the form's
				// error.
				this.policies.summary(policy);
				result.rejectValue("version", "missing", ex.getMessage());
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return view(policy, model);
	}

	private static void reject(Violation violation, SimulateForm form, BindingResult result) {
		String field = violation.field();
		if (field.equals("version") || field.equals("format")) {
			result.rejectValue(field, "invalid", violation.message());
		}
		else if (field.startsWith("commands[")) {
			int index = Integer.parseInt(field.substring("commands[".length(), field.length() - 1));
			result.rejectValue("input", "invalid", "line " + form.lineOf(index) + ": " + violation.message());
		}
		else {
			result.rejectValue("input", "invalid", violation.message());
		}
	}

	private String view(String policy, Model model) {
		model.addAttribute("policyName", policy);
		model.addAttribute("draft", this.policies.draftSettings(policy));
		model.addAttribute("versions", this.policies.versions(policy, 0, OFFERED_VERSIONS).items());
		return VIEW;
	}

}
