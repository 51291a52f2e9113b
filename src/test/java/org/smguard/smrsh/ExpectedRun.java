package org.smguard.smrsh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the real smrsh sandbox ({@link RealSmrsh}) must show for a simulated command: for
 * a refusal, smrsh's message and exit code and nothing run; for a line smrsh lets
 * through, what dash does with the simulator's commands, where every sm.bin program is
 * the recorder (which exits 1 as {@code fails}), {@code /bin/echo} is the recorder too,
 * nothing else is on the search path and the working directory is empty.
 * <p>
 * The simulator says which commands run with which arguments; this adds what the shell
 * does between them: {@code &&} and {@code ||} on exit statuses, {@code exit},
 * {@code exec} ending the shell, dash's {@code echo} escapes, and file name patterns,
 * which in the empty working directory can only match {@code .} and {@code ..}.
 *
 * @param exitCode the exit code
 * @param stdout what is printed on standard output
 * @param stderr what is printed on standard error
 * @param records the programs that ran, in order
 * @param concurrent whether commands ran at the same time (pipes, background jobs): then
 * only the multiset of records and output lines is fixed, not their order
 */
record ExpectedRun(int exitCode, byte[] stdout, byte[] stderr, List<RealSmrsh.Record> records, boolean concurrent) {

	private static final String SH = "/bin/sh: 1: ";

	private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

	static ExpectedRun of(SmrshSimulator simulator, SmrshSimulator.Simulation simulation) {
		RestrictedShell.Outcome outcome = simulation.outcome();
		if (!outcome.accepted()) {
			return new ExpectedRun(outcome.exitCode(), new byte[0], line(outcome.message()), List.of(), false);
		}
		if (simulation.shell() == null) {
			return new ExpectedRun(2, new byte[0], line(bytes(SH + simulation.syntaxError())), List.of(), false);
		}
		Shell main = new Shell(simulator, 0);
		for (ShellLine.AndOr list : simulation.shell().lists()) {
			if (list.background()) {
				Shell job = main.subshell();
				job.andOr(list);
				main.absorb(job, true);
				main.concurrent = true;
				main.status = 0;
				continue;
			}
			main.andOr(list);
			if (main.exited) {
				break;
			}
		}
		return new ExpectedRun(main.status, main.stdout.toByteArray(), main.stderr.toByteArray(), main.records,
				main.concurrent);
	}

	/** Whether the real run shows exactly this. */
	boolean matches(RealSmrsh.Run run) {
		if (run.exitCode() != this.exitCode) {
			return false;
		}
		if (!this.concurrent) {
			return Arrays.equals(run.stdout(), this.stdout) && Arrays.equals(run.stderr(), this.stderr)
					&& shown(run.records()).equals(shown(this.records));
		}
		return sorted(run.stdout()).equals(sorted(this.stdout)) && sorted(run.stderr()).equals(sorted(this.stderr))
				&& shown(run.records()).stream()
					.sorted()
					.toList()
					.equals(shown(this.records).stream().sorted().toList());
	}

	@Override
	public String toString() {
		return "exit " + this.exitCode + ", stdout '" + ByteText.show(this.stdout) + "', stderr '"
				+ ByteText.show(this.stderr) + "', ran " + shown(this.records)
				+ (this.concurrent ? " (in any order)" : "");
	}

	private static List<String> shown(List<RealSmrsh.Record> records) {
		return records.stream().map(RealSmrsh.Record::shown).toList();
	}

	private static String sorted(byte[] bytes) {
		return Arrays.stream(new String(bytes, StandardCharsets.ISO_8859_1).split("\n")).sorted().toList().toString();
	}

	private static byte[] line(byte[] message) {
		byte[] line = Arrays.copyOf(message, message.length + 1);
		line[message.length] = '\n';
		return line;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** One shell process: the script's shell, or a subshell for a pipe or a job. */
	private static final class Shell {

		private final SmrshSimulator simulator;

		private int status;

		private boolean exited;

		private boolean concurrent;

		private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

		private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

		private final List<RealSmrsh.Record> records = new ArrayList<>();

		Shell(SmrshSimulator simulator, int status) {
			this.simulator = simulator;
			this.status = status;
		}

		Shell subshell() {
			return new Shell(this.simulator, this.status);
		}

		void absorb(Shell sub, boolean output) {
			this.records.addAll(sub.records);
			this.stderr.writeBytes(sub.stderr.toByteArray());
			if (output) {
				this.stdout.writeBytes(sub.stdout.toByteArray());
			}
			this.concurrent |= sub.concurrent;
		}

		void andOr(ShellLine.AndOr list) {
			for (int i = 0; i < list.pipelines().size(); i++) {
				if (i > 0) {
					String operator = list.operators().get(i - 1);
					if (operator.equals("&&") != (this.status == 0)) {
						continue;
					}
				}
				pipeline(list.pipelines().get(i));
				if (this.exited) {
					return;
				}
			}
		}

		private void pipeline(ShellLine.Pipeline pipeline) {
			List<List<ShellLine.Word>> commands = pipeline.commands();
			if (commands.size() == 1) {
				command(commands.get(0));
				return;
			}
			this.concurrent = true;
			for (int i = 0; i < commands.size(); i++) {
				Shell part = subshell();
				part.command(commands.get(i));
				boolean last = i == commands.size() - 1;
				absorb(part, last);
				if (last) {
					this.status = part.status;
				}
			}
		}

		private void command(List<ShellLine.Word> words) {
			SmrshSimulator.Invocation invocation = this.simulator.classify(words);
			List<byte[]> arguments = new ArrayList<>();
			invocation.arguments().forEach((argument) -> arguments.addAll(expand(argument)));
			String program = invocation.program();
			switch (invocation.kind()) {
				case BUILTIN -> builtin(program, arguments);
				case SM_BIN -> {
					this.records.add(new RealSmrsh.Record(bytes(program), arguments));
					this.status = program.endsWith("/fails") ? 1 : 0;
					this.exited |= invocation.exec();
				}
				case PATH -> {
					if (invocation.exec() && program.equals("echo")) {
						this.records.add(new RealSmrsh.Record(bytes("echo"), arguments));
						this.status = 0;
					}
					else {
						this.stderr
							.writeBytes(bytes(SH + (invocation.exec() ? "exec: " : "") + program + ": not found\n"));
						this.status = 127;
					}
					this.exited |= invocation.exec();
				}
			}
		}

		private void builtin(String name, List<byte[]> arguments) {
			switch (name) {
				case "echo" -> {
					this.stdout.writeBytes(echo(arguments));
					this.status = 0;
				}
				case "exit" -> {
					this.exited = true;
					if (arguments.isEmpty()) {
						return;
					}
					String number = new String(arguments.get(0), StandardCharsets.ISO_8859_1);
					if (DIGITS.matcher(number).matches()) {
						this.status = Integer.parseInt(number) & 0xFF;
					}
					else {
						this.stderr.writeBytes(line(bytes(SH + "exit: Illegal number: " + number)));
						this.status = 2;
					}
				}
				default -> this.status = 0;
			}
		}

	}

	/**
	 * A word after pathname expansion in the empty working directory: a pattern that
	 * starts with a dot may match {@code .} and {@code ..}; any other pattern, and one
	 * that matches nothing, stays as it is.
	 */
	static List<byte[]> expand(ShellLine.Word word) {
		if (!word.isPattern() || word.bytes().length == 0 || word.bytes()[0] != '.') {
			return List.of(word.bytes());
		}
		StringBuilder regex = new StringBuilder();
		byte[] bytes = word.bytes();
		for (int i = 0; i < bytes.length; i++) {
			char c = (char) (bytes[i] & 0xFF);
			if (!word.literal()[i] && c == '*') {
				regex.append(".*");
			}
			else if (!word.literal()[i] && c == '?') {
				regex.append('.');
			}
			else if (!word.literal()[i] && c == '[') {
				int close = -1;
				for (int j = i + 2; j < bytes.length; j++) {
					if (bytes[j] == ']') {
						close = j;
						break;
					}
				}
				if (close < 0) {
					regex.append("\\[");
					continue;
				}
				regex.append('[');
				for (int j = i + 1; j < close; j++) {
					char member = (char) (bytes[j] & 0xFF);
					regex.append((j == i + 1 && member == '!') ? "^"
							: Character.isLetterOrDigit(member) ? String.valueOf(member) : "\\" + member);
				}
				regex.append(']');
				i = close;
			}
			else {
				regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		Pattern pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
		List<byte[]> matches = new ArrayList<>();
		for (String name : List.of(".", "..")) {
			if (pattern.matcher(name).matches()) {
				matches.add(bytes(name));
			}
		}
		return matches.isEmpty() ? List.of(word.bytes()) : matches;
	}

	/**
	 * What dash's {@code echo} prints: the arguments joined by spaces and a newline,
	 * without it after a first argument {@code -n}; escapes {@code \a \b \e \f \n \r \t
	 * \v \\}, octal {@code \0nnn} and {@code \nnn}, and {@code \c}, which ends the
	 * output.
	 */
	static byte[] echo(List<byte[]> arguments) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int first = 0;
		boolean newline = true;
		if (!arguments.isEmpty() && Arrays.equals(arguments.get(0), bytes("-n"))) {
			first = 1;
			newline = false;
		}
		for (int a = first; a < arguments.size(); a++) {
			byte[] s = arguments.get(a);
			int i = 0;
			while (i < s.length) {
				byte b = s[i++];
				if (b != '\\') {
					out.write(b);
					continue;
				}
				int c = (i < s.length) ? s[i] : 0;
				if (c == 'c') {
					return out.toByteArray();
				}
				int escaped = switch (c) {
					case '\\' -> '\\';
					case 'a' -> 7;
					case 'b' -> 8;
					case 'e' -> 27;
					case 'f' -> 12;
					case 'n' -> 10;
					case 'r' -> 13;
					case 't' -> 9;
					case 'v' -> 11;
					default -> -1;
				};
				if (escaped >= 0) {
					out.write(escaped);
					i++;
					continue;
				}
				if (c == '0' && i + 1 < s.length && isOctal(s[i + 1])) {
					i++;
				}
				if (i < s.length && isOctal(s[i])) {
					int value = 0;
					for (int digits = 0; digits < 3 && i < s.length && isOctal(s[i]); digits++) {
						value = value * 8 + (s[i++] - '0');
					}
					out.write(value);
					continue;
				}
				out.write('\\');
			}
			if (a < arguments.size() - 1) {
				out.write(' ');
			}
		}
		if (newline) {
			out.write('\n');
		}
		return out.toByteArray();
	}

	private static boolean isOctal(int b) {
		return b >= '0' && b <= '7';
	}

}
