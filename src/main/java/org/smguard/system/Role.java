package org.smguard.system;

/**
 * Console roles. ADMIN implies every other role; EDITOR and REVIEWER imply VIEWER (see
 * {@link SecurityConfiguration#roleHierarchy()}).
 */
public enum Role {

	/** Manages accounts and policies; can do everything. */
	ADMIN,
	/** Edits drafts and saves versions. */
	EDITOR,
	/** Reviews, approves and publishes versions. */
	REVIEWER,
	/** Reads everything, changes nothing. */
	VIEWER

}
