package org.smguard.render;

import java.util.List;
import java.util.Optional;

import org.smguard.policy.TrustedUsers;

/**
 * A line that adds names to class {@code t}: {@code Troot daemon}, {@code Ct uucp} or
 * {@code C{t} majordomo}. sendmail 8.7 and later read all three the same way.
 */
record ClassTLine(TrustedUsers.LineStyle style, List<String> names) {

	static Optional<ClassTLine> of(String logical) {
		String rest;
		TrustedUsers.LineStyle style;
		if (logical.startsWith("T")) {
			rest = logical.substring(1);
			style = TrustedUsers.LineStyle.T;
		}
		else if (logical.startsWith("Ct")) {
			rest = logical.substring(2);
			style = TrustedUsers.LineStyle.Ct;
		}
		else if (logical.startsWith("C{t}")) {
			rest = logical.substring(4);
			style = TrustedUsers.LineStyle.Ct;
		}
		else {
			return Optional.empty();
		}
		String trimmed = rest.strip();
		List<String> names = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
		return Optional.of(new ClassTLine(style, names));
	}

}
