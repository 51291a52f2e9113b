package org.smguard.smrsh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Command lines for smrsh, as the bytes it gets after {@code -c}: hand-picked cases for
 * every rule and edge found in the binary, and a seeded generator for breadth. Programs
 * present in the sandbox's sm.bin are {@link RealSmrsh#PROGRAMS}; others are absent.
 */
final class SmrshCorpus {

	static final long SEED = 0x5A5EED5L;

	private SmrshCorpus() {
	}

	/** The hand-picked cases and {@code generated} more from the seeded generator. */
	static List<byte[]> all(int generated) {
		List<byte[]> corpus = new ArrayList<>(fixed());
		corpus.addAll(generated(new Random(SEED), generated));
		return corpus;
	}

	static List<byte[]> fixed() {
		List<byte[]> cases = new ArrayList<>();
		for (String text : List.of(
				// programs present and absent, paths stripped
				"vacation", "vacation eric", "vacation -j -a eric eric", "procmail -t -a list", "mail.local -l",
				"/usr/bin/vacation eric", "/usr/local/bin/procmail", "../vacation x", "./vacation",
				"../../x/../procmail", "/tmp/evil/vacation -I", "cp /etc/passwd /tmp/x", "sh -c x", "/bin/sh",
				"perl -e 1", "Vacation", "vacation.", "/usr/bin/", ".", "..", "/", "./", "fails",
				"fails x || vacation y",
				// builtins and exec
				"echo hello world", "echo", "echo -n no newline", "echo a\\\\nb", "echo a\\\\c b", "echo \\\\0101",
				"echo x\\\\e\\\\t\\\\v\\\\q", "echo a\\\\", "/bin/echo hi", "exit", "exit 0", "exit 3", "exit 255",
				"exit abc", "exit 3 4", "/bin/exit 3", "exec", "exec ", "exec  ", "exec vacation x", "exec\tvacation",
				"exec /usr/bin/vacation eric", "exec cp x", "exec exec vacation", "exec echo via path", "exec exit 3",
				"exec echo", "/usr/sbin/exec vacation", "exec vacation && vacation b", "exec fails || vacation",
				// chains
				"vacation a && procmail b", "vacation a&&procmail b", "vacation a || procmail b",
				"fails a && vacation b", "fails a || vacation b", "vacation a && fails b || procmail c",
				"echo one && echo two", "exit 1 || echo after", "exit 0 && vacation", "echo a && exit 4 && vacation",
				"vacation a &&", "vacation a && ", "vacation a ||", "vacation a && && vacation",
				"vacation a &&& vacation", "vacation a ||| vacation", "vacation a && cp b", "vacation a && cp;",
				"vacation a &&   \tprocmail", "vacation &&vacation &&vacation &&vacation",
				// single operators and other specials, in the order smrsh finds them
				"vacation a ; b", "vacation a | procmail", "vacation a & procmail", "vacation a > /tmp/x",
				"vacation < /etc/passwd", "vacation a ^ b", "vacation (a)", "vacation a)", "vacation `id`",
				"vacation $HOME", "vacation a&|b", "vacation a|&b", "cp ; x", "cp;", "vacation;", "vacation; x",
				"vacation a;b && cp", "vacation a && cp ; b", "vacation a && vacation ; b",
				// quoting, comments, the shell's view
				"vacation \"a b\" 'c d' e\\ f", "vacation \"a &&vacation b\" c", "vacation 'x ||procmail' y",
				"vacation a \\&&vacation b", "vacation a \\||vacation b", "vacation \\&&", "vacation \\||",
				"vacation \"unterminated", "vacation 'unterminated", "vacation a\\", "vacation \"a\\",
				"vacation a #comment && cp", "vacation a#b", "vacation #", "vacation \"a\\\"b\\\\c\\d\"",
				"vacation 'a\\b'", "vacation \"\" ''", "vacation a\\ \\ b", "echo \"a  b\"  c",
				"vacation \"x &&exec vacation\" y", "echo \"a &&echo\" b", "vacation \"a &&\tvacation\"",
				// patterns and tildes in the empty working directory
				"vacation * ? [a] x*", "vacation .* ..* .? .[.]", "vacation '.*' \\.* \".*\"", "vacation ~ ~/x a~",
				"vacation ~root ~nobody/x", "vacation a=b -- -", "vacation { } ! if then",
				// white space
				"", " ", "   ", "\t", " \t vacation x", "\tvacation\tx\ty", "vacation  a   b", "vacation x ",
				"\u000b\u000cvacation x", "vacation\u000bx", "vacation a\u000bb", "vacation a\u000cb")) {
			cases.add(utf8(text));
		}
		// Non-ASCII text, on its UTF-8 bytes.
		for (String text : List.of("echo é", "echo ü", "echo ö", "echo Grüße", "vacation naïve", "vacation 日本",
				"vacation ñ", "vacation ä", "vacation €", "vacation ß", "café", "/usr/bin/vacation é")) {
			cases.add(utf8(text));
		}
		// Raw bytes: 8-bit twins of the specials and of '/', and dash's internal markers.
		for (String text : List.of("vacation \u00a6", "vacation \u00a6\u00a6vacation", "vacation \u00fc",
				"vacation \u00fc\u00fcvacation", "vacation \u00bb", "vacation \u00bc", "vacation \u00be",
				"vacation \u00de", "vacation \u00a8", "vacation \u00a9", "vacation \u00bb", "vacation \u00e0",
				"vacation \u00a4", "vacation \u008d", "vacation \u008a", "vacation a\u00afb",
				"/usr/bin\u00afvacation x", "\u00afvacation",
				"vacation \u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088",
				"vacation '\u0081\u0088' \"\u0082\u0083\" \\\u0084", "vacation \u00ff\u00fe\u0080", "vacation a\rb",
				"vacation a\nb", "cp\n", "vacation\r", "vacation \u00a0x", "\u00a0vacation")) {
			cases.add(text.getBytes(StandardCharsets.ISO_8859_1));
		}
		// Lengths around smrsh's limits (982 bytes for /etc/mail/smrsh, and its buffer).
		cases.add(utf8("vacation " + "a".repeat(973)));
		cases.add(utf8("vacation " + "a".repeat(974)));
		cases.add(utf8("vacation " + "a".repeat(2000)));
		cases.add(utf8("cp " + "a".repeat(979)));
		cases.add(utf8("exec vacation " + "a".repeat(960)));
		cases.add(utf8("exec vacation " + "a".repeat(967)));
		cases.add(utf8("exec vacation &&" + "vacation &&".repeat(40)));
		cases.add(utf8("exec vacation && exec procmail &&" + "vacation a &&".repeat(30)));
		cases.add(utf8("vacation &&".repeat(40)));
		cases.add(utf8("vacation a && ".repeat(36) + "vacation"));
		cases.add(utf8("echo &&".repeat(100)));
		cases.add(utf8("/usr/bin/vacation x &&".repeat(30)));
		cases.add(utf8("x".repeat(300)));
		cases.add(utf8("/".repeat(500) + "vacation"));
		return cases;
	}

	private static final String[] PRESENT = { "vacation", "procmail", "mail.local", "fails" };

	private static final String[] ABSENT = { "cp", "sh", "perl", "rm", "bash", "vacation2", "VACATION", "mail" };

	private static final String[] PATHS = { "", "", "", "/usr/bin/", "../", "./", "/tmp/x/", "bin/" };

	private static final String[] JOINERS = { " && ", "&&", " || ", "||", " ; ", " | ", " & ", " \\&&", " \\||", "&& ",
			" &&\t" };

	private static final String[] PIECES = { "-n", "-a", "--", "x", "eric", "list-1", "a.b", "\"quoted words\"",
			"'single q'", "a\\ b", "\\n", "x\\", "#c", "a#b", "*", "x?", ".*", "~", "~root", "a=b", "é", "ü", "ö",
			"\u000b", "\"\"", "''", "\\&&", "\\||", "\"a &&", "b\"", "'", "\"", "\\\\", "\\c", "\\0101", "{", "}", "!",
			"%", "+", "@host", "a,b", ":include:/x" };

	private static final String SPECIALS = ";|&<>^()`$\r\n";

	/** Random command lines from a fixed seed. */
	static List<byte[]> generated(Random random, int count) {
		List<byte[]> cases = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int segments = 1 + random.nextInt(3);
			for (int s = 0; s < segments; s++) {
				if (s > 0) {
					line.writeBytes(utf8(pick(random, JOINERS)));
				}
				segment(random, line);
			}
			cases.add(line.toByteArray());
		}
		return cases;
	}

	private static void segment(Random random, ByteArrayOutputStream line) {
		line.writeBytes(utf8(pick(random, new String[] { "", "", "", " ", "\t", "  " })));
		int kind = random.nextInt(10);
		if (kind < 5) {
			line.writeBytes(utf8(pick(random, PATHS) + pick(random, PRESENT)));
		}
		else if (kind < 7) {
			line.writeBytes(utf8(pick(random, PATHS) + pick(random, ABSENT)));
		}
		else if (kind < 8) {
			line.writeBytes(utf8(pick(random, new String[] { "echo", "echo", "exit", "/bin/echo" })));
			if (random.nextBoolean()) {
				line.writeBytes(utf8(" " + pick(random, new String[] { "0", "1", "3", "x" })));
			}
		}
		else {
			line.writeBytes(utf8("exec " + pick(random, PATHS) + pick(random, PRESENT)));
		}
		int arguments = random.nextInt(4);
		for (int a = 0; a < arguments; a++) {
			line.writeBytes(utf8(pick(random, new String[] { " ", " ", "\t", "  " })));
			argument(random, line);
		}
	}

	private static void argument(Random random, ByteArrayOutputStream line) {
		int kind = random.nextInt(20);
		if (kind < 11) {
			line.writeBytes(utf8(pick(random, PIECES)));
		}
		else if (kind < 15) {
			StringBuilder word = new StringBuilder();
			int length = 1 + random.nextInt(8);
			for (int i = 0; i < length; i++) {
				word.append((char) ('a' + random.nextInt(26)));
			}
			line.writeBytes(utf8(word.toString()));
		}
		else if (kind < 17) {
			line.write(SPECIALS.charAt(random.nextInt(SPECIALS.length())));
		}
		else {
			line.write('x');
			line.write(0x80 + random.nextInt(0x80));
		}
	}

	private static String pick(Random random, String[] choices) {
		return choices[random.nextInt(choices.length)];
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
