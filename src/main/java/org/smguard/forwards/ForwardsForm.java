package org.smguard.forwards;

import jakarta.validation.constraints.Size;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.Forwards;

/**
 * The directory that holds the override files. The overrides themselves are changed one
 * at a time ({@link OverrideForm}), because a policy may have tens of thousands of them.
 */
public class ForwardsForm {

	private long draftRevision;

	@Size(max = 4096)
	private String directory = Forwards.DEFAULT_DIRECTORY;

	static ForwardsForm of(DraftSettings draft) {
		ForwardsForm form = new ForwardsForm();
		form.draftRevision = draft.revision();
		form.directory = draft.policy().forwards().directory();
		return form;
	}

	/** The section with the new directory and the current draft's overrides. */
	Forwards applyTo(Forwards current) {
		return new Forwards(this.directory, current.overrides());
	}

	public long getDraftRevision() {
		return this.draftRevision;
	}

	public void setDraftRevision(long draftRevision) {
		this.draftRevision = draftRevision;
	}

	public String getDirectory() {
		return this.directory;
	}

	public void setDirectory(String directory) {
		this.directory = directory;
	}

}
