package org.smguard.diff;

import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Browser page: what changes from one version of a policy to another, section by section,
 * and the unified diffs of the rendered files, coloured; the whole diff as a download.
 */
@Controller
class DiffController {

	static final String DIFF_VIEW = "diff/diff";

	private final DiffService diffs;

	DiffController(DiffService diffs) {
		this.diffs = diffs;
	}

	@GetMapping("/policies/{policy}/versions/{from:\\d+}/diff/{to:\\d+}")
	Object diff(@PathVariable String policy, @PathVariable int from, @PathVariable int to,
			@RequestParam(defaultValue = "false") boolean download, Model model) {
		VersionDiff diff = this.diffs.diff(policy, from, to);
		if (download) {
			return DiffApiController.unified(diff, ContentDisposition.attachment());
		}
		model.addAttribute("policyName", policy);
		DiffView.addTo(model, diff);
		return DIFF_VIEW;
	}

	/** The compare form: any two versions, in either order. */
	@GetMapping("/policies/{policy}/diff")
	String choose(@PathVariable String policy, @RequestParam int from, @RequestParam int to) {
		return "redirect:" + UriComponentsBuilder.fromPath("/policies/{policy}/versions/{from}/diff/{to}")
			.buildAndExpand(policy, from, to)
			.encode()
			.toUriString();
	}

}
