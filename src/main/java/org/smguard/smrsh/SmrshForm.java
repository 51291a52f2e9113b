package org.smguard.smrsh;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Size;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.Smrsh;
import org.smguard.policy.SmrshValidator;
import org.smguard.system.FormFields;
import org.smguard.system.TextLines;
import org.smguard.validation.Rules;

import org.springframework.validation.Errors;

/**
 * The smrsh tab: whether smrsh runs, where it and its sm.bin directory are, and the
 * programs linked there, one {@code name /absolute/target} pair per line.
 */
public class SmrshForm {

	/**
	 * Only spaces and tabs separate name and target; any other odd character stays in a
	 * part so that the validator reports it.
	 */
	private static final Pattern SEPARATOR = Pattern.compile("[ \t]+");

	static final String PROGRAM_LINE_RULE = "must be a program name and the absolute path it links to, separated"
			+ " by a space, such as 'vacation /usr/bin/vacation'";

	/** Where the page shows the violations of the section, and the labels it shows. */
	static final FormFields FIELDS = FormFields.none()
		.field(SmrshValidator.SMRSH_PATH, "smrshPath", "Path of smrsh")
		.field(SmrshValidator.BIN_DIRECTORY, "binDirectory", "Directory of allowed programs (sm.bin)")
		.lines(SmrshValidator.PROGRAMS, "programs", "Allowed programs");

	private long draftRevision;

	private boolean enabled;

	@Size(max = 4096)
	private String smrshPath = Smrsh.DEFAULT_PATH;

	@Size(max = 4096)
	private String binDirectory = Smrsh.DEFAULT_BIN_DIRECTORY;

	@Size(max = 200_000)
	private String programs = "";

	static SmrshForm of(DraftSettings draft) {
		Smrsh section = draft.policy().smrsh();
		SmrshForm form = new SmrshForm();
		form.draftRevision = draft.revision();
		form.enabled = section.enabled();
		form.smrshPath = section.smrshPath();
		form.binDirectory = section.binDirectory();
		form.programs = TextLines
			.join(section.programs().stream().map((program) -> program.name() + " " + program.target()).toList());
		return form;
	}

	/**
	 * The section this form describes. A program line that is not exactly two parts is
	 * rejected on {@code programs} with its line number, numbered like the service's
	 * violations (one per non-blank line), and left out of the result: the caller must
	 * not save when {@code errors} has errors.
	 */
	Smrsh toSection(Errors errors) {
		List<String> lines = TextLines.parse(this.programs);
		List<Smrsh.Program> parsed = new ArrayList<>(lines.size());
		for (int i = 0; i < lines.size(); i++) {
			String[] parts = SEPARATOR.split(lines.get(i), -1);
			if (parts.length != 2) {
				errors.rejectValue("programs", "malformed",
						"line " + (i + 1) + ": " + Rules.quote(lines.get(i)) + " " + PROGRAM_LINE_RULE);
				continue;
			}
			parsed.add(new Smrsh.Program(parts[0], parts[1]));
		}
		return new Smrsh(this.enabled, this.smrshPath, this.binDirectory, parsed);
	}

	public long getDraftRevision() {
		return this.draftRevision;
	}

	public void setDraftRevision(long draftRevision) {
		this.draftRevision = draftRevision;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getSmrshPath() {
		return this.smrshPath;
	}

	public void setSmrshPath(String smrshPath) {
		this.smrshPath = smrshPath;
	}

	public String getBinDirectory() {
		return this.binDirectory;
	}

	public void setBinDirectory(String binDirectory) {
		this.binDirectory = binDirectory;
	}

	public String getPrograms() {
		return this.programs;
	}

	public void setPrograms(String programs) {
		this.programs = programs;
	}

}
