package org.smguard.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.smguard.cf.CfText;
import org.smguard.cf.ClassFileLine;
import org.smguard.cf.ClassTLine;
import org.smguard.cf.OptionSemantics;
import org.smguard.cf.ProgMailer;
import org.smguard.cf.SendmailReader;
import org.smguard.cf.SendmailReading;
import org.smguard.cf.TrustedUsersFileFormat;
import org.smguard.cf.TrustedUsersFileLines;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.Policy;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.sandbox.SandboxUnavailableException;
import org.smguard.validation.Violation;

import org.springframework.stereotype.Component;

/**
 * Runs the real {@code sendmail} on a rendered cf, always in its sandbox, and reads back
 * what it parsed: every managed option, class {@code t} and the prog mailer. Each must
 * mean exactly what the policy says, because a stray comma or newline can add a trusted
 * user or change {@code P=} while sendmail still exits 0. The answer holds only what was
 * compared and sendmail's messages about lines of the cf, cut short.
 */
@Component
public class SendmailCheck {

	private final SendmailReader reader;

	public SendmailCheck(SendmailReader reader) {
		this.reader = reader;
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
		String checked = TrustedUsersFileLines.withNames(cf, policy.trustedUsers().file());
		SendmailReading reading;
		try {
			reading = this.reader.read(checked, accountNames(policy));
		}
		catch (SandboxUnavailableException ex) {
			return Result.skipped("the sendmail check runs only in its sandbox, which cannot run here: "
					+ ex.getMessage() + ": the rendered cf was not checked");
		}
		if (reading == null) {
			return Result.skipped("sendmail did not answer in time: the rendered cf was not checked");
		}
		return compare(policy, cf, reading);
	}

	/** The user and group names the policy gives sendmail, for the synthetic host. */
	private static List<String> accountNames(Policy policy) {
		List<String> names = new ArrayList<>();
		String defaultUser = policy.options().defaultUser();
		if (defaultUser != null) {
			names.addAll(List.of(defaultUser.split("[:.]")));
		}
		return names;
	}

	/** {@code line N ('text')}, the text cut short. */
	private static String describe(CfText.Statement statement) {
		String line = statement.logical();
		return "line " + (statement.start() + 1) + " ('" + ((line.length() > 60) ? line.substring(0, 60) + "..." : line)
				+ "')";
	}

	private Result compare(Policy policy, String cf, SendmailReading reading) {
		List<Violation> errors = new ArrayList<>();
		List<Violation> warnings = new ArrayList<>();
		if (reading.unreadable() != null) {
			errors.add(new Violation("baseCf", "sendmail's answer could not be read unambiguously: "
					+ reading.unreadable() + "; the check cannot vouch for this cf"));
			return new Result(Status.FAILED, null, errors, warnings);
		}
		List<String> cfLines = List.of(cf.split("\n", -1));
		// Every message about the file names its line: "readcf: ...", "unknown
		// configuration line ...", "Mprog: A= argument required" and more. When sendmail
		// exits 0 it accepted the file and they are notices ("Option Log used as
		// abbreviation for LogLevel"). Messages are cut short: they are sendmail's words
		// about the cf, and the sandbox holds no file of this host for them to quote.
		for (SendmailReading.Diagnostic diagnostic : reading.diagnostics()) {
			String field = fieldOfLine(cfLines, diagnostic.line());
			String text = cut(diagnostic.message(), 160);
			String message = "sendmail: line " + diagnostic.line() + ": " + text;
			if (diagnostic.hostDependent()) {
				// The mail hosts' users, groups and files differ from the sandbox's.
				warnings.add(new Violation(field, message + " (in the check's sandbox; the mail hosts may differ)"));
			}
			else if (reading.exitCode() == 0 || diagnostic.notice()) {
				warnings.add(new Violation(field, message));
			}
			else {
				errors.add(new Violation(field, message));
			}
		}
		if (reading.exitCode() != 0 && errors.isEmpty() && warnings.isEmpty()) {
			errors.add(new Violation("baseCf",
					"sendmail exited with status " + reading.exitCode() + " without naming a line"));
		}
		trustedUsersFile(policy, cf, errors);
		Map<String, String> read = OptionSemantics.effective(reading.settings());
		for (String name : ManagedOption.NAMES) {
			String wanted = SendmailReading.expectedOption(policy.options(), name);
			String got = read.get(name);
			if (!Objects.equals(wanted, got)) {
				errors.add(new Violation("options." + name,
						"sendmail reads " + describeValue(got) + " where the policy means " + describeValue(wanted)));
			}
		}
		Set<String> wantedTrusted = SendmailReading.expectedClassT(policy.trustedUsers());
		if (!reading.classT().equals(wantedTrusted)) {
			Set<String> extra = new LinkedHashSet<>(reading.classT());
			extra.removeAll(wantedTrusted);
			Set<String> missing = new LinkedHashSet<>(wantedTrusted);
			missing.removeAll(reading.classT());
			errors.add(new Violation("trustedUsers.users",
					"sendmail's class t differs from the policy:"
							+ (extra.isEmpty() ? "" : " " + extra.size() + " extra " + firstNames(extra))
							+ (missing.isEmpty() ? "" : " " + missing.size() + " missing " + firstNames(missing))));
		}
		prog(policy, reading, errors);
		Status status = errors.isEmpty() ? Status.PASSED : Status.FAILED;
		return new Result(status, null, errors, warnings);
	}

	private static String describeValue(String value) {
		return (value == null) ? "it unset" : "'" + cut(value, 120) + "'";
	}

	private static String firstNames(Set<String> names) {
		return names.stream().limit(10).map((n) -> cut(n, 40)).toList() + ((names.size() > 10) ? "..." : "");
	}

	private static String cut(String text, int length) {
		return (text.length() > length) ? text.substring(0, length) + "..." : text;
	}

	/**
	 * The {@code Ft} line is checked as text: sendmail reads the policy's names in its
	 * place, so it never sees which file the mail hosts would read.
	 */
	private static void trustedUsersFile(Policy policy, String cf, List<Violation> errors) {
		List<CfText.Statement> ftLines = TrustedUsersFileLines.of(CfText.parse(cf));
		TrustedUsersFile wanted = policy.trustedUsers().file();
		if (wanted == null) {
			if (!ftLines.isEmpty()) {
				errors.add(new Violation("trustedUsers.file", describe(ftLines.get(0))
						+ " reads trusted users from elsewhere, but the policy has no trusted-users file"));
			}
			return;
		}
		ClassFileLine ft = (ftLines.size() == 1) ? ClassFileLine.of(ftLines.get(0).read()).get() : null;
		if (ft == null || ft.program() || ft.map() || !ft.file().equals(wanted.path())
				|| ft.optional() != wanted.optional() || !TrustedUsersFileFormat.readable(ft.pattern())) {
			errors.add(new Violation("trustedUsers.file.path", "the cf's Ft lines do not read exactly "
					+ (wanted.optional() ? "-o " : "") + wanted.path() + " with a pattern the console renders for"));
		}
	}

	/**
	 * The prog mailer sendmail uses, taken from its own table by structure: a decoy
	 * string inside another mailer's fields can never stand in for it.
	 */
	private static void prog(Policy policy, SendmailReading reading, List<Violation> errors) {
		Optional<SendmailReading.Mailer> prog = reading.progMailer();
		if (prog.isEmpty()) {
			if (policy.smrsh().enabled()) {
				errors.add(new Violation("smrsh.enabled", "the base cf defines no prog mailer to run smrsh"));
			}
			return;
		}
		String path = prog.get().path();
		String argv = prog.get().argv();
		if (policy.smrsh().enabled()) {
			if (!path.equals(policy.smrsh().smrshPath()) || !argv.equals(ProgMailer.SMRSH_ARGV)) {
				errors.add(new Violation("smrsh.smrshPath", "sendmail's prog mailer runs P=" + cut(path, 120) + " A="
						+ cut(argv, 120) + ", not P=" + policy.smrsh().smrshPath() + " A=" + ProgMailer.SMRSH_ARGV));
			}
		}
		else if (new ProgMailer(path, argv).runsSmrsh()) {
			errors
				.add(new Violation("smrsh.enabled", "smrsh is off but sendmail's prog mailer runs " + cut(path, 120)));
		}
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
		if (option.isPresent() && ManagedOption.NAMES.contains(option.get().name())) {
			return "options." + option.get().name();
		}
		if (ClassFileLine.of(line).map(ClassFileLine::isClassT).orElse(false)) {
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

}
