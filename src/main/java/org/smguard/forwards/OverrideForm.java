package org.smguard.forwards;

import jakarta.validation.constraints.Size;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.Forwards;

/**
 * Adds one override file, or replaces the one of the same user. An empty content is an
 * empty file: that user's mail is always delivered locally.
 */
public class OverrideForm {

	private long draftRevision;

	@Size(max = 200)
	private String user = "";

	/**
	 * {@code null} when the request did not send it at all, which the validator refuses;
	 * a browser always sends the text area, empty or not.
	 */
	@Size(max = 200_000)
	private String content;

	static OverrideForm of(DraftSettings draft, Forwards.OverrideFile existing) {
		OverrideForm form = new OverrideForm();
		form.draftRevision = draft.revision();
		if (existing != null) {
			form.user = existing.user();
			form.content = existing.content();
		}
		return form;
	}

	/**
	 * The override file as typed. Browsers send text area lines with CRLF; only that is
	 * turned into LF, so that any other stray character reaches the validator.
	 */
	Forwards.OverrideFile toOverride() {
		String user = (this.user != null) ? this.user.strip() : null;
		String content = (this.content != null) ? this.content.replace("\r\n", "\n") : null;
		return new Forwards.OverrideFile(user, content);
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

	public String getContent() {
		return this.content;
	}

	public void setContent(String content) {
		this.content = content;
	}

}
