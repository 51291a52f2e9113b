package org.smguard.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the errors (which refuse a change) and warnings (which are reported but
 * allowed) that validators find, so that one request reports every broken rule at once.
 */
public final class Violations {

	private final List<Violation> errors = new ArrayList<>();

	private final List<Violation> warnings = new ArrayList<>();

	public Violations error(FieldPath field, Message message) {
		this.errors.add(new Violation(field, message));
		return this;
	}

	public Violations error(FieldPath field, String message) {
		return error(field, Message.of(message));
	}

	/**
	 * An error of a field named at the root of a request, such as a form's
	 * {@code description}; validators of the policy use {@link FieldPath}s.
	 */
	public Violations error(String field, String message) {
		return error(FieldPath.parse(field), message);
	}

	public Violations warning(FieldPath field, Message message) {
		this.warnings.add(new Violation(field, message));
		return this;
	}

	public Violations warning(FieldPath field, String message) {
		return warning(field, Message.of(message));
	}

	public boolean hasErrors() {
		return !this.errors.isEmpty();
	}

	/** Whether an error concerns exactly {@code field}. */
	public boolean hasError(FieldPath field) {
		return this.errors.stream().anyMatch((error) -> error.path().equals(field));
	}

	public List<Violation> errors() {
		return List.copyOf(this.errors);
	}

	public List<Violation> warnings() {
		return List.copyOf(this.warnings);
	}

	/** Refuses the change when any error was found. */
	public void throwIfErrors() {
		if (hasErrors()) {
			throw new ValidationException(errors());
		}
	}

}
