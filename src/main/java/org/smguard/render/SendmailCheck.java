package org.smguard.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.smguard.policy.Policy;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.validation.Violation;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs the real {@code sendmail} on a rendered cf ({@code -C file -bt}, in a temporary
 * directory, with a time limit) and reads back what it parsed: every option
 * ({@code -d37.1}), class {@code t} and the prog mailer. Each managed value must read
 * back exactly as the policy says, because a stray comma or newline can add a trusted
 * user or change {@code P=} while sendmail still exits 0.
 */
@Component
public class SendmailCheck {

	private static final Pattern SET_OPTION = Pattern.compile("\\Asetoption (\\S+) \\([^)]*\\)=(.*)\\z");

	/** A class filled from a program: {@code F}, the class name, an optional -o, '|'. */
	private static final Pattern PROGRAM_CLASS = Pattern.compile("\\AF(?:\\{[^}]*\\}|[^{\\s])[ \\t]*(?:-o[ \\t]*)?\\|");

	private static final Pattern PROG_MAILER = Pattern.compile("mailer \\d+ \\(prog\\): P=(\\S*) .* A=(.*)\\z");

	private final Path sendmail;

	private final Duration timeout;

	public SendmailCheck(@Value("${smguard.sendmail.path:/usr/sbin/sendmail}") Path sendmail,
			@Value("${smguard.sendmail.timeout:15s}") Duration timeout) {
		this.sendmail = sendmail;
		this.timeout = timeout;
	}

	/**
	 * Outcome of a check: {@code passed}, {@code failed} or {@code skipped} (never
	 * "valid" unchecked).
	 */
	public enum Status {

		PASSED, FAILED, SKIPPED;

		public String json() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** What the check found; {@code reason} says why it was skipped. */
	public record Result(Status status, String reason, List<Violation> errors, List<Violation> warnings) {

		static Result skipped(String reason) {
			return new Result(Status.SKIPPED, reason, List.of(), List.of(new Violation("sendmailCheck", reason)));
		}

	}

	public Result check(Policy policy, String cf) {
		if (!Files.isExecutable(this.sendmail)) {
			return Result.skipped("no sendmail binary at " + this.sendmail + ": the rendered cf was not checked");
		}
		String unqualified = unqualifiedHostName();
		if (unqualified != null) {
			return Result.skipped("this host's name '" + unqualified + "' is not fully qualified, and sendmail would"
					+ " wait 60 s for it: add '127.0.1.1 " + unqualified + ".localdomain " + unqualified
					+ "' to /etc/hosts");
		}
		Path dir = null;
		try {
			dir = Files.createTempDirectory("smguard-check");
			String checked = withTrustedUsersFile(cf, policy.trustedUsers().file());
			String program = programClass(checked);
			if (program != null) {
				return Result.skipped(program + " makes sendmail run a program while it reads the cf, and the console"
						+ " runs no program a cf names: the cf was not checked");
			}
			Path cfFile = dir.resolve("sendmail.cf");
			Files.writeString(cfFile, checked);
			Run options = run(dir, cfFile, "$=t\n", "-d37.1");
			if (options == null) {
				return Result.skipped("sendmail did not answer within " + this.timeout.toSeconds() + " s");
			}
			Run mailers = run(dir, cfFile, "=M\n");
			if (mailers == null) {
				return Result.skipped("sendmail did not answer within " + this.timeout.toSeconds() + " s");
			}
			return compare(policy, cf, cfFile, options, mailers);
		}
		catch (IOException ex) {
			return Result.skipped("sendmail could not be run: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Result.skipped("interrupted");
		}
		finally {
			deleteQuietly(dir);
		}
	}

	/**
	 * {@code cf} as the check gives it to sendmail: each {@code Ft} statement becomes a
	 * {@code Ct} line with the names of the policy's trusted-users file (none without
	 * one), on the same line. sendmail then reads the names of the file the policy
	 * renders, and no file of the console's host, which may hold anything (nor one the
	 * check would write, which sendmail refuses to read from a world-writable directory
	 * such as {@code /tmp} unless the cf trusts the sticky bit); the {@code Ft} line
	 * itself is compared as text. Every other byte is checked as it was given.
	 */
	static String withTrustedUsersFile(String cf, TrustedUsersFile file) {
		CfText text = CfText.parse(cf);
		List<String> lines = new ArrayList<>(text.lines());
		String names = (file != null) ? String.join(" ", file.users()) : "";
		for (CfText.Statement statement : text.statements()) {
			if (CfText.isTrustedUsersFileLine(statement.logical())) {
				lines.set(statement.start(), names.isEmpty() ? "Ct" : "Ct " + names);
				for (int i = statement.start() + 1; i < statement.end(); i++) {
					lines.set(i, "");
				}
			}
		}
		return CfText.join(lines, text.endsWithNewline());
	}

	/**
	 * The first class read from a program's output ({@code Fx|/path/prog}), which
	 * sendmail runs as soon as it reads the line, as {@code line N ('...')}; else
	 * {@code null}.
	 */
	static String programClass(String cf) {
		for (CfText.Statement statement : CfText.parse(cf).statements()) {
			if (PROGRAM_CLASS.matcher(statement.logical()).lookingAt()) {
				return describe(statement);
			}
		}
		return null;
	}

	/** {@code line N ('text')}, the text cut short. */
	private static String describe(CfText.Statement statement) {
		String line = statement.logical();
		return "line " + (statement.start() + 1) + " ('" + ((line.length() > 60) ? line.substring(0, 60) + "..." : line)
				+ "')";
	}

	private Result compare(Policy policy, String cf, Path cfFile, Run options, Run mailers) {
		List<Violation> errors = new ArrayList<>();
		List<Violation> warnings = new ArrayList<>();
		List<String> cfLines = List.of(cf.split("\n", -1));
		// Every message about the file names its line: "readcf: ...", "unknown
		// configuration line ...", "Mprog: A= argument required" and more. When sendmail
		// exits 0 it accepted the file and they are notices ("Option Log used as
		// abbreviation for LogLevel").
		Pattern cfError = Pattern.compile("\\A" + Pattern.quote(cfFile.toString()) + ": line (\\d+): (.*)\\z");
		for (String line : options.lines()) {
			Matcher error = cfError.matcher(line);
			if (error.matches()) {
				int number = Integer.parseInt(error.group(1));
				String field = fieldOfLine(cfLines, number);
				String message = "sendmail: line " + number + ": " + error.group(2);
				if (error.group(2).matches(".*(unknown (user|group) |fileclass: cannot open ).*")) {
					// The console's host, not the policy: its users and groups, and the
					// files a
					// base cf reads, differ from the mail hosts'.
					warnings
						.add(new Violation(field, message + " (on this console's host; the mail hosts may differ)"));
				}
				else if (options.exitCode() == 0 || error.group(2).matches("Option \\S+ used as abbreviation .*")) {
					warnings.add(new Violation(field, message));
				}
				else {
					errors.add(new Violation(field, message));
				}
			}
		}
		if (options.exitCode() != 0 && errors.isEmpty() && warnings.isEmpty()) {
			errors.add(new Violation("baseCf", "sendmail exited with status " + options.exitCode()
					+ " without naming a line: " + lastLines(options.lines())));
		}
		trustedUsersFile(policy, cf, errors);
		Map<String, String> parsed = new HashMap<>();
		for (String line : options.lines()) {
			Matcher option = SET_OPTION.matcher(line);
			if (option.matches()) {
				parsed.put(CfText.canonicalName(option.group(1)), unescape(option.group(2)));
			}
		}
		for (String name : RenderedOptions.NAMES) {
			String wanted = RenderedOptions.value(policy.options(), name);
			String read = parsed.get(name);
			if (wanted == null && read != null) {
				errors.add(new Violation("options." + name, "sendmail read '" + read + "' but the option is unset"));
			}
			else if (wanted != null && read == null) {
				errors.add(new Violation("options." + name, "sendmail did not read the option at all"));
			}
			else if (wanted != null && !RenderedOptions.sameValue(name, read, wanted)) {
				errors.add(new Violation("options." + name,
						"sendmail read '" + read + "' where the policy says '" + wanted + "'"));
			}
		}
		Set<String> wantedTrusted = new LinkedHashSet<>();
		policy.trustedUsers().users().forEach((u) -> wantedTrusted.add(u.toLowerCase(Locale.ROOT)));
		if (policy.trustedUsers().file() != null) {
			policy.trustedUsers().file().users().forEach((u) -> wantedTrusted.add(u.toLowerCase(Locale.ROOT)));
		}
		Set<String> readTrusted = classMembers(options.lines());
		if (!readTrusted.equals(wantedTrusted)) {
			Set<String> extra = new LinkedHashSet<>(readTrusted);
			extra.removeAll(wantedTrusted);
			Set<String> missing = new LinkedHashSet<>(wantedTrusted);
			missing.removeAll(readTrusted);
			errors.add(new Violation("trustedUsers.users", "sendmail's class t differs from the policy:"
					+ (extra.isEmpty() ? "" : " extra " + extra) + (missing.isEmpty() ? "" : " missing " + missing)));
		}
		prog(policy, mailers, errors);
		Status status = errors.isEmpty() ? Status.PASSED : Status.FAILED;
		return new Result(status, null, errors, warnings);
	}

	/**
	 * A value as {@code -d37.1} prints it, with a tab, newline or carriage return as
	 * {@code \t}, {@code \n} or {@code \r}: the separators of a PrivacyOptions value that
	 * is continued on the next line or spaced with tabs. (A backslash is printed as it
	 * is, but no value sendmail accepts for a managed option holds one.)
	 */
	static String unescape(String value) {
		return value.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r");
	}

	/**
	 * The {@code Ft} line is checked as text: sendmail reads the policy's names in its
	 * place, so it never sees which file the mail hosts would read.
	 */
	private static void trustedUsersFile(Policy policy, String cf, List<Violation> errors) {
		List<CfText.Statement> ftLines = CfText.parse(cf)
			.statements()
			.stream()
			.filter((s) -> CfText.isTrustedUsersFileLine(s.logical()))
			.toList();
		TrustedUsersFile wanted = policy.trustedUsers().file();
		if (wanted == null) {
			if (!ftLines.isEmpty()) {
				errors.add(new Violation("trustedUsers.file", describe(ftLines.get(0))
						+ " reads trusted users from elsewhere, but the policy has no trusted-users file"));
			}
			return;
		}
		Matcher ft = (ftLines.size() == 1) ? CfText.FT_LINE.matcher(ftLines.get(0).logical()) : null;
		if (ft == null || !ft.matches() || !ft.group(2).equals(wanted.path())
				|| (ft.group(1) != null) != wanted.optional()) {
			errors.add(new Violation("trustedUsers.file.path",
					"the cf's Ft lines do not read exactly " + (wanted.optional() ? "-o " : "") + wanted.path()));
		}
	}

	private static String lastLines(List<String> lines) {
		List<String> text = lines.stream().filter((line) -> !line.isBlank()).toList();
		return String.join(" | ", text.subList(Math.max(0, text.size() - 3), text.size()));
	}

	private static void prog(Policy policy, Run mailers, List<Violation> errors) {
		Matcher prog = null;
		for (String line : mailers.lines()) {
			Matcher m = PROG_MAILER.matcher(line);
			if (m.find()) {
				prog = m;
			}
		}
		if (prog == null) {
			if (policy.smrsh().enabled()) {
				errors.add(new Violation("smrsh.enabled", "the base cf defines no prog mailer to run smrsh"));
			}
			return;
		}
		String path = prog.group(1);
		String argv = prog.group(2).strip();
		if (policy.smrsh().enabled()) {
			if (!path.equals(policy.smrsh().smrshPath()) || !ProgMailer.isSmrshArgv(argv)) {
				errors.add(new Violation("smrsh.smrshPath", "sendmail's prog mailer runs P=" + path + " A=" + argv
						+ ", not P=" + policy.smrsh().smrshPath() + " A=" + ProgMailer.SMRSH_ARGV));
			}
		}
		else if (new ProgMailer(path, argv).runsSmrsh()) {
			errors.add(new Violation("smrsh.enabled", "smrsh is off but sendmail's prog mailer runs " + path));
		}
	}

	/**
	 * Class t as {@code $=t} prints it: the names after the first prompt ({@code "> "}),
	 * up to the next one. An empty class prints the next prompt right after the first
	 * ({@code "> > "}).
	 */
	static Set<String> classMembers(List<String> lines) {
		int enter = 0;
		while (enter < lines.size() && !lines.get(enter).startsWith("Enter <ruleset> <address>")) {
			enter++;
		}
		Set<String> members = new LinkedHashSet<>();
		String answer = String.join("\n", lines.subList(Math.min(enter + 1, lines.size()), lines.size()));
		if (!answer.startsWith("> ")) {
			return members;
		}
		answer = answer.substring(2);
		int next = answer.startsWith(">") ? 0 : answer.indexOf("\n>");
		for (String name : ((next >= 0) ? answer.substring(0, next) : answer).split("\n")) {
			if (!name.isBlank()) {
				members.add(name.strip().toLowerCase(Locale.ROOT));
			}
		}
		return members;
	}

	/** The policy field that produced a line of the rendered cf. */
	static String fieldOfLine(List<String> lines, int number) {
		if (number < 1 || number > lines.size()) {
			return "baseCf";
		}
		int start = number - 1;
		while (start > 0 && CfText.isContinuation(lines.get(start))) {
			start--;
		}
		String line = lines.get(start);
		var option = CfText.optionOf(line);
		if (option.isPresent() && RenderedOptions.NAMES.contains(option.get().name())) {
			return "options." + option.get().name();
		}
		if (CfText.isTrustedUsersFileLine(line)) {
			return "trustedUsers.file.path";
		}
		if (ClassTLine.of(line).isPresent()) {
			return "trustedUsers.users";
		}
		if (ProgMailer.isProg(line)) {
			return "smrsh.smrshPath";
		}
		return "baseCf";
	}

	private record Run(int exitCode, List<String> lines) {
	}

	private Run run(Path dir, Path cf, String input, String... flags) throws IOException, InterruptedException {
		// Without probing this host's network interfaces for class w: each probe is a
		// reverse DNS lookup, which now and then waits out the resolver's 5 s timeout.
		List<String> command = new ArrayList<>(
				List.of(this.sendmail.toString(), "-C", cf.toString(), "-bt", "-ODontProbeInterfaces=true"));
		command.addAll(List.of(flags));
		Path output = dir.resolve("output.txt");
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		process.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
		process.getOutputStream().close();
		if (!process.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			return null;
		}
		return new Run(process.exitValue(), Files.readAllLines(output, StandardCharsets.ISO_8859_1));
	}

	/**
	 * The local host name when sendmail would find it unqualified (no name with a dot
	 * among the host name's entries), else {@code null}.
	 */
	static String unqualifiedHostName() {
		try {
			Process hostname = new ProcessBuilder("hostname").redirectErrorStream(true).start();
			String name = new String(hostname.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			if (!hostname.waitFor(5, TimeUnit.SECONDS) || name.isEmpty() || name.contains(".")) {
				return null;
			}
			Process getent = new ProcessBuilder("getent", "hosts", name).redirectErrorStream(true).start();
			String entries = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!getent.waitFor(5, TimeUnit.SECONDS)) {
				getent.destroyForcibly();
				return name;
			}
			boolean qualified = Stream.of(entries.split("\\s+"))
				.anyMatch((word) -> word.contains(".") && !word.matches("[0-9.]+") && !word.contains(":"));
			return (getent.exitValue() == 0 && !qualified) ? name : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static void deleteQuietly(Path dir) {
		if (dir == null) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach((p) -> p.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temporary directory is harmless.
		}
	}

}
