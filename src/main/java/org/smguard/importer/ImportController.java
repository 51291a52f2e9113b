package org.smguard.importer;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.PolicyService;
import org.smguard.system.FormErrors;
import org.smguard.system.FormFields;
import org.smguard.system.UploadLimits;
import org.smguard.validation.FieldPath;
import org.smguard.validation.Rules;
import org.smguard.validation.ValidationException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Browser page: upload a host's files into the draft, then see what was taken and what
 * ignored.
 */
@Controller
class ImportController {

	static final String VIEW = "importer/import";

	private final ImportService imports;

	private final PolicyService policies;

	private final DataSize maxFileSize;

	private final DataSize maxRequestSize;

	ImportController(ImportService imports, PolicyService policies,
			@Value("${spring.servlet.multipart.max-file-size}") DataSize maxFileSize,
			@Value("${spring.servlet.multipart.max-request-size}") DataSize maxRequestSize) {
		this.imports = imports;
		this.policies = policies;
		this.maxFileSize = maxFileSize;
		this.maxRequestSize = maxRequestSize;
	}

	/**
	 * The upload parts by the labels of the page; an error about the imported policy
	 * itself names its field in words.
	 */
	private static final FormFields PARTS = FormFields.none()
		.field(FieldPath.of("cf"), "cf", "sendmail.cf")
		.field(FieldPath.of("shells"), "shells", "/etc/shells")
		.field(FieldPath.of("trustedUsers"), "trustedUsers", "Trusted-users file")
		.field(FieldPath.of("smbin"), "smbin", "sm.bin directory")
		.field(FieldPath.of("forwards"), "forwards", "Override directory")
		.field(FieldPath.of("upload"), "upload", "Upload");

	@GetMapping("/policies/{policy}/import")
	String form(@PathVariable String policy, Model model) {
		DraftSettings draft = this.policies.draftSettings(policy);
		model.addAttribute("policyName", policy);
		model.addAttribute("draft", draft);
		if (!model.containsAttribute("importErrors")) {
			model.addAttribute("importErrors", List.of());
		}
		model.addAttribute("maxFileSize", UploadLimits.size(this.maxFileSize.toBytes()));
		model.addAttribute("maxRequestSize", UploadLimits.size(this.maxRequestSize.toBytes()));
		model.addAttribute("maxEntries", Rules.count(UploadedTar.MAX_ENTRIES));
		model.addAttribute("maxArchiveSize", UploadLimits.size(UploadedTar.MAX_BYTES));
		model.addAttribute("maxOverrideSize", UploadLimits.size(UploadedTar.MAX_FILE_BYTES));
		return VIEW;
	}

	@PostMapping("/policies/{policy}/import")
	String upload(@PathVariable String policy, @RequestParam long draftRevision,
			@RequestParam(required = false) MultipartFile cf, @RequestParam(required = false) MultipartFile shells,
			@RequestParam(required = false) MultipartFile trustedUsers,
			@RequestParam(required = false) MultipartFile smbin, @RequestParam(required = false) MultipartFile forwards,
			Model model, RedirectAttributes redirect, HttpServletResponse response) throws IOException {
		try {
			ImportReport report = this.imports.importFiles(policy, draftRevision,
					new HostFiles(ImportApiController.bytes(cf), ImportApiController.bytes(shells),
							ImportApiController.bytes(trustedUsers), ImportApiController.bytes(smbin),
							ImportApiController.bytes(forwards)));
			redirect.addFlashAttribute("message", "Imported into the draft (now revision " + report.draftRevision()
					+ "). Review the tabs, then save a version.");
			redirect.addFlashAttribute("report", report);
			return "redirect:/policies/" + policy + "/import";
		}
		catch (ValidationException ex) {
			model.addAttribute("importErrors",
					ex.violations().stream().map((violation) -> FormErrors.describe(violation, PARTS)).toList());
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(policy, model);
		}
	}

}
