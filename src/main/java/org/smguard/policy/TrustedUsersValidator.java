package org.smguard.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.smguard.validation.Rules;
import org.smguard.validation.Violations;

/**
 * Section rules for the trusted users (class {@code t}).
 * <ul>
 * <li>{@code lineStyle} is required.</li>
 * <li>Every name, in the cf list and in the {@code Ft} file, follows the user-name rule;
 * the list may be empty.</li>
 * <li>A name listed twice in the same list is refused. Names are compared ignoring case
 * because sendmail's class lookup does, so {@code Root} repeats {@code root}.</li>
 * <li>The file, when there is one, needs a safe absolute path.</li>
 * <li>A name in both the cf list and the file is only a warning: it is redundant, not
 * harmful.</li>
 * <li>Each list, the cf's and the file's, has at most {@value TrustedUsers#MAX_USERS}
 * names.</li>
 * </ul>
 */
public final class TrustedUsersValidator {

	private static final String SECTION = "trustedUsers";

	private TrustedUsersValidator() {
	}

	public static void validate(TrustedUsers section, Violations violations) {
		if (section == null) {
			violations.error(SECTION, Rules.REQUIRED);
			return;
		}
		if (section.lineStyle() == null) {
			violations.error(SECTION + ".lineStyle", Rules.REQUIRED + " (T or Ct)");
		}
		Map<String, String> inCf = checkNames(SECTION + ".users", section.users(), violations);
		TrustedUsersFile file = section.file();
		if (file == null) {
			return;
		}
		Rules.checkSafePath(SECTION + ".file.path", file.path(), violations);
		Map<String, String> inFile = checkNames(SECTION + ".file.users", file.users(), violations);
		for (Map.Entry<String, String> entry : inFile.entrySet()) {
			String cfField = inCf.get(entry.getKey());
			if (cfField != null) {
				violations.warning(entry.getValue(),
						"is already trusted by " + cfField + "; listing it in the file as well is redundant");
			}
		}
	}

	/**
	 * Checks each name of one list and refuses repeats.
	 * @return the valid names, folded to lower case, each mapped to the field of its
	 * first occurrence
	 */
	private static Map<String, String> checkNames(String listField, List<String> names, Violations violations) {
		// Insertion order, so that redundancy warnings come in the order the file lists
		// the names.
		Map<String, String> seen = new LinkedHashMap<>();
		if (!Rules.checkListSize(listField, names, TrustedUsers.MAX_USERS, "trusted users", violations)) {
			return seen;
		}
		for (int i = 0; i < names.size(); i++) {
			String field = listField + "[" + i + "]";
			String name = names.get(i);
			if (!Rules.checkUserName(field, name, violations)) {
				continue;
			}
			String first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), field);
			if (first != null) {
				violations.error(field, Rules.quote(name) + " is already listed at " + first
						+ " (sendmail compares these names ignoring case); list each user once");
			}
		}
		return seen;
	}

}
