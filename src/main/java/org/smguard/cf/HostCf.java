package org.smguard.cf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

import org.smguard.policy.ManagedOption;
import org.smguard.policy.TrustedUsers;

/**
 * What an existing {@code sendmail.cf} says about the managed settings, read as readcf
 * reads it: every option line in order (so {@link OptionSemantics} can apply sendmail's
 * rules), class {@code t} from every {@code T} and {@code C} line that names it, the
 * {@code Ft} file and its pattern, and the last {@code prog} mailer definition. Lines the
 * console cannot represent exactly are {@link #problems()}, never guessed.
 */
public final class HostCf {

	private final List<OptionSemantics.Setting> settings = new ArrayList<>();

	private final LinkedHashSet<String> trustedUsers = new LinkedHashSet<>();

	/** The names of {@link #trustedUsers} in lower case, to find a repeat at once. */
	private final Set<String> trustedUsersLowerCase = new HashSet<>();

	private final List<String> duplicateTrustedUsers = new ArrayList<>();

	private TrustedUsers.LineStyle trustedUsersStyle;

	private FtLine trustedUsersFile;

	private ProgMailer prog;

	private final List<String> problems = new ArrayList<>();

	private HostCf() {
	}

	/**
	 * An {@code Ft} line: the file, whether {@code -o} makes it optional, its pattern.
	 */
	public record FtLine(String path, boolean optional, String pattern, int line) {
	}

	public static HostCf read(String cf) {
		HostCf host = new HostCf();
		for (CfText.Statement statement : CfText.parse(cf).statements()) {
			host.take(statement);
		}
		return host;
	}

	private void take(CfText.Statement statement) {
		String read = statement.read();
		if (read == null) {
			return;
		}
		int line = statement.start() + 1;
		Optional<CfText.OptionLine> option = statement.option();
		if (option.isPresent()) {
			String name = option.get().name();
			if (ManagedOption.NAMES.contains(name) || name.equals(OptionSemantics.DEFAULT_GROUP)) {
				this.settings.add(new OptionSemantics.Setting(name, option.get().value(), line));
			}
			return;
		}
		Optional<ClassTLine> classLine = ClassTLine.of(read);
		if (classLine.isPresent()) {
			if (this.trustedUsersStyle == null) {
				this.trustedUsersStyle = classLine.get().style();
			}
			for (String name : classLine.get().names()) {
				if (name.contains("$")) {
					this.problems.add("line " + line + ": class t names a macro ('" + cut(name) + "'), whose value"
							+ " only the mail host knows: write the names out");
				}
				else if (!this.trustedUsersLowerCase.add(name.toLowerCase(Locale.ROOT))) {
					// setclass files names without case: ROOT after Root is the same
					// user.
					this.duplicateTrustedUsers.add(name);
				}
				else {
					this.trustedUsers.add(name);
				}
			}
			return;
		}
		Optional<ClassFileLine> fileLine = ClassFileLine.of(read);
		if (fileLine.isPresent() && fileLine.get().isClassT()) {
			ClassFileLine ft = fileLine.get();
			if (ft.program() || ft.map()) {
				this.problems.add("line " + line + ": class t is filled from a " + (ft.program() ? "program" : "map")
						+ ", which the console never runs or reads");
			}
			else if (!TrustedUsersFileFormat.readable(ft.pattern())) {
				this.problems.add("line " + line + ": the Ft line reads " + cut(ft.file()) + " with the pattern '"
						+ cut(ft.pattern()) + "'; the console reads trusted-users files with no pattern or %[^#] only");
			}
			else if (this.trustedUsersFile != null) {
				this.problems.add("line " + line + ": a second Ft line reads " + cut(ft.file()) + " besides line "
						+ this.trustedUsersFile.line() + ": the console manages one trusted-users file");
			}
			else {
				this.trustedUsersFile = new FtLine(ft.file(), ft.optional(), ft.pattern(), line);
			}
			return;
		}
		if (ProgMailer.isProg(read)) {
			ProgMailer mailer = ProgMailer.of(read);
			// A definition sendmail refuses (no P= or A=) leaves the one before it.
			if (mailer.path() != null && mailer.argv() != null) {
				this.prog = mailer;
			}
		}
	}

	private static String cut(String text) {
		return (text.length() > 60) ? text.substring(0, 60) + "..." : text;
	}

	/** Every managed option line (and the one-letter group option), in order. */
	public List<OptionSemantics.Setting> settings() {
		return this.settings;
	}

	/** What sendmail makes of {@link #settings()}. */
	public Map<String, String> effectiveOptions() {
		return OptionSemantics.effective(this.settings);
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

	/** The prog mailer's {@code P=}, or {@code null} when the cf has no prog mailer. */
	public String progPath() {
		return (this.prog != null) ? this.prog.path() : null;
	}

	/** The prog mailer's {@code A=} as one blank-separated string. */
	public String progArgv() {
		return (this.prog != null) ? this.prog.argv() : null;
	}

	public boolean progRunsSmrsh() {
		return this.prog != null && this.prog.runsSmrsh();
	}

	/** Lines the console cannot represent exactly. */
	public List<String> problems() {
		return this.problems;
	}

}
