package org.smguard.policy;

/**
 * One user whose override file differs between two versions: its content in the version
 * compared from and in the version compared to, {@code null} where that version has no
 * file for the user. At least one side is present, and the two differ.
 */
public record OverrideChange(String user, String from, String to) {

	/** Whether the user has no file in the version compared from. */
	public boolean added() {
		return this.from == null;
	}

	/** Whether the user has no file in the version compared to. */
	public boolean removed() {
		return this.to == null;
	}

}
