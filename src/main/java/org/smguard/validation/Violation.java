package org.smguard.validation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One broken rule: the field it concerns, and a message that states the rule. The API
 * shows the field as a JSON path into the request body ({@link #field()}, for example
 * {@code trustedUsers.users[2]} or {@code options.LogLevel}) and the message with the
 * fields it mentions named the same way ({@link #message()}); a form shows both as a
 * person sees them. In JSON it is {@code {field, message}} as the API shows them.
 */
@JsonPropertyOrder({ "field", "message" })
public record Violation(@JsonIgnore FieldPath path, @JsonIgnore Message detail) {

	public Violation(FieldPath path, String message) {
		this(path, Message.of(message));
	}

	/**
	 * A violation of a field given as a JSON path in text, for paths that arrive as text.
	 */
	public Violation(String field, String message) {
		this(FieldPath.parse(field), Message.of(message));
	}

	/** The field as the API shows it: its JSON path. */
	@JsonProperty("field")
	public String field() {
		return this.path.toString();
	}

	/** The message as the API shows it. */
	@JsonProperty("message")
	public String message() {
		return this.detail.toString();
	}

	@Override
	public String toString() {
		return field() + ": " + message();
	}

}
