package org.smguard.forwards;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.smguard.policy.Forwards;
import org.smguard.validation.Rules;
import org.smguard.validation.ValidationException;

/**
 * Removes the override file of one user; {@code q} and {@code page} say which part of the
 * table to show again afterwards.
 */
public class RemoveOverrideForm {

	private long draftRevision;

	@Size(max = 200)
	private String user = "";

	@Size(max = 200)
	private String q = "";

	@Min(0)
	private int page;

	/**
	 * The section without this user's file.
	 * @throws ValidationException when the draft has no file for the user, so that a
	 * mistyped or forged request is not reported as done
	 */
	Forwards applyTo(Forwards current) {
		List<Forwards.OverrideFile> overrides = new ArrayList<>(current.overrides());
		boolean removed = overrides.removeIf((existing) -> existing != null && existing.user().equals(this.user));
		if (!removed) {
			throw new ValidationException("forwards.overrides",
					"the draft has no override file for " + Rules.quote(this.user));
		}
		return new Forwards(current.directory(), overrides);
	}

	public long getDraftRevision() {
		return this.draftRevision;
	}

	public void setDraftRevision(long draftRevision) {
		this.draftRevision = draftRevision;
	}

	public String getUser() {
		return this.user;
	}

	public void setUser(String user) {
		this.user = user;
	}

	public String getQ() {
		return this.q;
	}

	public void setQ(String q) {
		this.q = q;
	}

	public int getPage() {
		return this.page;
	}

	public void setPage(int page) {
		this.page = page;
	}

}
