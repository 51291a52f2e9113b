package org.smguard.smrsh;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The simulator's answer for one command or one entry of a {@code .forward} or aliases
 * file.
 *
 * @param input the command, or the entry as written
 * @param line the entry's line in the text (the first line of a continued alias);
 * {@code null} for commands
 * @param kind {@code program}, {@code address}, {@code file} or {@code include}
 * @param allowed whether the delivery goes ahead as written: for a program, whether smrsh
 * lets the command through
 * @param program what runs first: the sm.bin link, a shell builtin ({@code echo},
 * {@code exit}) or a program from smrsh's search path; {@code null} when nothing runs
 * @param target where that sm.bin link points, by the policy
 * @param arguments the arguments that program gets
 * @param message smrsh's own message for a refusal, otherwise what happens, in words
 * @param command what smrsh gets after {@code -c}, for program entries of a text
 * @param shellCommand what smrsh hands {@code /bin/sh -c}, when it lets the command
 * through
 * @param exitCode smrsh's exit code when it refuses: 69 ({@code EX_UNAVAILABLE}) or 64
 * ({@code EX_USAGE})
 * @param commands every command the shell line holds, in order
 * @param warnings what else to know
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "input", "line", "kind", "allowed", "program", "target", "arguments", "message", "command",
		"shellCommand", "exitCode", "commands", "warnings" })
public record Verdict(String input, Integer line, String kind, boolean allowed, String program, String target,
		List<String> arguments, String message, String command, String shellCommand, Integer exitCode,
		List<Command> commands, List<String> warnings) {

	public Verdict {
		arguments = (arguments != null) ? List.copyOf(arguments) : null;
		commands = (commands != null) ? List.copyOf(commands) : null;
		warnings = List.copyOf(warnings);
	}

	/** The same verdict for an entry on a line of a text. */
	Verdict atLine(String entry, int number, String programText) {
		return new Verdict(entry, number, this.kind, this.allowed, this.program, this.target, this.arguments,
				this.message, programText, this.shellCommand, this.exitCode, this.commands, this.warnings);
	}

	/** The same verdict with more warnings. */
	Verdict withWarnings(List<String> more) {
		if (more.isEmpty()) {
			return this;
		}
		List<String> all = new ArrayList<>(this.warnings);
		all.addAll(more);
		return new Verdict(this.input, this.line, this.kind, this.allowed, this.program, this.target, this.arguments,
				this.message, this.command, this.shellCommand, this.exitCode, this.commands, all);
	}

	/**
	 * One command of the shell line.
	 *
	 * @param program the sm.bin link, the builtin's name, or the name looked up on
	 * smrsh's search path
	 * @param kind {@code sm.bin}, {@code builtin} or {@code path}
	 * @param target where the sm.bin link points, by the policy
	 * @param arguments its arguments
	 * @param after the operator before it, {@code &&}, {@code ||} or {@code |};
	 * {@code null} when it starts a list
	 * @param background whether its list runs in the background ({@code &})
	 * @param exec whether {@code exec} runs it in place of the shell
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "program", "kind", "target", "arguments", "after", "background", "exec" })
	public record Command(String program, String kind, String target, List<String> arguments, String after,
			boolean background, boolean exec) {

		public Command {
			arguments = List.copyOf(arguments);
		}

	}

}
