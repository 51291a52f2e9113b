package org.smguard.system;

/**
 * The signed-in account may not do this, for a reason its roles alone do not tell (an
 * author approving their own version): HTTP 403 with the reason.
 */
public class ForbiddenException extends RuntimeException {

	public ForbiddenException(String message) {
		super(message);
	}

}
