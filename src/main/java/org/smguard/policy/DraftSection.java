package org.smguard.policy;

import java.util.List;

/**
 * The parts of a draft that an editor tab changes on its own. A change of one section is
 * not refused because another section changed meanwhile; it is refused when the same
 * section did.
 */
public enum DraftSection {

	TRUSTED_USERS("trustedUsers"),

	SHELLS("shells"),

	SMRSH("smrsh"),

	/** The override directory; the override files are changed one by one. */
	FORWARDS_DIRECTORY("forwards.directory"),

	OPTIONS("options");

	private final String path;

	DraftSection(String path) {
		this.path = path;
	}

	/** Whether a field named in the change log lies in this section. */
	boolean covers(String field) {
		return field.equals(this.path) || field.startsWith(this.path + ".") || field.startsWith(this.path + "[");
	}

	/** {@code into} with this section taken from {@code from}. */
	Policy copy(Policy from, Policy into) {
		return switch (this) {
			case TRUSTED_USERS -> into.withTrustedUsers(from.trustedUsers());
			case SHELLS -> into.withShells(from.shells());
			case SMRSH -> into.withSmrsh(from.smrsh());
			case FORWARDS_DIRECTORY -> into
				.withForwards(new Forwards((from.forwards() != null) ? from.forwards().directory() : null, List.of()));
			case OPTIONS -> into.withOptions(from.options());
		};
	}

}
