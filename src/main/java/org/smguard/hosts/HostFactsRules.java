package org.smguard.hosts;

import java.util.List;
import java.util.regex.Pattern;

import org.smguard.validation.Rules;
import org.smguard.validation.Violations;

/**
 * What a host may report about itself: at most {@value HostFacts#MAX_ENTRIES} shells and
 * file problems, each path strict, a mode as four octal digits and an owner as
 * {@code user:group}, so that nothing a host sends can mislead the pages that show it.
 */
final class HostFactsRules {

	private static final Pattern MODE = Pattern.compile("\\A0[0-7]{3}\\z");

	private static final Pattern OWNER = Pattern.compile("\\A[A-Za-z0-9._-]{1,32}:[A-Za-z0-9._-]{1,32}\\z");

	private HostFactsRules() {
	}

	static void check(HostFacts facts, Violations violations) {
		List<String> shells = facts.missingShells();
		if (shells.size() > HostFacts.MAX_ENTRIES) {
			violations.error("facts.missingShells",
					"has " + shells.size() + " entries; at most " + HostFacts.MAX_ENTRIES + " are accepted");
		}
		else {
			for (int i = 0; i < shells.size(); i++) {
				checkPath("facts.missingShells[" + i + "]", shells.get(i), violations);
			}
		}
		List<HostFacts.FileProblem> files = facts.files();
		if (files.size() > HostFacts.MAX_ENTRIES) {
			violations.error("facts.files",
					"has " + files.size() + " entries; at most " + HostFacts.MAX_ENTRIES + " are accepted");
			return;
		}
		for (int i = 0; i < files.size(); i++) {
			String field = "facts.files[" + i + "]";
			HostFacts.FileProblem file = files.get(i);
			if (file == null || file.problem() == null) {
				violations.error(field + ".problem", Rules.REQUIRED + ": missing, content, mode or owner");
				continue;
			}
			checkPath(field + ".path", file.path(), violations);
			switch (file.problem()) {
				case MODE -> {
					checkValue(field + ".actual", file.actual(), MODE, "a mode of four octal digits", violations);
					checkValue(field + ".expected", file.expected(), MODE, "a mode of four octal digits", violations);
				}
				case OWNER -> {
					checkValue(field + ".actual", file.actual(), OWNER, "user:group", violations);
					checkValue(field + ".expected", file.expected(), OWNER, "user:group", violations);
				}
				default -> {
					if (file.actual() != null || file.expected() != null) {
						violations.error(field, "has actual or expected, which only mode and owner have");
					}
				}
			}
		}
	}

	private static void checkPath(String field, String path, Violations violations) {
		if (!Rules.isSafePath(path) || path.length() > Rules.MAX_PATH_LENGTH) {
			violations.error(field, Rules.SAFE_PATH_RULE);
		}
	}

	private static void checkValue(String field, String value, Pattern pattern, String rule, Violations violations) {
		if (value == null || !pattern.matcher(value).matches()) {
			violations.error(field, "must be " + rule);
		}
	}

}
