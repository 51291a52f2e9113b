package org.smguard.smrsh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.smguard.policy.Smrsh;

/**
 * Simulates smrsh on a policy's sm.bin: a program is there when the policy links a
 * program of that name. Pure: nothing is run; {@link RestrictedShell} decides as smrsh
 * does and {@link ShellLine} reads what it hands the shell as dash does.
 * {@code SmrshDifferentialTests} holds both to the real binaries.
 * <p>
 * Commands are simulated on their UTF-8 bytes, as smrsh sees them: many non-ASCII
 * characters carry a byte that is the 8-bit twin of a character smrsh refuses.
 */
public final class SmrshSimulator {

	private final Smrsh smrsh;

	private final Map<String, String> targets = new LinkedHashMap<>();

	public SmrshSimulator(Smrsh smrsh) {
		this.smrsh = smrsh;
		smrsh.programs().forEach((program) -> this.targets.putIfAbsent(program.name(), program.target()));
	}

	/** What runs a command of the shell line. */
	enum Kind {

		/** A program linked into sm.bin. */
		SM_BIN("sm.bin"),
		/** A builtin of the shell: {@code echo}, {@code exit}, or {@code exec} alone. */
		BUILTIN("builtin"),
		/** A program the shell looks up on smrsh's search path ({@code exec echo}). */
		PATH("path");

		private final String json;

		Kind(String json) {
			this.json = json;
		}

		String json() {
			return this.json;
		}

	}

	/**
	 * One command of the shell line.
	 *
	 * @param kind what runs it
	 * @param program the sm.bin link, the builtin, or the name looked up on the path
	 * @param target the link's target by the policy, for {@link Kind#SM_BIN}
	 * @param arguments its arguments, before file name patterns are expanded
	 * @param exec whether {@code exec} runs it in place of the shell
	 */
	record Invocation(Kind kind, String program, String target, List<ShellLine.Word> arguments, boolean exec) {

		List<byte[]> argumentBytes() {
			return this.arguments.stream().map(ShellLine.Word::bytes).toList();
		}

	}

	/**
	 * Everything the simulator found about one command.
	 *
	 * @param outcome smrsh's decision
	 * @param shell how the shell reads the line smrsh lets through; {@code null} when it
	 * refused or the shell cannot parse it
	 * @param syntaxError the shell's message when it cannot parse the line
	 */
	record Simulation(RestrictedShell.Outcome outcome, ShellLine shell, String syntaxError) {

	}

	/** The sm.bin directory this simulator looks programs up in. */
	String binDirectory() {
		return this.smrsh.binDirectory();
	}

	Simulation simulate(byte[] command) {
		RestrictedShell.Outcome outcome = RestrictedShell.check(command, this.smrsh.binDirectory(),
				this.targets::containsKey);
		if (!outcome.accepted()) {
			return new Simulation(outcome, null, null);
		}
		try {
			return new Simulation(outcome, ShellLine.parse(outcome.shellCommand()), null);
		}
		catch (ShellLine.SyntaxError ex) {
			return new Simulation(outcome, null, ex.getMessage());
		}
	}

	/** Classifies a simple command of the shell line by its words. */
	Invocation classify(List<ShellLine.Word> words) {
		String first = text(words.get(0));
		if (first.equals("exec")) {
			if (words.size() == 1) {
				return new Invocation(Kind.BUILTIN, "exec", null, List.of(), false);
			}
			Invocation run = program(words.get(1), words.subList(2, words.size()));
			return new Invocation(run.kind(), run.program(), run.target(), run.arguments(), true);
		}
		if (first.equals("echo") || first.equals("exit")) {
			return new Invocation(Kind.BUILTIN, first, null, words.subList(1, words.size()), false);
		}
		return program(words.get(0), words.subList(1, words.size()));
	}

	private Invocation program(ShellLine.Word word, List<ShellLine.Word> arguments) {
		String path = new String(word.bytes(), StandardCharsets.UTF_8);
		String prefix = this.smrsh.binDirectory() + "/";
		if (path.startsWith(prefix) && this.targets.containsKey(path.substring(prefix.length()))) {
			return new Invocation(Kind.SM_BIN, path, this.targets.get(path.substring(prefix.length())), arguments,
					false);
		}
		return new Invocation(Kind.PATH, ByteText.show(word.bytes()), null, arguments, false);
	}

	/** The verdict on one command, as the API shows it. */
	public Verdict command(String command) {
		return verdict(command, command.getBytes(StandardCharsets.UTF_8));
	}

	Verdict verdict(String input, byte[] command) {
		if (!this.smrsh.enabled()) {
			return new Verdict(input, null, "program", true, null, null, null,
					"smrsh is off in this policy: the prog mailer runs /bin/sh -c with this command, unrestricted",
					null, null, null, null,
					List.of("any program on the host runs, with any shell syntax; switch smrsh on to limit"
							+ " deliveries to the programs linked into " + this.smrsh.binDirectory()));
		}
		Simulation simulation = simulate(command);
		RestrictedShell.Outcome outcome = simulation.outcome();
		if (!outcome.accepted()) {
			return new Verdict(input, null, "program", false, null, null, null, ByteText.show(outcome.message()), null,
					null, outcome.exitCode(), null, List.of());
		}
		String shellCommand = ByteText.show(outcome.shellCommand());
		if (simulation.shell() == null) {
			return new Verdict(input, null, "program", true, null, null, null,
					"smrsh lets it through, but /bin/sh cannot parse what it gets (" + simulation.syntaxError()
							+ "), so nothing runs",
					null, shellCommand, null, List.of(), List.of());
		}
		List<Verdict.Command> commands = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		StringBuilder message = new StringBuilder("Runs ");
		Invocation first = null;
		boolean afterExec = false;
		List<ShellLine.AndOr> lists = simulation.shell().lists();
		for (int l = 0; l < lists.size(); l++) {
			ShellLine.AndOr list = lists.get(l);
			if (l > 0) {
				message.append("; then ");
			}
			for (int p = 0; p < list.pipelines().size(); p++) {
				String operator = (p > 0) ? list.operators().get(p - 1) : null;
				if (operator != null) {
					message.append(operator.equals("&&") ? ", then, if that succeeds, " : ", then, if that fails, ");
				}
				List<List<ShellLine.Word>> pipeline = list.pipelines().get(p).commands();
				for (int c = 0; c < pipeline.size(); c++) {
					Invocation invocation = classify(pipeline.get(c));
					if (first == null) {
						first = invocation;
					}
					else if (afterExec) {
						warnings.add("exec replaces the shell: " + invocation.program() + " after it never runs");
						afterExec = false;
					}
					if (c > 0) {
						message.append(" piped into ");
					}
					message.append(describe(invocation));
					commands.add(new Verdict.Command(invocation.program(), invocation.kind().json(),
							invocation.target(), shown(invocation.arguments()), (c > 0) ? "|" : operator,
							list.background(), invocation.exec()));
					warnings.addAll(warnings(invocation));
					if (invocation.exec() && pipeline.size() == 1 && !list.background()) {
						afterExec = true;
					}
				}
			}
			if (list.background()) {
				message.append(" (in the background)");
			}
		}
		if (first == null) {
			return new Verdict(input, null, "program", true, null, null, null,
					"smrsh lets it through, but it holds no command for /bin/sh, so nothing runs", null, shellCommand,
					null, List.of(), List.of());
		}
		message.append('.');
		return new Verdict(input, null, "program", true, first.program(), first.target(), shown(first.arguments()),
				message.toString(), null, shellCommand, null, commands, warnings.stream().distinct().toList());
	}

	private static String describe(Invocation invocation) {
		StringBuilder text = new StringBuilder(invocation.exec() ? "exec " : "");
		switch (invocation.kind()) {
			case SM_BIN ->
				text.append(invocation.program()).append(" (linked to ").append(invocation.target()).append(')');
			case BUILTIN -> text.append("the shell's ").append(invocation.program()).append(" builtin");
			case PATH ->
				text.append(invocation.program()).append(" from smrsh's search path ").append(RestrictedShell.PATH);
		}
		List<String> arguments = shown(invocation.arguments());
		if (arguments.isEmpty()) {
			text.append(" without arguments");
		}
		else {
			text.append(" with ").append((arguments.size() == 1) ? "argument " : "arguments ");
			for (int i = 0; i < arguments.size(); i++) {
				text.append((i == 0) ? "" : ", ").append('\'').append(arguments.get(i)).append('\'');
			}
		}
		return text.toString();
	}

	private static List<String> warnings(Invocation invocation) {
		List<String> warnings = new ArrayList<>();
		if (invocation.kind() == Kind.PATH) {
			warnings.add("exec looks " + invocation.program() + " up on smrsh's search path " + RestrictedShell.PATH
					+ ", not in sm.bin and not among the shell's builtins; where there is no such program the"
					+ " shell fails with 'exec: " + invocation.program() + ": not found'");
		}
		for (ShellLine.Word argument : invocation.arguments()) {
			String shown = ByteText.show(argument.bytes());
			if (argument.isPattern()) {
				warnings.add("'" + shown + "' is a file name pattern: /bin/sh replaces it by the names of the files"
						+ " it matches in the working directory, if any");
			}
			if (argument.hasUserTilde()) {
				warnings.add("/bin/sh replaces '" + shown.split("/", 2)[0] + "' in '" + shown
						+ "' by that user's home directory, when the user exists");
			}
		}
		return warnings;
	}

	private static List<String> shown(List<ShellLine.Word> words) {
		return words.stream().map((word) -> ByteText.show(word.bytes())).toList();
	}

	private static String text(ShellLine.Word word) {
		return new String(word.bytes(), StandardCharsets.ISO_8859_1);
	}

}
