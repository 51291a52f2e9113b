package org.smguard.policy;

import java.util.List;

/**
 * A change was based on a stale draft revision or base version: refused with HTTP 409 and
 * the changes made since, so that nobody overwrites another editor's work unknowingly.
 */
public class DraftConflictException extends RuntimeException {

	private final String policyName;

	private final long currentRevision;

	private final Integer currentBaseVersion;

	private final List<PolicyStore.DraftChange> changes;

	DraftConflictException(String message, String policyName, long currentRevision, Integer currentBaseVersion,
			List<PolicyStore.DraftChange> changes) {
		super(message);
		this.policyName = policyName;
		this.currentRevision = currentRevision;
		this.currentBaseVersion = currentBaseVersion;
		this.changes = changes;
	}

	public String policyName() {
		return this.policyName;
	}

	public long currentRevision() {
		return this.currentRevision;
	}

	public Integer currentBaseVersion() {
		return this.currentBaseVersion;
	}

	/**
	 * The draft changes made after the revision the request was based on, oldest first.
	 */
	public List<DraftChangeView> changes() {
		return this.changes.stream()
			.map((c) -> new DraftChangeView(c.revision(), c.author(), c.at().toString(), c.fields()))
			.toList();
	}

	/** A change as shown to the client. */
	public record DraftChangeView(long revision, String author, String at, List<String> fields) {
	}

}
