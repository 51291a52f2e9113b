package org.smguard.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.smguard.system.StaleStateException;

/**
 * A change was based on a stale draft revision or base version: refused with HTTP 409 and
 * the changes made since, so that nobody overwrites another editor's work unknowingly.
 */
public class DraftConflictException extends StaleStateException {

	private final String policyName;

	private final long currentRevision;

	private final Integer currentBaseVersion;

	private final List<DraftChange> changes;

	public DraftConflictException(String message, String policyName, long currentRevision, Integer currentBaseVersion,
			List<DraftChange> changes) {
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

	@Override
	public String title() {
		return "Stale draft";
	}

	@Override
	public Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("draftRevision", this.currentRevision);
		properties.put("baseVersion", this.currentBaseVersion);
		properties.put("changes", changes());
		return properties;
	}

	/**
	 * The tab the refused form came from: {@code /policies/{p}/{tab}}, whatever action
	 * followed it.
	 */
	@Override
	public String returnPath(String requestPath) {
		return editorPath(requestPath, this.policyName);
	}

	@Override
	public Map<String, String> currentState() {
		return Map.of("draftRevision", Long.toString(this.currentRevision));
	}

	static String editorPath(String path, String policy) {
		String prefix = "/policies/" + policy + "/";
		if (path.startsWith(prefix)) {
			String rest = path.substring(prefix.length());
			int slash = rest.indexOf('/');
			String tab = (slash >= 0) ? rest.substring(0, slash) : rest;
			if (tab.matches("[a-z-]+")) {
				return prefix + tab;
			}
		}
		return prefix + "trusted-users";
	}

	/**
	 * The draft changes made after the revision the request was based on, oldest first.
	 */
	@Override
	public List<DraftChangeView> changes() {
		return this.changes.stream()
			.map((c) -> new DraftChangeView(c.revision(), c.author(), c.at().toString(), c.fields()))
			.toList();
	}

	/** A change as shown to the client. */
	public record DraftChangeView(long revision, String author, String at, List<String> fields) {
	}

}
