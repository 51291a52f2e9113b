package org.smguard.system;

/**
 * The work a request asks for has no free capacity within the time it may wait: HTTP 429
 * with {@code Retry-After}, so the client tries again shortly.
 */
public class TooBusyException extends RuntimeException {

	public TooBusyException(String message) {
		super(message);
	}

}
