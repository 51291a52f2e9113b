package org.smguard.system;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smguard.validation.Violation;

import org.springframework.validation.BindingResult;

/**
 * Shows the service's violations beside the form fields they concern. Violations name
 * JSON paths ({@code trustedUsers.users[3]}); {@code fields} maps path prefixes to form
 * field names, and an index becomes the line number of a one-entry-per-line text area.
 * Anything unmapped becomes a global error of the form.
 */
public final class FormErrors {

	private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

	private FormErrors() {
	}

	public static void reject(BindingResult result, List<Violation> violations, Map<String, String> fields) {
		for (Violation violation : violations) {
			String field = formField(violation.field(), fields);
			if (field == null) {
				result.reject("invalid", violation.field() + ": " + violation.message());
				continue;
			}
			String rest = violation.field().substring(prefix(violation.field(), fields).length());
			Matcher index = INDEX.matcher(rest);
			String message = index.lookingAt()
					? "line " + (Integer.parseInt(index.group(1)) + 1) + ": " + violation.message()
					: violation.message();
			result.rejectValue(field, "invalid", message);
		}
	}

	private static String formField(String path, Map<String, String> fields) {
		String prefix = prefix(path, fields);
		return (prefix != null) ? fields.get(prefix) : null;
	}

	private static String prefix(String path, Map<String, String> fields) {
		String best = null;
		for (String prefix : fields.keySet()) {
			boolean matches = path.equals(prefix) || path.startsWith(prefix + "[") || path.startsWith(prefix + ".");
			if (matches && (best == null || prefix.length() > best.length())) {
				best = prefix;
			}
		}
		return best;
	}

}
