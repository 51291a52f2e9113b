package org.smguard.trustedusers;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.policy.TrustedUsersValidator;
import org.smguard.system.FormFields;
import org.smguard.system.TextLines;

/**
 * The trusted-users tab: names one per line, and the optional {@code Ft} file.
 */
public class TrustedUsersForm {

	/** Where the page shows the violations of the section, and the labels it shows. */
	static final FormFields FIELDS = FormFields.none()
		.field(TrustedUsersValidator.LINE_STYLE, "lineStyle", "Written as")
		.lines(TrustedUsersValidator.USERS, "users", "Names in sendmail.cf")
		.field(TrustedUsersValidator.FILE_PATH, "filePath", "Path of the file")
		.lines(TrustedUsersValidator.FILE_USERS, "fileUsers", "Names in the file");

	private long draftRevision;

	@NotNull
	private TrustedUsers.LineStyle lineStyle = TrustedUsers.LineStyle.T;

	@Size(max = 200_000)
	private String users = "";

	private boolean fileEnabled;

	@Size(max = 4096)
	private String filePath = "/etc/mail/trusted-users";

	private boolean fileOptional = true;

	@Size(max = 200_000)
	private String fileUsers = "";

	static TrustedUsersForm of(DraftSettings draft) {
		TrustedUsers section = draft.policy().trustedUsers();
		TrustedUsersForm form = new TrustedUsersForm();
		form.draftRevision = draft.revision();
		form.lineStyle = section.lineStyle();
		form.users = TextLines.join(section.users());
		if (section.file() != null) {
			form.fileEnabled = true;
			form.filePath = section.file().path();
			form.fileOptional = section.file().optional();
			form.fileUsers = TextLines.join(section.file().users());
		}
		return form;
	}

	TrustedUsers toSection() {
		TrustedUsersFile file = this.fileEnabled
				? new TrustedUsersFile(this.filePath, this.fileOptional, TextLines.parse(this.fileUsers)) : null;
		return new TrustedUsers(this.lineStyle, TextLines.parse(this.users), file);
	}

	public long getDraftRevision() {
		return this.draftRevision;
	}

	public void setDraftRevision(long draftRevision) {
		this.draftRevision = draftRevision;
	}

	public TrustedUsers.LineStyle getLineStyle() {
		return this.lineStyle;
	}

	public void setLineStyle(TrustedUsers.LineStyle lineStyle) {
		this.lineStyle = lineStyle;
	}

	public String getUsers() {
		return this.users;
	}

	public void setUsers(String users) {
		this.users = users;
	}

	public boolean isFileEnabled() {
		return this.fileEnabled;
	}

	public void setFileEnabled(boolean fileEnabled) {
		this.fileEnabled = fileEnabled;
	}

	public String getFilePath() {
		return this.filePath;
	}

	public void setFilePath(String filePath) {
		this.filePath = filePath;
	}

	public boolean isFileOptional() {
		return this.fileOptional;
	}

	public void setFileOptional(boolean fileOptional) {
		this.fileOptional = fileOptional;
	}

	public String getFileUsers() {
		return this.fileUsers;
	}

	public void setFileUsers(String fileUsers) {
		this.fileUsers = fileUsers;
	}

}
