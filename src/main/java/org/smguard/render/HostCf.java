package org.smguard.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

import org.smguard.policy.TrustedUsers;

/**
 * What an existing {@code sendmail.cf} says about the managed settings, read as sendmail
 * reads it (the last line of an option wins; class {@code t} collects every {@code T},
 * {@code Ct} and {@code C{t}} name). Used by the importer, and written back by
 * {@link CfRenderer} with the same line rules.
 */
public final class HostCf {

	private final Map<String, CfText.Statement> options = new LinkedHashMap<>();

	private final List<String> duplicateOptions = new ArrayList<>();

	private final LinkedHashSet<String> trustedUsers = new LinkedHashSet<>();

	private final List<String> duplicateTrustedUsers = new ArrayList<>();

	private TrustedUsers.LineStyle trustedUsersStyle;

	private FtLine trustedUsersFile;

	private final List<String> ignoredFtLines = new ArrayList<>();

	private String progPath;

	private final List<String> problems = new ArrayList<>();

	private HostCf() {
	}

	/** An {@code Ft} line: the file and whether {@code -o} makes it optional. */
	public record FtLine(String path, boolean optional) {
	}

	public static HostCf read(String cf) {
		HostCf host = new HostCf();
		for (CfText.Statement statement : CfText.parse(cf).statements()) {
			host.take(statement);
		}
		return host;
	}

	private void take(CfText.Statement statement) {
		String logical = statement.logical();
		int line = statement.start() + 1;
		if (logical.startsWith("O")) {
			Optional<CfText.OptionLine> option = statement.option();
			if (option.isEmpty()) {
				this.problems.add("line " + line + ": sendmail cannot read this option line ('" + firstWords(logical)
						+ "'): after 'O' comes exactly one space and Name=value");
			}
			else if (RenderedOptions.NAMES.contains(option.get().name())) {
				CfText.Statement previous = this.options.put(option.get().name(), statement);
				if (previous != null) {
					this.duplicateOptions.add(option.get().name() + " is set on line " + (previous.start() + 1)
							+ " and again on line " + line + ": sendmail uses the last, so did the import");
				}
			}
			return;
		}
		Optional<ClassTLine> classLine = ClassTLine.of(logical);
		if (classLine.isPresent()) {
			if (this.trustedUsersStyle == null) {
				this.trustedUsersStyle = classLine.get().style();
			}
			for (String name : classLine.get().names()) {
				if (!this.trustedUsers.add(name)) {
					this.duplicateTrustedUsers.add(name);
				}
			}
			return;
		}
		if (CfText.isTrustedUsersFileLine(logical)) {
			Matcher ft = CfText.FT_LINE.matcher(logical);
			if (!ft.matches() || ft.group(2).startsWith("|")) {
				this.problems.add("line " + line + ": the Ft line does not name a trusted-users file the console can"
						+ " manage ('" + firstWords(logical) + "')");
				return;
			}
			if (this.trustedUsersFile != null) {
				this.ignoredFtLines.add("line " + line + ": a second Ft file replaces " + this.trustedUsersFile.path()
						+ ": the console manages one trusted-users file");
			}
			this.trustedUsersFile = new FtLine(ft.group(2), ft.group(1) != null);
			return;
		}
		if (ProgMailer.isProg(logical)) {
			this.progPath = ProgMailer.of(logical).path();
		}
	}

	private static String firstWords(String logical) {
		return (logical.length() > 60) ? logical.substring(0, 60) + "..." : logical;
	}

	/** The last active line of each managed option that the cf sets. */
	public Map<String, CfText.Statement> options() {
		return this.options;
	}

	public List<String> duplicateOptions() {
		return this.duplicateOptions;
	}

	/** Class t names in order of appearance, each once. */
	public List<String> trustedUsers() {
		return List.copyOf(this.trustedUsers);
	}

	public List<String> duplicateTrustedUsers() {
		return this.duplicateTrustedUsers;
	}

	/** The style of the first class t line ({@code T} when there is none). */
	public TrustedUsers.LineStyle trustedUsersStyle() {
		return (this.trustedUsersStyle != null) ? this.trustedUsersStyle : TrustedUsers.LineStyle.T;
	}

	public FtLine trustedUsersFile() {
		return this.trustedUsersFile;
	}

	public List<String> ignoredFtLines() {
		return this.ignoredFtLines;
	}

	/** The prog mailer's {@code P=}, or {@code null} when the cf has no prog mailer. */
	public String progPath() {
		return this.progPath;
	}

	public boolean progRunsSmrsh() {
		return this.progPath != null && new ProgMailer(this.progPath, null).runsSmrsh();
	}

	/** Lines sendmail itself would refuse or the console cannot manage. */
	public List<String> problems() {
		return this.problems;
	}

}
