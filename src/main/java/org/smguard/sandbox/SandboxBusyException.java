package org.smguard.sandbox;

import org.smguard.system.TooBusyException;

/**
 * Every sandbox slot stayed taken for as long as a request may wait: the caller should
 * answer 429 and let the client retry.
 */
public class SandboxBusyException extends TooBusyException {

	public SandboxBusyException(String message) {
		super(message);
	}

}
