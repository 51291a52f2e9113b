package org.smguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.smguard.cf.SendmailReader;
import org.smguard.render.SendmailCheck;
import org.smguard.sandbox.SendmailSandbox;

import static org.assertj.core.api.Assertions.fail;

/**
 * The real {@code sendmail}, {@code m4} and {@code sendmail-cf} of the test host. Tests
 * that need them are skipped, with a message on standard error, where they are absent;
 * where the environment variable {@code CI} is set they fail instead, because
 * {@code .ci/run} installs them and a silent skip there would hide a broken check.
 */
public final class HostTools {

	public static final Path SENDMAIL = Path.of("/usr/sbin/sendmail");

	public static final Path CF_M4 = Path.of("/usr/share/sendmail/cf/m4/cf.m4");

	public static final Path DEBIAN_CF = Path.of("/etc/mail/sendmail.cf");

	public static final Path DEBIAN_MC = Path.of("/etc/mail/sendmail.mc");

	public static final Path BWRAP = Path.of("/usr/bin/bwrap");

	private static final Path M4 = Path.of("/usr/bin/m4");

	private HostTools() {
	}

	public static boolean hasSendmail() {
		return Files.isExecutable(SENDMAIL);
	}

	/**
	 * Skips the test (fails it in CI) when the real sendmail, or the bubblewrap sandbox
	 * every run of it needs, is not installed.
	 */
	public static void assumeSendmail() {
		require(hasSendmail(), "no sendmail binary at " + SENDMAIL + " (apt-get install sendmail-bin)");
		require(Files.isExecutable(BWRAP), "no bubblewrap at " + BWRAP + " (apt-get install bubblewrap)");
	}

	/** The sandbox over a sendmail binary, as the console configures it. */
	public static SendmailSandbox sandbox(Path sendmail, Duration timeout) {
		return new SendmailSandbox(BWRAP, sendmail, timeout, 4 * 1024 * 1024, 0, Duration.ofSeconds(30));
	}

	/** The sendmail check over a sendmail binary, in its sandbox. */
	public static SendmailCheck sendmailCheck(Path sendmail, Duration timeout) {
		return new SendmailCheck(new SendmailReader(sandbox(sendmail, timeout)));
	}

	/**
	 * Skips the test (fails it in CI, which runs as root) when the tests do not run as
	 * root.
	 * @param why what the test needs root for
	 */
	public static void assumeRoot(String why) {
		require("root".equals(System.getProperty("user.name")), "not running as root: " + why);
	}

	/** Skips the test (fails it in CI) when m4 or sendmail-cf's cf.m4 is missing. */
	public static void assumeM4() {
		require(Files.isExecutable(M4), "no m4 at " + M4 + " (apt-get install m4)");
		require(Files.isReadable(CF_M4), "no sendmail-cf at " + CF_M4 + " (apt-get install sendmail-cf)");
	}

	/**
	 * Skips the test when Debian's own configuration is not installed; that is a property
	 * of the machine, never a failure.
	 */
	public static void assumeDebianMc() {
		assumeM4();
		Assumptions.assumeTrue(Files.isReadable(DEBIAN_MC), loud("no Debian sendmail.mc at " + DEBIAN_MC));
	}

	/**
	 * Skips the test (fails it in CI) when an executable the test runs is missing.
	 * @param install how to install it, e.g. {@code apt-get install gcc}
	 */
	public static void assumeExecutable(Path executable, String install) {
		require(Files.isExecutable(executable), "no " + executable + " (" + install + ")");
	}

	private static void require(boolean present, String what) {
		if (present) {
			return;
		}
		if (System.getenv("CI") != null) {
			fail(what + ": CI must run this test against the real tools");
		}
		Assumptions.assumeTrue(false, loud(what + ": SKIPPED, the real-tool checks did not run"));
	}

	private static String loud(String message) {
		System.err.println("\n***** " + message + " *****\n");
		return message;
	}

	/** Exit code and output (standard output and error together) of a run. */
	public record Run(int exitCode, String output, String errors) {

		public List<String> lines() {
			return List.of(this.output.split("\n"));
		}

		/**
		 * Lines of the form {@code file: line N: message}: what readcf complains about.
		 */
		public List<String> cfErrors() {
			return Stream.of((this.output + "\n" + this.errors).split("\n"))
				.filter((line) -> line.matches(".*: line \\d+: .*"))
				.toList();
		}

	}

	/**
	 * Runs {@code sendmail -C <cf> -bt -d37.1} on {@code cf} with {@code input} on its
	 * standard input, in a temporary directory. Like the console's check it does not
	 * probe this host's interfaces, whose reverse DNS lookups can take 5 s each.
	 */
	public static Run sendmail(String cf, String input) {
		Path dir = tempDirectory("smguard-sendmail");
		try {
			Path file = dir.resolve("sendmail.cf");
			Files.writeString(file, cf, StandardCharsets.UTF_8);
			return run(dir, input, SENDMAIL.toString(), "-C", file.toString(), "-bt", "-d37.1",
					"-ODontProbeInterfaces=true");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			delete(dir);
		}
	}

	/** Runs m4 on an mc text; cf.m4 reports its errors on standard error. */
	public static Run m4(String mc) {
		Path dir = tempDirectory("smguard-m4");
		try {
			Path file = dir.resolve("test.mc");
			Files.writeString(file, mc, StandardCharsets.UTF_8);
			return run(dir, "", M4.toString(), file.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			delete(dir);
		}
	}

	/**
	 * Builds a cf with m4 from the lines of an mc file (cf.m4 is included first) and
	 * fails when cf.m4 complains.
	 */
	public static String buildCf(String... mcLines) {
		StringBuilder mc = new StringBuilder("include(`" + CF_M4 + "')dnl\n");
		for (String line : mcLines) {
			mc.append(line).append('\n');
		}
		Run run = m4(mc.toString());
		if (run.exitCode() != 0 || !run.errors().isEmpty()) {
			fail("m4 failed (" + run.exitCode() + "): " + run.errors());
		}
		return run.output();
	}

	/** Runs a command with a time limit of 30 s. */
	public static Run run(Path dir, String input, String... command) {
		try {
			Path out = dir.resolve("stdout");
			Path err = dir.resolve("stderr");
			Process process = new ProcessBuilder(command).directory(dir.toFile())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.start();
			process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
			process.getOutputStream().close();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				fail(String.join(" ", command) + " did not finish within 30 s");
			}
			String stdout = Files.readString(out, StandardCharsets.ISO_8859_1);
			String stderr = Files.readString(err, StandardCharsets.ISO_8859_1);
			return new Run(process.exitValue(), stdout, stderr);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static Path tempDirectory(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static void delete(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			List<Path> all = new ArrayList<>(paths.toList());
			for (int i = all.size() - 1; i >= 0; i--) {
				Files.deleteIfExists(all.get(i));
			}
		}
		catch (IOException ex) {
			// A leftover temporary directory is harmless.
		}
	}

}
