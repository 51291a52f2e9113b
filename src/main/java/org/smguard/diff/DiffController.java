package org.smguard.diff;

import java.util.ArrayList;
import java.util.List;

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

	/** Most file diffs a page shows; the download holds them all. */
	static final int FILES_SHOWN = 100;

	/** Most names a page lists of one kind of override change. */
	static final int NAMES_SHOWN = 200;

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
		model.addAttribute("diff", diff);
		model.addAttribute("files", first(diff.files(), FILES_SHOWN));
		model.addAttribute("filesNotShown", Math.max(0, diff.files().size() - FILES_SHOWN));
		model.addAttribute("unchanged", unchanged(diff));
		VersionDiff.ForwardsDiff forwards = diff.forwards();
		model.addAttribute("overridesAdded",
				first(forwards.added().stream().map(VersionDiff.OverrideFile::user).toList(), NAMES_SHOWN));
		model.addAttribute("overridesRemoved",
				first(forwards.removed().stream().map(VersionDiff.OverrideFile::user).toList(), NAMES_SHOWN));
		model.addAttribute("overridesChanged",
				first(forwards.changed().stream().map(VersionDiff.OverrideDiff::user).toList(), NAMES_SHOWN));
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

	/** The sections in which nothing differs, by their names on the editor tabs. */
	private static List<String> unchanged(VersionDiff diff) {
		List<String> sections = new ArrayList<>();
		if (diff.trustedUsers().isEmpty()) {
			sections.add("Trusted users");
		}
		if (diff.shells().isEmpty()) {
			sections.add("Valid shells");
		}
		if (diff.smrsh().isEmpty()) {
			sections.add("smrsh");
		}
		if (diff.forwards().isEmpty()) {
			sections.add("ForwardPath overrides");
		}
		if (diff.options().isEmpty()) {
			sections.add("Security options");
		}
		return sections;
	}

	private static <T> List<T> first(List<T> list, int count) {
		return list.subList(0, Math.min(count, list.size()));
	}

}
