package org.smguard.forwards;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

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
