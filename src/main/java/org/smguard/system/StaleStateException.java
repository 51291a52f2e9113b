package org.smguard.system;

import java.util.List;
import java.util.Map;

/**
 * A change was based on state that has changed since (a stale draft revision): HTTP 409
 * with what changed meanwhile, so that nobody overwrites another person's work
 * unknowingly. Features extend it; the error handlers need know none of them.
 */
public abstract class StaleStateException extends ConflictException {

	protected StaleStateException(String message) {
		super(message);
	}

	/** The problem's title, e.g. "Stale draft". */
	public abstract String title();

	/** What the API adds to the problem: the current state and the changes since. */
	public abstract Map<String, Object> properties();

	/** The changes made since the state the request was based on, oldest first. */
	public abstract List<?> changes();

	/** The page the browser's refused form came from, for the page that leads back. */
	public abstract String returnPath(String requestPath);

	/**
	 * The form parameters that base a resent form on the current state instead (e.g.
	 * {@code draftRevision=8}), so that what a person typed can be applied again.
	 */
	public abstract Map<String, String> currentState();

}
