package org.smguard.validation;

import java.util.List;

/**
 * A change was refused because it breaks the listed rules; nothing was stored. Answered
 * as HTTP 400 with the field errors, or shown beside the fields of the form.
 */
public class ValidationException extends RuntimeException {

	private final List<Violation> violations;

	public ValidationException(List<Violation> violations) {
		super(violations.toString());
		this.violations = List.copyOf(violations);
	}

	public ValidationException(FieldPath field, String message) {
		this(List.of(new Violation(field, message)));
	}

	/** Refuses a value of a field given as a JSON path in text, such as {@code cf}. */
	public ValidationException(String field, String message) {
		this(List.of(new Violation(field, message)));
	}

	public List<Violation> violations() {
		return this.violations;
	}

}
