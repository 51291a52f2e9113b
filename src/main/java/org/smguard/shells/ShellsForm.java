package org.smguard.shells;

import jakarta.validation.constraints.Size;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.Shells;
import org.smguard.policy.ShellsValidator;
import org.smguard.system.FormFields;
import org.smguard.system.TextLines;

/**
 * The valid-shells tab: shells one per line, and the acknowledgement that adds
 * {@code /SENDMAIL/ANY/SHELL/}. The special entry itself is never typed into the list.
 */
public class ShellsForm {

	/** Where the page shows the violations of the section, and the labels it shows. */
	static final FormFields FIELDS = FormFields.none()
		.lines(ShellsValidator.ENTRIES, "entries", "Valid shells")
		.field(ShellsValidator.ALLOW_ANY_SHELL, "allowAnyShell", "I understand the risk");

	private long draftRevision;

	@Size(max = 200_000)
	private String entries = "";

	private boolean allowAnyShell;

	static ShellsForm of(DraftSettings draft) {
		Shells section = draft.policy().shells();
		ShellsForm form = new ShellsForm();
		form.draftRevision = draft.revision();
		form.entries = TextLines.join(section.entries());
		form.allowAnyShell = section.allowAnyShell();
		return form;
	}

	Shells toSection() {
		return new Shells(TextLines.parse(this.entries), this.allowAnyShell);
	}

	public long getDraftRevision() {
		return this.draftRevision;
	}

	public void setDraftRevision(long draftRevision) {
		this.draftRevision = draftRevision;
	}

	public String getEntries() {
		return this.entries;
	}

	public void setEntries(String entries) {
		this.entries = entries;
	}

	public boolean isAllowAnyShell() {
		return this.allowAnyShell;
	}

	public void setAllowAnyShell(boolean allowAnyShell) {
		this.allowAnyShell = allowAnyShell;
	}

}
