package org.smguard.system;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Message;
import org.smguard.validation.Violation;

import org.springframework.validation.BindingResult;

/**
 * Shows the service's violations to a person: beside the form fields they concern, with
 * labels and line numbers instead of paths. {@link FormFields} maps path prefixes to form
 * fields; in a one-entry-per-line text area an index becomes the line number
 * ({@code trustedUsers.users[3]} is "line 4"). A violation of no field of the form
 * becomes an error of the whole form that names the field by its label.
 */
public final class FormErrors {

	private FormErrors() {
	}

	public static void reject(BindingResult result, List<Violation> violations, FormFields fields) {
		for (Violation violation : violations) {
			Optional<FormFields.Entry> entry = fields.find(violation.path()).filter(FormFields.Entry::onForm);
			if (entry.isPresent()) {
				result.rejectValue(entry.get().field(), "invalid", besideField(violation, entry.get(), fields));
			}
			else {
				result.reject("invalid", describe(violation, fields));
			}
		}
	}

	/**
	 * The violation as one sentence that names its field, for a person who does not see
	 * it beside the field (a warning at the top of the page, an error of the whole form):
	 * "Names in sendmail.cf, line 4: 'x' is ...".
	 */
	/**
	 * Violations that span every tab (a whole-policy check), each in words with the field
	 * it concerns.
	 */
	public static List<String> describeAll(List<Violation> violations) {
		return violations.stream().map((violation) -> describe(violation, FormFields.none())).toList();
	}

	public static String describe(Violation violation, FormFields fields) {
		return where(violation.path(), fields, true) + ": "
				+ violation.detail().render(new FormNamer(fields, Optional.empty()));
	}

	private static String besideField(Violation violation, FormFields.Entry entry, FormFields fields) {
		String message = violation.detail().render(new FormNamer(fields, Optional.of(entry)));
		Integer line = line(violation.path(), entry);
		return (line != null) ? "line " + line + ": " + message : message;
	}

	/** The line of {@code path} in the text area of {@code entry}, or {@code null}. */
	private static Integer line(FieldPath path, FormFields.Entry entry) {
		if (!entry.lines()) {
			return null;
		}
		List<FieldPath.Segment> rest = path.after(entry.prefix());
		if (!rest.isEmpty() && rest.get(0) instanceof FieldPath.Index index) {
			return index.value() + 1;
		}
		return null;
	}

	/**
	 * What a person calls {@code path}: the label of its field, with the line when it is
	 * an entry of a text area; a path no entry covers is spelt out in words.
	 */
	private static String where(FieldPath path, FormFields fields, boolean capitalize) {
		Optional<FormFields.Entry> entry = fields.find(path);
		if (entry.isPresent()) {
			Integer line = line(path, entry.get());
			return entry.get().label() + ((line != null) ? ", line " + line : "");
		}
		return inWords(path, capitalize);
	}

	/**
	 * A path in words, for one no form declares: {@code trustedUsers.file.users[2]} is
	 * "Trusted users, file, users, entry 3". Names that start with a capital (sendmail's
	 * option names) are kept as they are.
	 */
	static String inWords(FieldPath path, boolean capitalize) {
		StringBuilder words = new StringBuilder();
		for (FieldPath.Segment segment : path.segments()) {
			if (words.length() > 0) {
				words.append(", ");
			}
			if (segment instanceof FieldPath.Index index) {
				words.append("entry ").append(index.value() + 1);
			}
			else {
				words.append(words(((FieldPath.Name) segment).value()));
			}
		}
		String text = words.toString();
		return (capitalize && !text.isEmpty()) ? Character.toUpperCase(text.charAt(0)) + text.substring(1) : text;
	}

	/** {@code trustedUsers} is "trusted users"; {@code ForwardPath} stays. */
	private static String words(String name) {
		if (name.isEmpty() || !Character.isLowerCase(name.charAt(0))) {
			return name;
		}
		return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
	}

	/**
	 * Names mentioned fields for a person: a line of the same text area as "line 1", a
	 * line of another as "line 1 of *Label*", any other field as "*Label*".
	 */
	private record FormNamer(FormFields fields, Optional<FormFields.Entry> shownAt) implements Message.Namer {

		@Override
		public String name(FieldPath path) {
			Optional<FormFields.Entry> entry = this.fields.find(path);
			if (entry.isEmpty()) {
				return inWords(path, false);
			}
			Integer line = line(path, entry.get());
			String label = "*" + entry.get().label() + "*";
			if (line == null) {
				return label;
			}
			return this.shownAt.equals(entry) ? "line " + line : "line " + line + " of " + label;
		}

		@Override
		public String tick(FieldPath path) {
			return "tick " + name(path);
		}

	}

}
