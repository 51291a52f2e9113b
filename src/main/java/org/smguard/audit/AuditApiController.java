package org.smguard.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.smguard.system.PageMetadata;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API: the audit trail, newest first, as JSON or CSV, filtered by time, actor and
 * action, and the check of its hash chain. ADMIN only.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditApiController {

	static final MediaType TEXT_CSV = new MediaType("text", "csv");

	private final AuditTrail audit;

	AuditApiController(AuditTrail audit) {
		this.audit = audit;
	}

	record AuditPage(List<AuditEntry> content, PageMetadata page) {
	}

	@GetMapping(produces = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE })
	AuditPage entries(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		AuditTrail.Page entries = this.audit.entries(from, to, actor, action, page, size);
		return new AuditPage(entries.content(),
				new PageMetadata(entries.page(), entries.size(), entries.totalElements(), entries.totalPages()));
	}

	@GetMapping(produces = "text/csv")
	ResponseEntity<String> csv(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "500") int size)
			throws IOException {
		AuditTrail.Page entries = this.audit.entries(from, to, actor, action, page, size);
		return ResponseEntity.ok()
			.contentType(new MediaType(TEXT_CSV, StandardCharsets.UTF_8))
			.header("Content-Disposition", "attachment; filename=\"audit.csv\"")
			.body(AuditCsv.write(entries.content()));
	}

	@GetMapping("/verify")
	AuditTrail.Verification verify() {
		return this.audit.verify();
	}

}
