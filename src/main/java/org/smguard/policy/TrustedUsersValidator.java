package org.smguard.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Message;
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

	public static final FieldPath SECTION = FieldPath.of("trustedUsers");

	public static final FieldPath LINE_STYLE = SECTION.name("lineStyle");

	/** The names written into the cf; an entry is {@code USERS.index(i)}. */
	public static final FieldPath USERS = SECTION.name("users");

	public static final FieldPath FILE = SECTION.name("file");

	public static final FieldPath FILE_PATH = FILE.name("path");

	/** The names of the file; an entry is {@code FILE_USERS.index(i)}. */
	public static final FieldPath FILE_USERS = FILE.name("users");

	private TrustedUsersValidator() {
	}

	public static void validate(TrustedUsers section, Violations violations) {
		if (section == null) {
			violations.error(SECTION, Rules.REQUIRED);
			return;
		}
		if (section.lineStyle() == null) {
			violations.error(LINE_STYLE, Rules.REQUIRED + " (T or Ct)");
		}
		Map<String, Entry> inCf = checkNames(USERS, section.users(), violations);
		TrustedUsersFile file = section.file();
		if (file == null) {
			return;
		}
		Rules.checkSafePath(FILE_PATH, file.path(), violations);
		Map<String, Entry> inFile = checkNames(FILE_USERS, file.users(), violations);
		for (Map.Entry<String, Entry> entry : inFile.entrySet()) {
			Entry inList = inCf.get(entry.getKey());
			if (inList != null) {
				violations.warning(entry.getValue().field(),
						Message.of(Rules.quote(entry.getValue().name()) + " is already trusted by ")
							.mention(inList.field())
							.then("; listing it in the file as well is redundant"));
			}
		}
	}

	/**
	 * Checks each name of one list and refuses repeats.
	 * @return the valid names, folded to lower case, each mapped to its first occurrence
	 */
	private static Map<String, Entry> checkNames(FieldPath listField, List<String> names, Violations violations) {
		// Insertion order, so that redundancy warnings come in the order the file lists
		// the names.
		Map<String, Entry> seen = new LinkedHashMap<>();
		if (!Rules.checkListSize(listField, names, TrustedUsers.MAX_USERS, "trusted users", violations)) {
			return seen;
		}
		for (int i = 0; i < names.size(); i++) {
			FieldPath field = listField.index(i);
			String name = names.get(i);
			if (!Rules.checkUserName(field, name, violations)) {
				continue;
			}
			Entry first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), new Entry(field, name));
			if (first != null) {
				violations.error(field, Message.mentioning(first.field())
					.then(" already lists " + Rules.quote(first.name())
							+ ((first.name().equals(name)) ? "" : ", the same as " + Rules.quote(name)
									+ " to sendmail, which compares these names" + " ignoring case")
							+ "; list each user once"));
			}
		}
		return seen;
	}

	/** A name and where it is listed. */
	private record Entry(FieldPath field, String name) {

	}

}
