package org.smguard.validation;

/**
 * One broken rule: the field it concerns, as a JSON path into the policy body (for
 * example {@code trustedUsers.users[2]} or {@code options.LogLevel}), and a message that
 * states the rule.
 */
public record Violation(String field, String message) {

	@Override
	public String toString() {
		return this.field + ": " + this.message;
	}

}
