package org.smguard.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smguard.cf.CfText;
import org.smguard.cf.ClassFileLine;
import org.smguard.cf.ClassTLine;
import org.smguard.cf.OptionSemantics;
import org.smguard.cf.ProgMailer;
import org.smguard.cf.TrustedUsersFileFormat;
import org.smguard.cf.TrustedUsersFileLines;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.Policy;
import org.smguard.policy.Smrsh;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;

/**
 * Renders {@code sendmail.cf}: the base cf byte for byte, except for the lines the
 * console manages (the seven security options, class {@code t} and its {@code Ft} file,
 * and the prog mailer's {@code P=} and {@code A=}). A managed line whose value already
 * means what the policy says is kept as it is; a replaced line is never left behind
 * twice.
 */
public final class CfRenderer {

	/** A P= or A= field written plainly: key, '=', a value up to the next comma. */
	private static final Pattern PLAIN_FIELD = Pattern.compile("(\\A|[,\\s])([PA])=([^,]*)");

	private CfRenderer() {
	}

	public static String render(Policy policy, String baseCf) {
		CfText cf = CfText.parse(baseCf);
		Edits edits = new Edits(cf);
		options(policy, edits);
		trustedUsers(policy.trustedUsers(), edits);
		progMailer(policy.smrsh(), edits);
		return edits.apply();
	}

	private static void options(Policy policy, Edits edits) {
		for (String name : ManagedOption.NAMES) {
			String wanted = ManagedOption.named(name).cfValue(policy.options());
			List<CfText.Statement> active = edits.statements.stream()
				.filter((s) -> s.option().map((o) -> setsOption(o, name)).orElse(false))
				.toList();
			if (wanted == null) {
				active.forEach((s) -> edits.replace(s, List.of("#" + edits.firstLine(s))));
			}
			else if (!active.isEmpty()) {
				List<OptionSemantics.Setting> base = active.stream()
					.map((s) -> new OptionSemantics.Setting(s.option().get().name(), s.option().get().value(), 0))
					.toList();
				if (!Objects.equals(OptionSemantics.effective(base).get(name),
						OptionSemantics.ofPolicyValue(name, wanted))) {
					active.forEach(edits::remove);
					edits.replace(active.get(active.size() - 1), List.of(optionLine(name, wanted)));
				}
			}
			else {
				List<CfText.Statement> commented = edits.statements.stream()
					.filter((s) -> s.commentedOption().map((o) -> o.name().equals(name)).orElse(false))
					.toList();
				if (!commented.isEmpty()) {
					edits.replace(commented.get(commented.size() - 1), List.of(optionLine(name, wanted)));
				}
				else {
					edits.insertAfter(lastOptionStatement(edits), optionLine(name, wanted));
				}
			}
		}
	}

	/**
	 * Whether an option line bears on a managed option: its own lines, and for
	 * DefaultUser the one-letter group option that replaces its group.
	 */
	private static boolean setsOption(CfText.OptionLine option, String name) {
		return option.name().equals(name)
				|| (name.equals("DefaultUser") && option.name().equals(OptionSemantics.DEFAULT_GROUP));
	}

	static String optionLine(String name, String value) {
		return "O " + name + "=" + value;
	}

	private static CfText.Statement lastOptionStatement(Edits edits) {
		CfText.Statement last = null;
		for (CfText.Statement statement : edits.statements) {
			if (statement.option().isPresent()) {
				last = statement;
			}
		}
		return last;
	}

	private static void trustedUsers(TrustedUsers trusted, Edits edits) {
		List<CfText.Statement> classLines = new ArrayList<>();
		LinkedHashSet<String> baseNames = new LinkedHashSet<>();
		TrustedUsers.LineStyle baseStyle = null;
		for (CfText.Statement statement : edits.statements) {
			Optional<ClassTLine> line = ClassTLine.of(statement.read());
			if (line.isPresent()) {
				classLines.add(statement);
				baseNames.addAll(line.get().names());
				baseStyle = (baseStyle != null) ? baseStyle : line.get().style();
			}
		}
		List<CfText.Statement> ftLines = TrustedUsersFileLines.of(edits.cf);
		CfText.Statement anchor = !ftLines.isEmpty() ? ftLines.get(ftLines.size() - 1) : commentedFt(edits);
		if (anchor == null) {
			anchor = !classLines.isEmpty() ? null : lastOptionStatement(edits);
		}
		fileLine(trusted.file(), ftLines, edits);
		boolean unchanged = new ArrayList<>(baseNames).equals(trusted.users()) && baseStyle == trusted.lineStyle();
		if (unchanged) {
			return;
		}
		List<String> rendered = trusted.users()
			.stream()
			.map((user) -> (trusted.lineStyle() == TrustedUsers.LineStyle.T ? "T" : "Ct") + user)
			.toList();
		if (!classLines.isEmpty()) {
			classLines.forEach(edits::remove);
			edits.replace(classLines.get(0), rendered);
		}
		else {
			CfText.Statement after = anchor;
			rendered.forEach((line) -> edits.insertAfter(after, line));
		}
	}

	private static CfText.Statement commentedFt(Edits edits) {
		return edits.statements.stream()
			.filter((s) -> s.logical().startsWith("#")
					&& ClassFileLine.of(s.logical().substring(1)).map(ClassFileLine::isClassT).orElse(false))
			.reduce((first, second) -> second)
			.orElse(null);
	}

	private static void fileLine(TrustedUsersFile file, List<CfText.Statement> ftLines, Edits edits) {
		if (file == null) {
			ftLines.forEach((s) -> edits.replace(s, List.of("#" + edits.firstLine(s))));
			return;
		}
		if (ftLines.size() == 1) {
			ClassFileLine ft = ClassFileLine.of(ftLines.get(0).read()).get();
			if (!ft.program() && !ft.map() && ft.file().equals(file.path()) && ft.optional() == file.optional()
					&& TrustedUsersFileFormat.readable(ft.pattern())) {
				return;
			}
		}
		String pattern = null;
		CfText.Statement target = !ftLines.isEmpty() ? ftLines.get(ftLines.size() - 1) : commentedFt(edits);
		if (target != null) {
			String read = (target.read() != null) ? target.read()
					: CfText.readcfText(target.logical().substring(1), 10);
			pattern = ClassFileLine.of(read).map(ClassFileLine::pattern).orElse("%s");
		}
		// '#' after level 3 starts a comment, so Debian's pattern is written %[^\#].
		String line = "Ft" + (file.optional() ? "-o " : "") + file.path() + ("%[^#]".equals(pattern) ? " %[^\\#]" : "");
		if (target != null) {
			ftLines.forEach(edits::remove);
			edits.replace(target, List.of(line));
		}
		else {
			edits.insertAfter(lastOptionStatement(edits), line);
		}
	}

	/**
	 * Sets the prog mailer's {@code P=} and {@code A=} when they differ from what smrsh
	 * on/off needs.
	 */
	private static void progMailer(Smrsh smrsh, Edits edits) {
		for (CfText.Statement statement : edits.statements) {
			if (!ProgMailer.isProg(statement.read())) {
				continue;
			}
			ProgMailer base = ProgMailer.of(statement.read());
			String path = smrsh.enabled() ? smrsh.smrshPath() : ProgMailer.SHELL;
			String argv = smrsh.enabled() ? ProgMailer.SMRSH_ARGV : ProgMailer.SHELL_ARGV;
			boolean keep = smrsh.enabled() ? path.equals(base.path()) && ProgMailer.isSmrshArgv(base.argv())
					: !base.runsSmrsh();
			if (keep) {
				continue;
			}
			List<ProgMailer.Field> fields = ProgMailer.fields(statement.read());
			boolean plain = statement.read().equals(statement.text()) && fields.stream()
				.filter((f) -> f.key() == 'P' || f.key() == 'A')
				.allMatch((f) -> f.raw().matches("[PA]=[^,\"\\\\#]*"));
			if (plain) {
				// P= and A= written plainly are replaced where they stand, so the
				// definition keeps its layout.
				List<String> lines = new ArrayList<>();
				for (String physical : edits.physical(statement)) {
					Matcher field = PLAIN_FIELD.matcher(physical);
					StringBuilder out = new StringBuilder();
					while (field.find()) {
						String value = field.group(3);
						String trailing = value.substring(value.stripTrailing().length());
						String replacement = field.group(2).equals("P") ? path : argv;
						field.appendReplacement(out, Matcher
							.quoteReplacement(field.group(1) + field.group(2) + "=" + replacement + trailing));
					}
					field.appendTail(out);
					lines.add(out.toString());
				}
				edits.replace(statement, lines);
				continue;
			}
			// Otherwise every field is written again as it was read but P= and A=:
			// sendmail uses the last definition it could read, so each must be right.
			List<String> kept = new ArrayList<>();
			kept.add("P=" + path);
			for (ProgMailer.Field field : fields) {
				if (field.key() != 'P' && field.key() != 'A') {
					kept.add(field.raw().strip().replaceAll("\\s*\\n\\s*", " "));
				}
			}
			kept.add("A=" + argv);
			edits.replace(statement,
					List.of("M" + ProgMailer.nameOf(statement.read()).get() + ", " + String.join(", ", kept)));
		}
	}

	/**
	 * Replacements and insertions by statement, applied in one pass so that line
	 * positions never shift under an edit.
	 */
	private static final class Edits {

		private final CfText cf;

		private final List<CfText.Statement> statements;

		private final Map<Integer, List<String>> replacements = new TreeMap<>();

		private final Map<Integer, List<String>> insertions = new TreeMap<>();

		Edits(CfText cf) {
			this.cf = cf;
			this.statements = cf.statements();
		}

		List<String> physical(CfText.Statement statement) {
			return this.cf.lines().subList(statement.start(), statement.end());
		}

		String firstLine(CfText.Statement statement) {
			return this.cf.lines().get(statement.start());
		}

		void replace(CfText.Statement statement, List<String> lines) {
			this.replacements.put(statement.start(), List.copyOf(lines));
		}

		void remove(CfText.Statement statement) {
			replace(statement, List.of());
		}

		/**
		 * Inserts a line after {@code statement} (or at the end when it is {@code null}).
		 */
		void insertAfter(CfText.Statement statement, String line) {
			int key = (statement != null) ? statement.start() : Integer.MAX_VALUE;
			this.insertions.computeIfAbsent(key, (k) -> new ArrayList<>()).add(line);
		}

		String apply() {
			List<String> out = new ArrayList<>();
			for (CfText.Statement statement : this.statements) {
				List<String> replacement = this.replacements.get(statement.start());
				out.addAll((replacement != null) ? replacement : physical(statement));
				out.addAll(this.insertions.getOrDefault(statement.start(), List.of()));
			}
			out.addAll(this.insertions.getOrDefault(Integer.MAX_VALUE, List.of()));
			return CfText.join(out, this.cf.endsWithNewline() || this.cf.lines().isEmpty());
		}

	}

}
