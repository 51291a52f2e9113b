package org.smguard.advisor;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How much a finding matters, most serious first. */
public enum Severity {

	/**
	 * Defeats a protection outright: must not ship without a reviewer's acknowledgement.
	 */
	CRITICAL,

	/** Weaker than the seed recommends, with a concrete risk. */
	WARNING,

	/** Worth knowing or doing; no immediate risk. */
	ADVICE;

	@JsonValue
	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

}
