package org.smguard.system;

/**
 * The request clashes with the current state (a name already taken, a change based on a
 * stale revision): HTTP 409.
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
