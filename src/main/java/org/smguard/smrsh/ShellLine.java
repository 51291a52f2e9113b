package org.smguard.smrsh;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code /bin/sh} (Debian's dash) reads the line smrsh hands it, for the part of the
 * shell language that can reach it: smrsh lets through no {@code < > ; ( ) $ `}, no line
 * break and no single {@code &} or {@code |}. What is left: words with single and double
 * quotes and backslashes, {@code #} comments, and the operators {@code &&} and {@code ||}
 * &mdash; plus {@code &} and {@code |}, which the shell sees where a backslash escaped
 * the first half of a {@code &&} or {@code ||} that smrsh took as a pair. Every command
 * position after an operator starts with a name smrsh inserted, so reserved words,
 * assignments and redirections never appear.
 * <p>
 * A line is a list of and-or lists, each run in the foreground or, when {@code &} ends
 * it, in the background; an and-or list is pipelines joined by {@code &&} and {@code ||};
 * a pipeline is simple commands joined by {@code |}.
 */
record ShellLine(List<AndOr> lists) {

	ShellLine {
		lists = List.copyOf(lists);
	}

	/**
	 * Pipelines joined by {@code &&} or {@code ||}; {@code operators.get(i)} precedes
	 * pipeline {@code i + 1}.
	 */
	record AndOr(List<Pipeline> pipelines, List<String> operators, boolean background) {

		AndOr {
			pipelines = List.copyOf(pipelines);
			operators = List.copyOf(operators);
		}

	}

	/** Simple commands joined by {@code |}. */
	record Pipeline(List<List<Word>> commands) {

		Pipeline {
			commands = List.copyOf(commands);
		}

	}

	/**
	 * One word after quote removal. {@code literal[i]} says byte {@code i} was quoted or
	 * escaped, so it is no pattern character and no tilde.
	 */
	record Word(byte[] bytes, boolean[] literal) {

		/** Whether the shell treats it as a file name pattern ({@code * ? [}). */
		boolean isPattern() {
			for (int i = 0; i < this.bytes.length; i++) {
				if (!this.literal[i] && (this.bytes[i] == '*' || this.bytes[i] == '?' || this.bytes[i] == '[')) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Whether it starts with an unquoted {@code ~name}, which the shell replaces by
		 * that user's home directory. A bare {@code ~} stays: smrsh runs the shell
		 * without {@code HOME}.
		 */
		boolean hasUserTilde() {
			if (this.bytes.length < 2 || this.literal[0] || this.bytes[0] != '~') {
				return false;
			}
			return this.bytes[1] != '/';
		}

	}

	/** The line could not be parsed: dash's message after {@code /bin/sh: 1: }. */
	static final class SyntaxError extends Exception {

		SyntaxError(String message) {
			super(message);
		}

	}

	/**
	 * Parses what smrsh hands the shell.
	 * @throws SyntaxError with dash's message, when the shell would refuse to run it
	 */
	static ShellLine parse(byte[] line) throws SyntaxError {
		return new Parser(new Lexer(line).tokens()).line();
	}

	private record Token(String operator, Word word) {

		boolean isEnd() {
			return this.operator != null && this.operator.isEmpty();
		}

		String shown() {
			return isEnd() ? "end of file" : "\"" + this.operator + "\"";
		}

	}

	private static final class Lexer {

		private final byte[] in;

		private int at;

		Lexer(byte[] in) {
			this.in = in;
		}

		List<Token> tokens() throws SyntaxError {
			List<Token> tokens = new ArrayList<>();
			while (true) {
				while (this.at < this.in.length && (this.in[this.at] == ' ' || this.in[this.at] == '\t')) {
					this.at++;
				}
				if (this.at >= this.in.length || this.in[this.at] == '#') {
					tokens.add(new Token("", null));
					return tokens;
				}
				byte b = this.in[this.at];
				if (isOperatorByte(b)) {
					boolean doubled = (b == '&' || b == '|') && this.at + 1 < this.in.length
							&& this.in[this.at + 1] == b;
					String operator = doubled ? "" + (char) b + (char) b : "" + (char) b;
					this.at += operator.length();
					tokens.add(new Token(operator, null));
				}
				else {
					tokens.add(new Token(null, word()));
				}
			}
		}

		private Word word() throws SyntaxError {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			List<Boolean> literal = new ArrayList<>();
			while (this.at < this.in.length) {
				byte b = this.in[this.at];
				if (b == ' ' || b == '\t' || isOperatorByte(b)) {
					break;
				}
				this.at++;
				if (b == '\\') {
					if (this.at < this.in.length) {
						put(bytes, literal, this.in[this.at++], true);
					}
					else {
						put(bytes, literal, b, true);
					}
				}
				else if (b == '\'') {
					int close = indexOf('\'', this.at);
					if (close < 0) {
						throw new SyntaxError("Syntax error: Unterminated quoted string");
					}
					for (int i = this.at; i < close; i++) {
						put(bytes, literal, this.in[i], true);
					}
					this.at = close + 1;
				}
				else if (b == '"') {
					doubleQuoted(bytes, literal);
				}
				else {
					put(bytes, literal, b, false);
				}
			}
			boolean[] flags = new boolean[literal.size()];
			for (int i = 0; i < flags.length; i++) {
				flags[i] = literal.get(i);
			}
			return new Word(bytes.toByteArray(), flags);
		}

		private void doubleQuoted(ByteArrayOutputStream bytes, List<Boolean> literal) throws SyntaxError {
			while (this.at < this.in.length) {
				byte b = this.in[this.at++];
				if (b == '"') {
					return;
				}
				if (b == '\\' && this.at < this.in.length) {
					byte next = this.in[this.at];
					if (next == '\\' || next == '"' || next == '$' || next == '`') {
						put(bytes, literal, next, true);
						this.at++;
						continue;
					}
				}
				put(bytes, literal, b, true);
			}
			throw new SyntaxError("Syntax error: Unterminated quoted string");
		}

		private int indexOf(char c, int from) {
			for (int i = from; i < this.in.length; i++) {
				if (this.in[i] == c) {
					return i;
				}
			}
			return -1;
		}

		private static void put(ByteArrayOutputStream bytes, List<Boolean> literal, byte b, boolean quoted) {
			bytes.write(b);
			literal.add(quoted);
		}

		private static boolean isOperatorByte(byte b) {
			return b == '&' || b == '|' || b == ';' || b == '<' || b == '>' || b == '(' || b == ')' || b == '\n';
		}

	}

	private static final class Parser {

		private final List<Token> tokens;

		private int at;

		Parser(List<Token> tokens) {
			this.tokens = tokens;
		}

		ShellLine line() throws SyntaxError {
			List<AndOr> lists = new ArrayList<>();
			while (!peek().isEnd()) {
				List<Pipeline> pipelines = new ArrayList<>();
				List<String> operators = new ArrayList<>();
				pipelines.add(pipeline());
				while ("&&".equals(peek().operator()) || "||".equals(peek().operator())) {
					operators.add(next().operator());
					pipelines.add(pipeline());
				}
				boolean background = "&".equals(peek().operator());
				if (background) {
					next();
				}
				else if (!peek().isEnd()) {
					throw unexpected(peek());
				}
				lists.add(new AndOr(pipelines, operators, background));
			}
			return new ShellLine(lists);
		}

		private Pipeline pipeline() throws SyntaxError {
			List<List<Word>> commands = new ArrayList<>();
			commands.add(command());
			while ("|".equals(peek().operator())) {
				next();
				commands.add(command());
			}
			return new Pipeline(commands);
		}

		private List<Word> command() throws SyntaxError {
			List<Word> words = new ArrayList<>();
			while (peek().word() != null) {
				words.add(next().word());
			}
			if (words.isEmpty()) {
				throw unexpected(peek());
			}
			return words;
		}

		private static SyntaxError unexpected(Token token) {
			return new SyntaxError("Syntax error: " + token.shown() + " unexpected");
		}

		private Token peek() {
			return this.tokens.get(this.at);
		}

		private Token next() {
			return this.tokens.get(this.at++);
		}

	}

}
