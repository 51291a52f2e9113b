package org.smguard.sandbox;

/**
 * Every sandbox slot stayed taken for as long as a request may wait: the caller should
 * answer 429 and let the client retry.
 */
public class SandboxBusyException extends RuntimeException {

	public SandboxBusyException(String message) {
		super(message);
	}

}
