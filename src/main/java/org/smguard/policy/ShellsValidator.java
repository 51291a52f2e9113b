package org.smguard.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Message;
import org.smguard.validation.Rules;
import org.smguard.validation.Violations;

/**
 * Section rules for {@code /etc/shells}.
 * <ul>
 * <li>Each entry is a safe absolute path; an entry listed twice is refused.</li>
 * <li>{@code /SENDMAIL/ANY/SHELL/} is never an entry: it makes every account's shell
 * valid for sendmail, so it may only be added through the explicit {@code allowAnyShell}
 * acknowledgement, and that always draws a warning because the sendmail book says never
 * to use it.</li>
 * <li>An empty list is allowed but warned about: the rendered file then lists no shell,
 * so no account has a valid shell. Sendmail refuses program and file deliveries for all
 * of them (it only falls back to its built-in list when the file is missing, not when it
 * is empty), and other programs that read {@code /etc/shells} (chsh, ftp daemons) refuse
 * every login shell. A mail relay without local users may want exactly that, hence a
 * warning and not an error.</li>
 * <li>At most {@value Shells#MAX_ENTRIES} entries.</li>
 * </ul>
 */
public final class ShellsValidator {

	public static final FieldPath SECTION = FieldPath.of("shells");

	/** The shells listed; an entry is {@code ENTRIES.index(i)}. */
	public static final FieldPath ENTRIES = SECTION.name("entries");

	public static final FieldPath ALLOW_ANY_SHELL = SECTION.name("allowAnyShell");

	private ShellsValidator() {
	}

	public static void validate(Shells section, Violations violations) {
		if (section == null) {
			violations.error(SECTION, Rules.REQUIRED);
			return;
		}
		List<String> entries = section.entries();
		Map<String, FieldPath> seen = new HashMap<>();
		if (!Rules.checkListSize(ENTRIES, entries, Shells.MAX_ENTRIES, "shells", violations)) {
			entries = List.of();
		}
		for (int i = 0; i < entries.size(); i++) {
			FieldPath field = ENTRIES.index(i);
			String entry = entries.get(i);
			if (isAnyShell(entry)) {
				violations.error(field,
						Message
							.of(Shells.ANY_SHELL + " cannot be listed as a shell; it makes every account's shell"
									+ " valid for sendmail. If that is really needed, remove it here and ")
							.tick(ALLOW_ANY_SHELL)
							.then(" to acknowledge the risk"));
				continue;
			}
			if (!Rules.checkSafePath(field, entry, violations)) {
				continue;
			}
			FieldPath first = seen.putIfAbsent(entry, field);
			if (first != null) {
				violations.error(field, Message.mentioning(first)
					.then(" already lists " + Rules.quote(entry) + "; list each shell once"));
			}
		}
		if (section.entries().isEmpty()) {
			violations.warning(ENTRIES, "no shell is listed: no account will have a valid shell, so"
					+ " sendmail refuses to deliver to programs or files on any user's behalf, and programs such as"
					+ " chsh refuse every login shell");
		}
		if (section.allowAnyShell()) {
			violations.warning(ALLOW_ANY_SHELL, Shells.ANY_SHELL + " makes every account's shell valid for"
					+ " sendmail, so even accounts with a disabled shell can have mail delivered to programs and files"
					+ " through .forward files; the sendmail book recommends never using it");
		}
	}

	/**
	 * Also catches near misses such as {@code /sendmail/any/shell}: sendmail would ignore
	 * them, but whoever typed one believes it is in effect.
	 */
	private static boolean isAnyShell(String entry) {
		if (entry == null) {
			return false;
		}
		String trimmed = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
		return (trimmed + "/").equalsIgnoreCase(Shells.ANY_SHELL);
	}

}
