package org.smguard.smrsh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's real smrsh, run in bubblewrap over a private sm.bin. Its sm.bin is fixed at
 * build time to {@code /etc/mail/smrsh} and it really runs what it allows, so every run
 * gets a fresh root holding only smrsh, dash as {@code /bin/sh}, their libraries and a
 * {@code /etc/mail/smrsh} whose links all point at a recorder that writes down its argv
 * ({@code record.c}); the recorder also stands in for {@code /bin/echo}, which
 * {@code exec echo} finds on smrsh's search path. Every namespace is unshared, the uid is
 * 65534 and the working directory is empty. A launcher ({@code launch.c}) hands smrsh the
 * command's raw bytes and waits for background jobs.
 */
final class RealSmrsh {

	static final Path SMRSH = Path.of("/usr/libexec/sendmail/smrsh");

	static final Path SH = Path.of("/bin/sh");

	static final Path GCC = Path.of("/usr/bin/gcc");

	/** The links in the sandbox's sm.bin; {@code fails} exits 1, the others 0. */
	static final List<String> PROGRAMS = List.of("vacation", "procmail", "mail.local", "fails");

	private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

	private final Path dir;

	private final Path launcher;

	private final Path recorder;

	private final Path smBin;

	private final List<String> libraries;

	private int runs;

	private RealSmrsh(Path dir, Path launcher, Path recorder, Path smBin, List<String> libraries) {
		this.dir = dir;
		this.launcher = launcher;
		this.recorder = recorder;
		this.smBin = smBin;
		this.libraries = libraries;
	}

	/**
	 * Builds the sandbox in {@code dir}. Skips the test (fails it in CI) when smrsh,
	 * bubblewrap or gcc is missing, and skips it when bubblewrap may not create its
	 * namespaces here.
	 */
	static RealSmrsh prepare(Path dir) throws IOException {
		HostTools.assumeExecutable(SMRSH, "apt-get install sendmail-bin");
		HostTools.assumeExecutable(HostTools.BWRAP, "apt-get install bubblewrap");
		HostTools.assumeExecutable(GCC, "apt-get install gcc libc6-dev");
		HostTools.assumeExecutable(SH, "Debian's dash");
		Path launcher = compile(dir, "launch");
		Path recorder = compile(dir, "record");
		Path smBin = Files.createDirectories(dir.resolve("sm.bin"));
		for (String program : PROGRAMS) {
			Files.createSymbolicLink(smBin.resolve(program), Path.of("/rec"));
		}
		Set<String> libraries = new LinkedHashSet<>();
		for (Path binary : List.of(SMRSH, SH.toRealPath(), launcher, recorder)) {
			HostTools.Run ldd = HostTools.run(dir, "", "ldd", binary.toString());
			for (String line : ldd.output().split("\n")) {
				Matcher path = LDD_PATH.matcher(line);
				if (path.find()) {
					libraries.add(path.group(1));
				}
			}
		}
		RealSmrsh smrsh = new RealSmrsh(dir, launcher, recorder, smBin, List.copyOf(libraries));
		Run probe = smrsh.run(new byte[0]);
		String errors = new String(probe.stderr(), StandardCharsets.ISO_8859_1);
		Assumptions.assumeFalse(errors.startsWith("bwrap: "), () -> "bubblewrap cannot create its namespaces here ("
				+ errors.strip() + "); the real smrsh runs only in its sandbox, so the differential test is SKIPPED");
		if (probe.exitCode() != RestrictedShell.EX_USAGE) {
			fail("smrsh without a command should print its usage: " + probe);
		}
		return smrsh;
	}

	private static Path compile(Path dir, String name) throws IOException {
		Path source = dir.resolve(name + ".c");
		try (InputStream in = RealSmrsh.class.getResourceAsStream("/smrsh/" + name + ".c")) {
			Files.write(source, in.readAllBytes());
		}
		Path binary = dir.resolve(name);
		HostTools.Run gcc = HostTools.run(dir, "", GCC.toString(), "-O", "-o", binary.toString(), source.toString());
		if (gcc.exitCode() != 0) {
			fail("gcc could not build " + name + ".c: " + gcc.errors());
		}
		return binary;
	}

	/** One program that ran: its {@code argv[0]} and arguments. */
	record Record(byte[] program, List<byte[]> arguments) {

		String shown() {
			StringBuilder text = new StringBuilder(ByteText.show(this.program));
			this.arguments.forEach((argument) -> text.append(" [").append(ByteText.show(argument)).append(']'));
			return text.toString();
		}

	}

	/** What one run printed, its exit code and what ran. */
	record Run(int exitCode, byte[] stdout, byte[] stderr, List<Record> records) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + ", stdout '" + ByteText.show(this.stdout) + "', stderr '"
					+ ByteText.show(this.stderr) + "', ran " + this.records.stream().map(Record::shown).toList();
		}

	}

	/** Runs smrsh on one command. */
	Run run(byte[] command) {
		return runAll(List.of(command)).get(0);
	}

	/**
	 * Runs smrsh on each command, one after the other in one sandbox (starting one per
	 * command would cost more than all the runs), with a time limit of 60 s in all.
	 */
	List<Run> runAll(List<byte[]> commands) {
		try {
			Path run = Files.createDirectories(this.dir.resolve("run-" + this.runs++));
			Path log = Files.createDirectories(run.resolve("log"));
			ByteArrayOutputStream input = new ByteArrayOutputStream();
			for (byte[] command : commands) {
				input.writeBytes((command.length + "\n").getBytes(StandardCharsets.US_ASCII));
				input.writeBytes(command);
			}
			Path file = Files.write(run.resolve("commands"), input.toByteArray());
			Path out = run.resolve("stdout");
			Path err = run.resolve("stderr");
			Process process = new ProcessBuilder(command(file, log)).redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.start();
			process.getOutputStream().close();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				fail("smrsh did not finish within 60 s");
			}
			String errors = Files.readString(err, StandardCharsets.ISO_8859_1);
			if (process.exitValue() != 0) {
				throw new SandboxRefused("the sandbox failed (exit " + process.exitValue() + "): " + errors.strip());
			}
			List<Run> results = new ArrayList<>();
			for (int i = 0; i < commands.size(); i++) {
				Path record = log.resolve(i + ".record");
				List<Record> records = Files.exists(record) ? parse(Files.readAllBytes(record)) : List.of();
				int status = Integer.parseInt(Files.readString(log.resolve(i + ".status")).strip());
				results.add(new Run(status, Files.readAllBytes(log.resolve(i + ".out")),
						Files.readAllBytes(log.resolve(i + ".err")), records));
			}
			HostTools.delete(run);
			return results;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** bubblewrap could not run the sandbox. */
	static final class SandboxRefused extends RuntimeException {

		SandboxRefused(String message) {
			super(message);
		}

	}

	private List<String> command(Path commands, Path log) {
		List<String> command = new ArrayList<>(List.of(HostTools.BWRAP.toString(), "--unshare-all", "--die-with-parent",
				"--new-session", "--clearenv", "--cap-drop", "ALL", "--uid", "65534", "--gid", "65534", "--tmpfs", "/",
				"--dev", "/dev", "--dir", "/tmp", "--dir", "/home/work"));
		for (String library : this.libraries) {
			command.addAll(List.of("--ro-bind", library, library));
		}
		Path sh;
		try {
			sh = SH.toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		command.addAll(List.of("--ro-bind", SMRSH.toString(), SMRSH.toString(), "--ro-bind", sh.toString(), "/bin/sh",
				"--ro-bind", this.launcher.toString(), "/launch", "--ro-bind", this.recorder.toString(), "/rec",
				"--ro-bind", this.recorder.toString(), "/bin/echo", "--ro-bind", this.smBin.toString(),
				"/etc/mail/smrsh", "--ro-bind", commands.toString(), "/in/commands", "--bind", log.toString(), "/log",
				"--chdir", "/home/work", "/launch"));
		return command;
	}

	private static List<Record> parse(byte[] log) {
		List<Record> records = new ArrayList<>();
		int at = 0;
		while (at < log.length) {
			int newline = indexOf(log, (byte) '\n', at);
			String header = new String(log, at, newline - at, StandardCharsets.ISO_8859_1);
			if (!header.startsWith("R ")) {
				fail("unreadable record at byte " + at + ": " + header);
			}
			int count = Integer.parseInt(header.substring(2));
			at = newline + 1;
			List<byte[]> argv = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int colon = indexOf(log, (byte) ':', at);
				int length = Integer.parseInt(new String(log, at, colon - at, StandardCharsets.ISO_8859_1));
				byte[] argument = new byte[length];
				System.arraycopy(log, colon + 1, argument, 0, length);
				argv.add(argument);
				at = colon + 1 + length + 1;
			}
			records.add(new Record(argv.get(0), argv.subList(1, argv.size())));
		}
		return records;
	}

	private static int indexOf(byte[] bytes, byte b, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == b) {
				return i;
			}
		}
		fail("truncated record log");
		return -1;
	}

}
