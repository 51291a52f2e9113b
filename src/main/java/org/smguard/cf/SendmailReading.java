package org.smguard.cf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smguard.policy.ManagedOption;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.TrustedUsers;
import org.smguard.sandbox.SandboxRun;

/**
 * What the real sendmail read from a cf, taken from two sandboxed {@code -bt} runs: the
 * managed options in the order setoption received them ({@code -d37.1}), class {@code t}
 * ({@code $=t}) and the delivery agents ({@code =M}), plus its per-line messages. Parsed
 * strictly: output that does not have exactly the shape sendmail prints (a forged line, a
 * cut-off answer) makes the reading {@link #unreadable()}, never a guess.
 */
public record SendmailReading(List<OptionSemantics.Setting> settings, Set<String> classT, List<Mailer> mailers,
		List<Diagnostic> diagnostics, int exitCode, String unreadable) {

	private static final Pattern SET_OPTION = Pattern.compile("\\Asetoption (\\S*) \\((.|0x[0-9a-f]+)\\)=(.*)\\z");

	private static final Pattern DIAGNOSTIC = Pattern
		.compile("\\A" + Pattern.quote(SandboxRun.CF_PATH) + ": line (\\d{1,9}): (.*)\\z");

	/**
	 * printmailer()'s line. P= is printed raw, so it is matched greedily: whatever it
	 * holds, the fields after it are the last ones that fit, which sendmail printed.
	 */
	private static final Pattern MAILER = Pattern.compile("\\Amailer (\\d{1,4}) \\(([^\\s,]+?)\\): P=(.*) S=\\S+ R=\\S+"
			+ " M=-?\\d+ U=-?\\d+:-?\\d+ F=\\S* L=-?\\d+ E=\\S*(?: C=\\S+)? T=.*/.*/.* r=-?\\d+(?: A=(.*))?\\z");

	private static final String PROMPT = "> ";

	/** One delivery agent as {@code =M} prints it. */
	public record Mailer(int number, String name, String path, String argv) {
	}

	/** A message sendmail printed about a line of the cf. */
	public record Diagnostic(int line, String message) {

		/**
		 * Whether it is about the host rather than the cf: a user, group, service or file
		 * the sandbox does not have, which the mail hosts may.
		 */
		public boolean hostDependent() {
			return this.message.matches(".*(unknown (user|group) |fileclass: cannot open |service \\S+ unknown).*");
		}

		/** Whether it is a notice on a line sendmail read as meant. */
		public boolean notice() {
			return this.message.matches("Option \\S+ used as abbreviation .*");
		}

	}

	/**
	 * The delivery agent sendmail uses for {@code |program} addresses: the one named
	 * {@code prog}, without case.
	 */
	public Optional<Mailer> progMailer() {
		return this.mailers.stream().filter((m) -> m.name().equalsIgnoreCase("prog")).findFirst();
	}

	/**
	 * @param options the {@code -d37.1} run with {@code $=t} as input
	 * @param mailerRun the {@code =M} run
	 */
	public static SendmailReading parse(SandboxRun options, SandboxRun mailerRun) {
		List<OptionSemantics.Setting> settings = new ArrayList<>();
		List<Diagnostic> diagnostics = new ArrayList<>();
		String unreadable = null;
		if (options.truncated() || mailerRun.truncated()) {
			unreadable = "sendmail printed more than the sandbox reads";
		}
		for (String line : options.lines()) {
			Matcher diagnostic = DIAGNOSTIC.matcher(line);
			if (diagnostic.matches()) {
				diagnostics.add(new Diagnostic(Integer.parseInt(diagnostic.group(1)), diagnostic.group(2)));
				continue;
			}
			Matcher set = SET_OPTION.matcher(line);
			if (!set.matches()) {
				continue;
			}
			String name = optionOfCode(set.group(1), set.group(2));
			if (name == null) {
				continue;
			}
			String value = set.group(3);
			if (name.equals(OptionSemantics.DEFAULT_GROUP) || ManagedOption.named(name).markedUnsafe()) {
				if (!value.endsWith(" (unsafe)")) {
					unreadable = (unreadable != null) ? unreadable : "sendmail's line for " + name + " has no mark";
					continue;
				}
				value = value.substring(0, value.length() - " (unsafe)".length());
			}
			settings.add(new OptionSemantics.Setting(name, unescape(value), 0));
		}
		Set<String> classT = new LinkedHashSet<>();
		List<String> answer = answer(options.lines());
		if (answer == null) {
			unreadable = (unreadable != null) ? unreadable : "sendmail gave no answer for class t";
		}
		else {
			answer.stream().filter((n) -> !n.isEmpty()).forEach((n) -> classT.add(n.toLowerCase(Locale.ROOT)));
		}
		List<Mailer> mailers = new ArrayList<>();
		List<String> mailerLines = answer(mailerRun.lines());
		if (mailerLines == null) {
			unreadable = (unreadable != null) ? unreadable : "sendmail gave no answer for its mailers";
		}
		else {
			for (String line : mailerLines) {
				Matcher mailer = MAILER.matcher(line);
				int expected = mailers.size();
				if (!mailer.matches() || Integer.parseInt(mailer.group(1)) != expected) {
					unreadable = (unreadable != null) ? unreadable
							: "sendmail's list of mailers does not have the shape it prints (a mailer's P= holds a"
									+ " line end?)";
					break;
				}
				mailers.add(new Mailer(expected, mailer.group(2), mailer.group(3),
						(mailer.group(4) != null) ? mailer.group(4) : ""));
			}
		}
		long prog = mailers.stream().filter((m) -> m.name().equalsIgnoreCase("prog")).count();
		if (prog > 1 && unreadable == null) {
			unreadable = "sendmail listed " + prog + " mailers named prog";
		}
		return new SendmailReading(List.copyOf(settings), classT, List.copyOf(mailers), List.copyOf(diagnostics),
				options.exitCode(), unreadable);
	}

	/**
	 * The managed option (or the default group option {@code g}, which has no name) a
	 * setoption line names by its name and code; {@code null} for any other.
	 */
	private static String optionOfCode(String name, String code) {
		if (name.isEmpty() && code.equals("g")) {
			return OptionSemantics.DEFAULT_GROUP;
		}
		for (ManagedOption option : ManagedOption.values()) {
			if (option.cfName().equals(name) && option.debugCode().equals(code)) {
				return name;
			}
		}
		return null;
	}

	/**
	 * The lines of the one answer in a {@code -bt} run: after "Enter &lt;ruleset&gt;
	 * &lt;address&gt;", from the first prompt up to the prompt sendmail prints at the end
	 * of its input; {@code null} when the run does not have that shape.
	 */
	public static List<String> answer(List<String> lines) {
		int enter = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith("Enter <ruleset> <address>")) {
				enter = i;
				break;
			}
		}
		if (enter < 0) {
			return null;
		}
		String text = String.join("\n", lines.subList(enter + 1, lines.size()));
		if (text.endsWith("\n")) {
			text = text.substring(0, text.length() - 1);
		}
		if (!text.startsWith(PROMPT) || !text.endsWith(PROMPT) || text.length() < 2 * PROMPT.length()) {
			return null;
		}
		String body = text.substring(PROMPT.length(), text.length() - PROMPT.length());
		if (body.isEmpty()) {
			return List.of();
		}
		if (!body.endsWith("\n")) {
			return null;
		}
		return List.of(body.substring(0, body.length() - 1).split("\n", -1));
	}

	/**
	 * What a reading should hold for a managed option when the cf says what the policy
	 * says: the effective value, as a reading holds it ({@code null}: unset).
	 */
	public static String expectedOption(SecurityOptions options, String name) {
		return asRead(OptionSemantics.ofPolicyValue(name, ManagedOption.named(name).cfValue(options)));
	}

	/**
	 * The class t a reading should hold for a policy's trusted users: its names and its
	 * file's, without case, as setclass files them.
	 */
	public static Set<String> expectedClassT(TrustedUsers trusted) {
		Set<String> names = new LinkedHashSet<>();
		trusted.users().forEach((user) -> names.add(user.toLowerCase(Locale.ROOT)));
		if (trusted.file() != null) {
			trusted.file().users().forEach((user) -> names.add(user.toLowerCase(Locale.ROOT)));
		}
		return names;
	}

	/**
	 * A raw cf value as a reading holds it: printed by xputs, then unescaped. Compare
	 * values with a reading's this way, never raw: sendmail prints {@code $$} (a plain
	 * '$') as '$', so the raw {@code $$z} and the reading's {@code $z} are the same
	 * value.
	 */
	public static String asRead(String raw) {
		return (raw != null) ? unescape(printed(raw)) : null;
	}

	/** A value as xputs printed it, with its escaped tab, newline and CR restored. */
	public static String unescape(String printed) {
		return printed.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r");
	}

	/**
	 * A raw cf value as {@code xputs} prints it: {@code $$} is a plain '$', tab, newline
	 * and carriage return are escaped, other control characters are dropped and bytes
	 * above 127 are printed as {@code M-} and their low seven bits.
	 */
	public static String printed(String raw) {
		byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < bytes.length; i++) {
			int c = bytes[i] & 0xff;
			if (c == '$' && i + 1 < bytes.length && bytes[i + 1] == '$') {
				out.append('$');
				i++;
				continue;
			}
			if (c >= 128) {
				out.append("M-");
				c &= 0x7f;
			}
			if (c >= 32 && c < 127) {
				out.append((char) c);
			}
			else if (c == '\n') {
				out.append("\\n");
			}
			else if (c == '\r') {
				out.append("\\r");
			}
			else if (c == '\t') {
				out.append("\\t");
			}
		}
		return out.toString();
	}

}
