package org.smguard.files;

import java.util.List;

import org.smguard.policy.PolicyService;
import org.smguard.render.RenderedFile;
import org.smguard.system.FormErrors;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Browser pages: the files the draft or a version produces, each shown with line numbers
 * and downloadable, and the full check of the draft (rules and real sendmail).
 */
@Controller
class FilesController {

	static final String LIST_VIEW = "files/files";

	static final String FILE_VIEW = "files/file";

	static final String CHECK_VIEW = "files/check";

	private static final int PAGE_SIZE = 100;

	private final RenderService render;

	private final PolicyService policies;

	FilesController(RenderService render, PolicyService policies) {
		this.render = render;
		this.policies = policies;
	}

	@GetMapping("/policies/{policy}/files")
	String draftFiles(@PathVariable String policy, @RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("draft", this.policies.draftSettings(policy));
		return list(policy, null, this.render.draftFiles(policy), page, model);
	}

	@GetMapping("/policies/{policy}/versions/{number:\\d+}/files")
	String versionFiles(@PathVariable String policy, @PathVariable int number,
			@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("draft", null);
		return list(policy, number, this.render.versionFiles(policy, number), page, model);
	}

	@GetMapping("/policies/{policy}/files/{name}")
	Object draftFile(@PathVariable String policy, @PathVariable String name,
			@RequestParam(defaultValue = "false") boolean download, Model model) {
		RenderedFile file = this.render.draftFile(policy, name);
		return download ? attachment(file) : show(policy, null, file, model);
	}

	@GetMapping("/policies/{policy}/versions/{number:\\d+}/files/{name}")
	Object versionFile(@PathVariable String policy, @PathVariable int number, @PathVariable String name,
			@RequestParam(defaultValue = "false") boolean download, Model model) {
		RenderedFile file = this.render.versionFile(policy, number, name);
		return download ? attachment(file) : show(policy, number, file, model);
	}

	@GetMapping("/policies/{policy}/check")
	String check(@PathVariable String policy, Model model) {
		model.addAttribute("policyName", policy);
		model.addAttribute("draft", this.policies.draftSettings(policy));
		RenderService.Report report = this.render.validateDraft(policy);
		model.addAttribute("report", report);
		// Labels in words, not JSON paths: the check spans every tab.
		model.addAttribute("errors", FormErrors.describeAll(report.errors()));
		model.addAttribute("warnings", FormErrors.describeAll(report.warnings()));
		return CHECK_VIEW;
	}

	private String list(String policy, Integer version, List<RenderedFile> files, int page, Model model) {
		int pages = Math.max(1, (files.size() + PAGE_SIZE - 1) / PAGE_SIZE);
		int current = Math.min(Math.max(page, 0), pages - 1);
		model.addAttribute("policyName", policy);
		model.addAttribute("version", version);
		model.addAttribute("files",
				files.subList(current * PAGE_SIZE, Math.min(files.size(), (current + 1) * PAGE_SIZE)));
		model.addAttribute("fileCount", files.size());
		model.addAttribute("page", current);
		model.addAttribute("pages", pages);
		return LIST_VIEW;
	}

	private String show(String policy, Integer version, RenderedFile file, Model model) {
		model.addAttribute("policyName", policy);
		model.addAttribute("version", version);
		model.addAttribute("file", file);
		model.addAttribute("lines", file.content().isEmpty() ? List.of()
				: List.of(file.content().split("\n", -1)).subList(0, (int) file.content().lines().count()));
		return FILE_VIEW;
	}

	private static ResponseEntity<byte[]> attachment(RenderedFile file) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.eTag("\"" + file.sha256() + "\"")
			.header("Content-Disposition", ContentDisposition.attachment().filename(file.name()).build().toString())
			.body(file.bytes());
	}

}
