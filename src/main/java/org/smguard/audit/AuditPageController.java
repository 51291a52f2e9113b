package org.smguard.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The audit trail for admins (the URL rules of {@code SecurityConfiguration} and the
 * service's method security both keep everyone else out): entries newest first, 50 a
 * page, filtered by time, actor and action; the same filter as a CSV download; and the
 * check of the hash chain.
 */
@Controller
class AuditPageController {

	static final String VIEW = "audit/trail";

	static final int PAGE_SIZE = 50;

	/** One download holds at most this many entries, the newest. */
	static final int CSV_LIMIT = AuditTrail.MAX_EXPORT;

	private final AuditTrail audit;

	AuditPageController(AuditTrail audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	String trail(@ModelAttribute("filter") AuditFilterForm filter, BindingResult result, Model model,
			HttpServletResponse response) {
		AuditQuery query = filter.read(result);
		model.addAttribute("actions", actions(filter.getAction()));
		if (query == null) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return VIEW;
		}
		AuditTrail.Page page = this.audit.entries(query.from(), query.to(), query.actor(), query.action(), query.page(),
				PAGE_SIZE);
		model.addAttribute("rows", page.content().stream().map(AuditRow::of).toList());
		model.addAttribute("page", page.page());
		model.addAttribute("pages", Math.max(page.totalPages(), 1));
		model.addAttribute("total", page.totalElements());
		model.addAttribute("previousLink", (page.page() > 0) ? query.link("/audit", page.page() - 1) : null);
		model.addAttribute("nextLink",
				(page.page() + 1 < page.totalPages()) ? query.link("/audit", page.page() + 1) : null);
		model.addAttribute("csvLink", query.link("/audit.csv", null));
		model.addAttribute("csvLimit", CSV_LIMIT);
		return VIEW;
	}

	/**
	 * The entries of the filter as CSV, the newest {@value #CSV_LIMIT} at most: a link
	 * cannot ask the API for CSV, which answers by the {@code Accept} header.
	 */
	@GetMapping("/audit.csv")
	ResponseEntity<byte[]> csv(@ModelAttribute("filter") AuditFilterForm filter, BindingResult result)
			throws IOException {
		AuditQuery query = filter.read(result);
		if (query == null) {
			// Only a hand-made link gets here: the page offers the download of valid
			// filters.
			String errors = result.getAllErrors()
				.stream()
				.map(ObjectError::getDefaultMessage)
				.collect(Collectors.joining("\n", "Invalid filter:\n", "\n"));
			return ResponseEntity.badRequest()
				.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
				.body(errors.getBytes(StandardCharsets.UTF_8));
		}
		List<AuditEntry> entries = this.audit.newest(query.from(), query.to(), query.actor(), query.action(),
				CSV_LIMIT);
		return ResponseEntity.ok()
			.contentType(new MediaType(AuditApiController.TEXT_CSV, StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"")
			.body(AuditCsv.write(entries).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Walks the whole chain, which reads every entry: a button (POST), not a link that a
	 * prefetch or a crawler could follow. The result comes back to the page with its
	 * filter.
	 */
	@PostMapping("/audit/verify")
	String verify(@ModelAttribute("filter") AuditFilterForm filter, BindingResult result, RedirectAttributes redirect) {
		AuditTrail.Verification verification = this.audit.verify();
		redirect.addFlashAttribute("verifiedEntries", verification.entries());
		redirect.addFlashAttribute("verifiedIntact", verification.intact());
		redirect.addFlashAttribute("firstBroken", verification.firstBroken());
		AuditQuery query = filter.read(result);
		return "redirect:" + ((query != null) ? query.link("/audit", query.page()) : "/audit");
	}

	/**
	 * The actions to choose from: those in the trail, and the one asked for even when no
	 * entry has it, so that the form shows the filter that gave the empty page.
	 */
	private List<String> actions(String asked) {
		List<String> actions = new ArrayList<>(this.audit.actions());
		if (asked != null && !asked.isEmpty() && !actions.contains(asked)) {
			actions.add(0, asked);
		}
		return actions;
	}

}
