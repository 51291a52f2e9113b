package org.smguard.smrsh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * What smrsh (sendmail 8.17, {@code smrsh.c} 8.66) decides about the text it gets after
 * {@code -c}, byte for byte, without running it: either it refuses with its own message
 * and exit code, or it hands {@code /bin/sh -c} a rewritten command line. The rules, read
 * from the binary and checked against it by {@code SmrshDifferentialTests}:
 * <ol>
 * <li>Longer than {@code 1000 - (strlen(sm.bin) + 1) - 2} bytes: {@code command too
 * long}.</li>
 * <li>Per command: leading ASCII white space is skipped; the name runs to the first space
 * or tab; its path is stripped after the last byte whose low 7 bits are {@code /} (so
 * 0xAF counts as a slash). {@code exec} followed by a separator prefixes the next
 * command; {@code exit} and {@code echo}, written without a path, stay shell builtins;
 * any other name must exist in sm.bin ({@code ""}, {@code .} and {@code ..} are
 * directories: "not a file"). The name is checked before anything after it.</li>
 * <li>In the rest, the first byte whose low 7 bits are one of {@code < | > ^ ( ) ; & ` $
 * CR LF} is refused, unless it starts a 7-bit {@code &&} or {@code ||}: then the next
 * command follows.</li>
 * <li>Nothing but white space: {@code Usage}, exit 64; every other refusal exits 69.</li>
 * </ol>
 * The rewritten line is built in smrsh's 1000-byte buffer: program names become
 * {@code <sm.bin>/<name>}, the blanks after {@code &&} and {@code ||} are dropped and the
 * separator after a name becomes a space; a line that outgrows the buffer is refused as
 * too long, naming the command up to where smrsh had cut it.
 */
final class RestrictedShell {

	/** What the prog mailer passes as {@code argv[0]} ({@code A=smrsh -c $u}). */
	static final String PROGRAM_NAME = "smrsh";

	/**
	 * The bytes smrsh refuses, in their 7-bit form; their 8-bit twins are refused too.
	 */
	static final String SPECIALS = "<|>^();&`$\r\n";

	/** {@code newcmdbuf}: the rewritten command line, with its terminating NUL. */
	static final int BUFFER_SIZE = 1000;

	/** {@code MAXPATHLEN}: the longest {@code <sm.bin>/<name>} smrsh looks up. */
	static final int MAX_PATH = 4096;

	/** sysexits {@code EX_USAGE}. */
	static final int EX_USAGE = 64;

	/** sysexits {@code EX_UNAVAILABLE}. */
	static final int EX_UNAVAILABLE = 69;

	/** The search path smrsh gives {@code /bin/sh} (Debian's build). */
	static final String PATH = "/usr/bin:/bin";

	private RestrictedShell() {
	}

	/** Why smrsh refused. */
	enum Refusal {

		TOO_LONG, NOT_AVAILABLE, SPECIAL_CHARACTER, MISSING_EXEC_COMMAND, USAGE

	}

	/**
	 * smrsh's decision.
	 *
	 * @param shellCommand what {@code /bin/sh -c} gets; {@code null} when refused
	 * @param refusal why it refused; {@code null} when accepted
	 * @param message what smrsh printed on standard error, without the final newline
	 * @param exitCode smrsh's exit code when it refused
	 * @param name the command name it refused, for {@link Refusal#NOT_AVAILABLE}
	 * @param character the byte it refused, for {@link Refusal#SPECIAL_CHARACTER}
	 */
	record Outcome(byte[] shellCommand, Refusal refusal, byte[] message, int exitCode, byte[] name, int character) {

		boolean accepted() {
			return this.refusal == null;
		}

	}

	/**
	 * Decides like smrsh.
	 * @param command the bytes after {@code -c}; a NUL ends them, as in C
	 * @param binDirectory the sm.bin directory smrsh was built with
	 * @param available whether sm.bin holds an executable file of that name
	 */
	static Outcome check(byte[] command, String binDirectory, Predicate<String> available) {
		return new Run(command, binDirectory.getBytes(StandardCharsets.UTF_8), available).check();
	}

	/** Whether smrsh refuses this byte in the arguments. */
	static boolean isSpecial(int b) {
		int seven = b & 0x7F;
		return seven != 0 && SPECIALS.indexOf(seven) >= 0;
	}

	/** One run over a mutable copy of the command, as smrsh edits {@code argv[2]}. */
	private static final class Run {

		private final byte[] par;

		private final int length;

		private final byte[] directory;

		private final Predicate<String> available;

		private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

		Run(byte[] command, byte[] directory, Predicate<String> available) {
			int end = 0;
			while (end < command.length && command[end] != 0) {
				end++;
			}
			this.par = new byte[end + 1];
			System.arraycopy(command, 0, this.par, 0, end);
			this.length = end;
			this.directory = directory;
			this.available = available;
		}

		Outcome check() {
			if (this.length > BUFFER_SIZE - (this.directory.length + 1) - 2) {
				return refuse(Refusal.TOO_LONG, EX_UNAVAILABLE, concat(prefix(), "command too long: ", cString(0)),
						null, -1);
			}
			int q = 0;
			boolean isExec = false;
			while (this.par[q] != 0) {
				while (this.par[q] != 0 && isAsciiSpace(this.par[q])) {
					q++;
				}
				if (this.par[q] == 0) {
					if (isExec) {
						return missingExecCommand();
					}
					break;
				}
				int p = separator(q);
				int end = (p >= 0) ? p : q + cLength(q);
				if (p >= 0) {
					this.par[p] = 0;
				}
				int cmd = end;
				while (cmd > q) {
					if ((this.par[--cmd] & 0x7F) == '/') {
						cmd++;
						break;
					}
				}
				if (equals(q, end, "exec") && p >= 0) {
					Outcome overflow = add(bytes("exec "), false);
					if (overflow != null) {
						return overflow;
					}
					q = p + 1;
					isExec = true;
					continue;
				}
				byte[] name = slice(cmd, end);
				if (equals(q, end, "exit") || equals(q, end, "echo")) {
					Outcome overflow = add(name, false);
					if (overflow != null) {
						return overflow;
					}
				}
				else {
					Outcome unavailable = lookUp(name);
					if (unavailable != null) {
						return unavailable;
					}
					Outcome overflow = add(name, true);
					if (overflow != null) {
						return overflow;
					}
				}
				isExec = false;
				if (p < 0) {
					break;
				}
				this.par[p] = ' ';
				int r = special(p);
				if (r < 0) {
					Outcome overflow = add(slice(p, p + cLength(p)), false);
					if (overflow != null) {
						return overflow;
					}
					break;
				}
				if ((this.par[r] == '&' && this.par[r + 1] == '&') || (this.par[r] == '|' && this.par[r + 1] == '|')) {
					Outcome overflow = add(slice(p, r + 2), false);
					if (overflow != null) {
						return overflow;
					}
					q = r + 2;
					continue;
				}
				int character = this.par[r] & 0xFF;
				return refuse(Refusal.SPECIAL_CHARACTER, EX_UNAVAILABLE,
						concat(prefix(), "cannot use ", new byte[] { (byte) character }, " in command"), null,
						character);
			}
			if (isExec) {
				return missingExecCommand();
			}
			if (this.buffer.size() == 0) {
				return refuse(Refusal.USAGE, EX_USAGE, bytes("Usage: " + PROGRAM_NAME + " -c command"), null, -1);
			}
			return new Outcome(this.buffer.toByteArray(), null, null, 0, null, -1);
		}

		/**
		 * {@code stat(<sm.bin>/<name>)}: the directory itself and its parent are no
		 * files; a name is there when the policy links it.
		 */
		private Outcome lookUp(byte[] name) {
			if (this.directory.length + 1 + name.length >= MAX_PATH) {
				return notAvailable(name, " (filename too long)");
			}
			String text = new String(name, StandardCharsets.ISO_8859_1);
			if (text.isEmpty() || text.equals(".") || text.equals("..")) {
				return notAvailable(name, " (not a file)");
			}
			if (!isAscii(name) || !this.available.test(text)) {
				return notAvailable(name, " (stat failed)");
			}
			return null;
		}

		private Outcome notAvailable(byte[] name, String reason) {
			return refuse(Refusal.NOT_AVAILABLE, EX_UNAVAILABLE,
					concat(prefix(), "\"", name, "\" not available for sendmail programs" + reason), name, -1);
		}

		private Outcome missingExecCommand() {
			return refuse(Refusal.MISSING_EXEC_COMMAND, EX_UNAVAILABLE, concat(prefix(), "missing command to exec"),
					null, -1);
		}

		/**
		 * {@code addcmd}: appends, or refuses when the buffer would overflow. The message
		 * names {@code argv[2]} as smrsh has cut it so far, up to its first NUL.
		 */
		private Outcome add(byte[] text, boolean command) {
			if (text.length == 0) {
				return null;
			}
			int room = BUFFER_SIZE - this.buffer.size();
			if (room <= text.length + 1 + (command ? this.directory.length + 1 : 0)) {
				return refuse(Refusal.TOO_LONG, EX_UNAVAILABLE, concat(prefix(), "command too long: ", cString(0)),
						null, -1);
			}
			if (command) {
				this.buffer.writeBytes(this.directory);
				this.buffer.write('/');
			}
			this.buffer.writeBytes(text);
			return null;
		}

		private static Outcome refuse(Refusal refusal, int exitCode, byte[] message, byte[] name, int character) {
			return new Outcome(null, refusal, message, exitCode, name, character);
		}

		private static String prefix() {
			return PROGRAM_NAME + ": ";
		}

		/** {@code strpbrk(q, " \t")}, or -1. */
		private int separator(int from) {
			for (int i = from; this.par[i] != 0; i++) {
				if (this.par[i] == ' ' || this.par[i] == '\t') {
					return i;
				}
			}
			return -1;
		}

		/** {@code strpbrk(p, specialbuf)}, or -1. */
		private int special(int from) {
			for (int i = from; this.par[i] != 0; i++) {
				if (isSpecial(this.par[i])) {
					return i;
				}
			}
			return -1;
		}

		private int cLength(int from) {
			int i = from;
			while (this.par[i] != 0) {
				i++;
			}
			return i - from;
		}

		private byte[] cString(int from) {
			return slice(from, from + cLength(from));
		}

		private byte[] slice(int from, int to) {
			byte[] part = new byte[to - from];
			System.arraycopy(this.par, from, part, 0, part.length);
			return part;
		}

		private boolean equals(int from, int to, String word) {
			return new String(slice(from, to), StandardCharsets.ISO_8859_1).equals(word);
		}

		/** C's {@code isascii(c) && isspace(c)}. */
		private static boolean isAsciiSpace(byte b) {
			return b == ' ' || (b >= '\t' && b <= '\r');
		}

		private static boolean isAscii(byte[] bytes) {
			for (byte b : bytes) {
				if (b < 0) {
					return false;
				}
			}
			return true;
		}

	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static byte[] concat(Object... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			out.writeBytes((part instanceof byte[] raw) ? raw : bytes((String) part));
		}
		return out.toByteArray();
	}

}
