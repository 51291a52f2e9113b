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

	public Violations error(String field, String message) {
		this.errors.add(new Violation(field, message));
		return this;
	}

	public Violations warning(String field, String message) {
		this.warnings.add(new Violation(field, message));
		return this;
	}

	public boolean hasErrors() {
		return !this.errors.isEmpty();
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
