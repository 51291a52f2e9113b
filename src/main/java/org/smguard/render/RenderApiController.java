package org.smguard.render;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.smguard.validation.Violation;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API: the rendered files of the draft and of every version, and the draft's full
 * check.
 */
@RestController
@RequestMapping("/api/v1/policies/{policy}")
class RenderApiController {

	private final RenderService render;

	RenderApiController(RenderService render) {
		this.render = render;
	}

	/** One entry of a file list. */
	record FileInfo(String name, String path, String owner, String mode, int size, String sha256) {

		static FileInfo of(RenderedFile file) {
			return new FileInfo(file.name(), file.path(), file.owner(), file.mode(), file.size(), file.sha256());
		}

	}

	@GetMapping("/draft/files")
	List<FileInfo> draftFiles(@PathVariable String policy) {
		return this.render.draftFiles(policy).stream().map(FileInfo::of).toList();
	}

	@GetMapping("/draft/files/{name}")
	ResponseEntity<byte[]> draftFile(@PathVariable String policy, @PathVariable String name) {
		return raw(this.render.draftFile(policy, name));
	}

	@GetMapping("/versions/{number:\\d+}/files")
	List<FileInfo> versionFiles(@PathVariable String policy, @PathVariable int number) {
		return this.render.versionFiles(policy, number).stream().map(FileInfo::of).toList();
	}

	@GetMapping("/versions/{number:\\d+}/files/{name}")
	ResponseEntity<byte[]> versionFile(@PathVariable String policy, @PathVariable int number,
			@PathVariable String name) {
		return raw(this.render.versionFile(policy, number, name));
	}

	/** The validation answer: always 200, with every error and warning named by field. */
	record ValidationAnswer(List<Violation> errors, List<Violation> warnings, String sendmailCheck,
			String sendmailCheckReason) {
	}

	@PostMapping("/draft/validate")
	ValidationAnswer validate(@PathVariable String policy) {
		RenderService.Report report = this.render.validateDraft(policy);
		return new ValidationAnswer(report.errors(), report.warnings(), report.sendmailCheck().json(),
				report.sendmailCheckReason());
	}

	static ResponseEntity<byte[]> raw(RenderedFile file) {
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
			.eTag("\"" + file.sha256() + "\"")
			.header("Content-Disposition", ContentDisposition.inline().filename(file.name()).build().toString())
			.header("X-File-Path", file.path())
			.header("X-File-Mode", file.mode())
			.body(file.bytes());
	}

}
