package org.smguard.diff;

import java.util.ArrayList;
import java.util.List;

import org.springframework.ui.Model;

/**
 * What a page that shows a {@link VersionDiff} (with the fragment
 * {@code diff/diff :: changes}) puts in its model: the diff, and the parts of it a page
 * can show at once.
 */
public final class DiffView {

	/** Most file diffs a page shows; the download holds them all. */
	static final int FILES_SHOWN = 100;

	/** Most names a page lists of one kind of override change. */
	static final int NAMES_SHOWN = 200;

	private DiffView() {
	}

	public static void addTo(Model model, VersionDiff diff) {
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
