package org.smguard.sandbox;

/**
 * The sandbox cannot run here (no {@code bwrap}, no sendmail, or user namespaces
 * refused): whatever needed it is reported skipped with this reason, never run outside.
 */
public class SandboxUnavailableException extends Exception {

	public SandboxUnavailableException(String reason) {
		super(reason);
	}

}
