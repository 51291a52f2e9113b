package org.smguard.system;

/**
 * The named thing (a policy, a version, an account) does not exist: HTTP 404.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
