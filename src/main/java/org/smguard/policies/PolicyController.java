package org.smguard.policies;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.smguard.policy.DraftConflictException;
import org.smguard.policy.DraftSettings;
import org.smguard.policy.OverridePage;
import org.smguard.policy.PolicyService;
import org.smguard.policy.PolicyService.VersionSettingsSnapshot;
import org.smguard.policy.PolicySummary;
import org.smguard.policy.ReviewService;
import org.smguard.policy.VersionInfo;
import org.smguard.system.CurrentUser;
import org.smguard.system.FormErrors;
import org.smguard.system.FormFields;
import org.smguard.validation.FieldPath;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Browser pages: the policy list, creating a policy, the history, saving the draft as a
 * version and viewing a version read-only.
 */
@Controller
class PolicyController {

	static final String LIST_VIEW = "policy/list";

	static final String VERSIONS_VIEW = "policy/versions";

	static final String VERSION_VIEW = "policy/version";

	private static final int PAGE_SIZE = 20;

	/** Override files per page of a version, as on the draft's overrides tab. */
	static final int OVERRIDE_PAGE_SIZE = 50;

	/** How many of the changes that made a copy stale its message names. */
	private static final int MAX_CHANGES_NAMED = 3;

	private final PolicyService policies;

	private final ReviewService review;

	PolicyController(PolicyService policies, ReviewService review) {
		this.policies = policies;
		this.review = review;
	}

	/** The create form. */
	static class NewPolicyForm {

		/** Where the page shows the violations the service finds, and its labels. */
		static final FormFields FIELDS = FormFields.none()
			.field(FieldPath.of("name"), "name", "Name")
			.field(FieldPath.of("description"), "description", "Description")
			.field(FieldPath.of("copyFrom"), "copyFrom", "Start from");

		@NotBlank
		@Size(max = 64)
		private String name = "";

		@Size(max = 500)
		private String description = "";

		private String copyFrom = "";

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getDescription() {
			return this.description;
		}

		public void setDescription(String description) {
			this.description = description;
		}

		public String getCopyFrom() {
			return this.copyFrom;
		}

		public void setCopyFrom(String copyFrom) {
			this.copyFrom = copyFrom;
		}

	}

	/** The copy-to-draft form of a version page: the draft revision it was shown with. */
	static class CopyToDraftForm {

		@NotNull
		private Long draftRevision;

		public Long getDraftRevision() {
			return this.draftRevision;
		}

		public void setDraftRevision(Long draftRevision) {
			this.draftRevision = draftRevision;
		}

	}

	/** The save-version form. */
	static class SaveVersionForm {

		/**
		 * Where the page shows the violations the service finds, and its labels. The
		 * service checks the whole draft again, so any field of the policy may show up
		 * above the form.
		 */
		static final FormFields FIELDS = FormFields.none()
			.field(FieldPath.of("message"), "message", "What changed, and why")
			.elsewhere(FieldPath.of("draft"), "The draft");

		@NotBlank
		@Size(max = 1000)
		private String message = "";

		private long draftRevision;

		public String getMessage() {
			return this.message;
		}

		public void setMessage(String message) {
			this.message = message;
		}

		public long getDraftRevision() {
			return this.draftRevision;
		}

		public void setDraftRevision(long draftRevision) {
			this.draftRevision = draftRevision;
		}

	}

	@GetMapping("/policies")
	String list(Model model) {
		model.addAttribute("policies", this.policies.list());
		if (!model.containsAttribute("newPolicy")) {
			model.addAttribute("newPolicy", new NewPolicyForm());
		}
		return LIST_VIEW;
	}

	@PostMapping("/policies")
	String create(@Valid @ModelAttribute("newPolicy") NewPolicyForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				String copyFrom = form.getCopyFrom().isEmpty() ? null : form.getCopyFrom();
				this.policies.create(form.getName(), form.getDescription(), copyFrom);
				redirect.addFlashAttribute("message", "Created policy " + form.getName() + ".");
				return "redirect:/policies/" + form.getName() + "/trusted-users";
			}
			catch (ValidationException ex) {
				FormErrors.reject(result, ex.violations(), NewPolicyForm.FIELDS);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("policies", this.policies.list());
		return LIST_VIEW;
	}

	@GetMapping("/policies/{policy}")
	String show(@PathVariable String policy) {
		this.policies.summary(policy);
		return "redirect:/policies/" + policy + "/trusted-users";
	}

	@GetMapping("/policies/{policy}/versions")
	String versions(@PathVariable String policy, @RequestParam(defaultValue = "0") int page, Model model) {
		DraftSettings draft = this.policies.draftSettings(policy);
		model.addAttribute("policyName", policy);
		model.addAttribute("draft", draft);
		model.addAttribute("summary", this.policies.summary(policy));
		model.addAttribute("history", this.policies.versions(policy, Math.max(page, 0), PAGE_SIZE));
		if (!model.containsAttribute("saveVersion")) {
			SaveVersionForm form = new SaveVersionForm();
			form.setDraftRevision(draft.revision());
			model.addAttribute("saveVersion", form);
		}
		return VERSIONS_VIEW;
	}

	@PostMapping("/policies/{policy}/versions")
	String saveVersion(@PathVariable String policy, @Valid @ModelAttribute("saveVersion") SaveVersionForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				VersionInfo saved = this.policies.saveVersion(policy, form.getMessage(), form.getDraftRevision());
				redirect.addFlashAttribute("message", "Saved version " + saved.number() + ".");
				return "redirect:/policies/" + policy + "/versions";
			}
			catch (ValidationException ex) {
				FormErrors.reject(result, ex.violations(), SaveVersionForm.FIELDS);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return versions(policy, 0, model);
	}

	/**
	 * A version read-only, with one page of its override files: {@code q} filters them by
	 * a user prefix, {@code page} pages them; a page past the last shows the last.
	 */
	@GetMapping("/policies/{policy}/versions/{number:\\d+}")
	String version(@PathVariable String policy, @PathVariable int number, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "0") int page, Model model) {
		VersionSettingsSnapshot version = this.policies.versionSettings(policy, number);
		String prefix = q.strip();
		OverridePage overrides = this.policies.versionOverrides(policy, number, prefix, Math.max(page, 0),
				OVERRIDE_PAGE_SIZE);
		if (overrides.items().isEmpty() && overrides.page() >= overrides.totalPages()) {
			overrides = this.policies.versionOverrides(policy, number, prefix, overrides.totalPages() - 1,
					OVERRIDE_PAGE_SIZE);
		}
		PolicySummary summary = this.policies.summary(policy);
		model.addAttribute("policyName", policy);
		model.addAttribute("version", version);
		model.addAttribute("policy", version.policy());
		model.addAttribute("overrides", overrides);
		model.addAttribute("reviews", this.review.history(policy, number));
		model.addAttribute("acknowledgements", this.review.acknowledgements(policy, number));
		model.addAttribute("summary", summary);
		model.addAttribute("currentVersion", summary.currentVersion());
		model.addAttribute("me", CurrentUser.name());
		return VERSION_VIEW;
	}

	/**
	 * Makes the draft hold this version's content. A refusal (the draft changed since the
	 * page was loaded, or the version breaks rules made stricter since) leads back to the
	 * version page, whose form then carries the current draft revision.
	 */
	@PostMapping("/policies/{policy}/versions/{number:\\d+}/copy-to-draft")
	String copyToDraft(@PathVariable String policy, @PathVariable int number,
			@Valid @ModelAttribute("copyToDraft") CopyToDraftForm form, BindingResult result,
			RedirectAttributes redirect) {
		String versionPage = "redirect:/policies/" + policy + "/versions/" + number;
		if (result.hasErrors()) {
			redirect.addFlashAttribute("errorMessage",
					"Nothing was copied: the form did not carry the draft revision. Reload this page and try again.");
			return versionPage;
		}
		try {
			this.policies.copyVersionToDraft(policy, number, form.getDraftRevision());
			redirect.addFlashAttribute("message", "The draft now holds the content of version " + number + ".");
			return "redirect:/policies/" + policy + "/versions";
		}
		catch (DraftConflictException ex) {
			redirect.addFlashAttribute("errorMessage",
					"Nothing was copied: the draft changed since this page was loaded (now revision "
							+ ex.currentRevision() + changesSince(ex)
							+ "). Look at the draft first; copying again from this page replaces those changes too.");
			return versionPage;
		}
		catch (ValidationException ex) {
			redirect.addFlashAttribute("errorMessage",
					"Nothing was copied: version " + number + " breaks rules made stricter since it was saved: "
							+ String.join("; ", ex.violations().stream().map(Violation::toString).toList()) + ".");
			return versionPage;
		}
	}

	/**
	 * Who changed what since, as a clause of the message:
	 * {@code ; changed by alice: shells.entries}.
	 */
	private static String changesSince(DraftConflictException ex) {
		List<String> changes = ex.changes()
			.stream()
			.map((change) -> change.author() + ": " + String.join(", ", change.fields()))
			.distinct()
			.toList();
		if (changes.isEmpty()) {
			return "";
		}
		String shown = String.join("; ", changes.subList(0, Math.min(changes.size(), MAX_CHANGES_NAMED)));
		return "; changed by " + shown + ((changes.size() > MAX_CHANGES_NAMED) ? "; and more" : "");
	}

}
