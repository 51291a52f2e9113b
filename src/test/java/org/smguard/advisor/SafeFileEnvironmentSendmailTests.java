package org.smguard.advisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.policy.StockPolicy;
import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link FileOptionsRule} says of {@code SafeFileEnvironment=/}, asked of the real
 * sendmail. Debian's stock configuration with only that option changed delivers, through
 * aliases, to a regular file, a FIFO with a reader, a directory and {@code /dev/null},
 * once with the option unset, once with {@code /} and once with a directory.
 * <p>
 * In the source (8.17.1.9), readcf's {@code setoption} strips trailing slashes from the
 * value and sets nothing when that leaves it empty; {@code mailfile()} in deliver.c
 * refuses a file that is not regular only when it changed root
 * ({@code realfile != targetfile && !S_ISREG(mode)}), which it does only for a set
 * SafeFileEnvironment (or a mailer's {@code /=}). A FIFO tells the two apart: written to
 * unless the option names a directory. A directory is refused in every case, by the
 * execute-bit and link-count checks that come before, and {@code /dev/null} is accepted
 * in every case, before either.
 */
class SafeFileEnvironmentSendmailTests {

	/** sysexits.h. */
	private static final int EX_OK = 0;

	private static final int EX_CANTCREAT = 73;

	private static final int EX_IOERR = 74;

	private static final long RUN_SECONDS = 10;

	@TempDir
	Path directory;

	@Test
	void slashDeliversToEveryTargetExactlyAsUnset() throws Exception {
		assumeSendmailAsRoot();
		Map<String, Outcome> unset = deliverToEachTarget(null);
		Map<String, Outcome> slash = deliverToEachTarget("/");
		assertThat(slash).as("SafeFileEnvironment=/ against unset").isEqualTo(unset);
		assertThat(unset).containsEntry("regular", new Outcome(EX_OK, true))
			// The FIFO is written to; then fsync on it fails (SuperSafe), so the message
			// also stays queued and would be written again.
			.containsEntry("fifo", new Outcome(EX_IOERR, true))
			.containsEntry("directory", new Outcome(EX_CANTCREAT, false))
			.containsEntry("devnull", new Outcome(EX_OK, false));
		assertThat(new FileOptionsRule().check(Policies.withOptions((o) -> o.safeFileEnvironment("/")))).singleElement()
			.satisfies((f) -> assertThat(f.title()).contains("no effect"));
	}

	@Test
	void aDirectoryRefusesTheFifoAndStillWritesTheRegularFile() throws Exception {
		assumeSendmailAsRoot();
		Path safe = this.directory.resolve("safe");
		Map<String, Outcome> outcomes = deliverToEachTarget(safe.toString());
		assertThat(outcomes).containsEntry("regular", new Outcome(EX_OK, true))
			.containsEntry("fifo", new Outcome(EX_CANTCREAT, false))
			.containsEntry("directory", new Outcome(EX_CANTCREAT, false))
			.containsEntry("devnull", new Outcome(EX_OK, false));
		assertThat(new FileOptionsRule().check(Policies.withOptions((o) -> o.safeFileEnvironment(safe + "/"))))
			.isEmpty();
	}

	@Test
	void theStockConfigurationSetsSlash() {
		assertThat(StockPolicy.debianBaseCf()).containsOnlyOnce("\nO SafeFileEnvironment=/\n");
	}

	private static void assumeSendmailAsRoot() {
		HostTools.assumeSendmail();
		HostTools.assumeRoot("sendmail changes its root (chroot) to SafeFileEnvironment only when run as root");
	}

	/**
	 * Delivers one message through an alias to each target below {@code
	 *
	<dir>
	 * /safe}, with a fresh configuration, queue and targets.
	 * @param safeFileEnvironment the option's value, or {@code null} to leave it unset
	 */
	private Map<String, Outcome> deliverToEachTarget(String safeFileEnvironment) throws Exception {
		Path run = Files.createTempDirectory(this.directory, "run");
		Path safe = Files.createDirectories(this.directory.resolve("safe"));
		for (Path dir : new Path[] { this.directory, run, safe }) {
			Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		Path queue = Files.createDirectory(run.resolve("queue"));
		Path regular = fresh(safe.resolve("regular"));
		Files.createFile(regular);
		Path fifo = fresh(safe.resolve("fifo"));
		mustSucceed(new ProcessBuilder("mkfifo", fifo.toString()));
		Path target = fresh(safe.resolve("directory"));
		Files.createDirectory(target);
		// The file mailer writes as DefaultUser (mail), not as root.
		Files.setPosixFilePermissions(regular, PosixFilePermissions.fromString("rw-rw-rw-"));
		Files.setPosixFilePermissions(fifo, PosixFilePermissions.fromString("rw-rw-rw-"));
		Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxrwxrwx"));
		Path aliases = Files.writeString(run.resolve("aliases"),
				"regular: " + regular + "\nfifo: " + fifo + "\ndirectory: " + target + "\ndevnull: /dev/null\n");
		String option = (safeFileEnvironment != null) ? "O SafeFileEnvironment=" + safeFileEnvironment
				: "# SafeFileEnvironment unset";
		String stock = StockPolicy.debianBaseCf();
		String cf = stock.replaceFirst("(?m)^O SafeFileEnvironment=/$", option)
			.replaceFirst("(?m)^O AliasFile=.*$", "O AliasFile=" + aliases)
			.replaceFirst("(?m)^O QueueDirectory=.*$", "O QueueDirectory=" + queue)
			.replaceFirst("(?m)^O StatusFile=.*$", "O StatusFile=" + run.resolve("statistics"))
			.replaceFirst("(?m)^O PidFile=.*$", "O PidFile=" + run.resolve("pid"));
		assertThat(cf).contains("\n" + option + "\n").doesNotContain("/etc/mail/aliases\n");
		Path file = Files.writeString(run.resolve("sendmail.cf"), cf);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		Files.setPosixFilePermissions(aliases, PosixFilePermissions.fromString("rw-r--r--"));
		assertThat(sendmail(run, file, "", "-bi").exitCode()).as("newaliases").isZero();

		Map<String, Outcome> outcomes = new LinkedHashMap<>();
		for (String alias : new String[] { "regular", "fifo", "directory", "devnull" }) {
			String marker = "body-of-" + alias + "-" + run.getFileName();
			Process reader = alias.equals("fifo")
					? new ProcessBuilder("cat", fifo.toString()).redirectOutput(run.resolve("fifo-read").toFile())
						.start()
					: null;
			Run sent = sendmail(run, file, "Subject: " + alias + "\n\n" + marker + "\n", "-odi", "-oi", "-oeq", "-f",
					"root", alias);
			boolean written = switch (alias) {
				case "regular" -> Files.readString(regular).contains(marker);
				case "fifo" -> drained(reader) && Files.readString(run.resolve("fifo-read")).contains(marker);
				case "directory" -> hasEntries(target);
				default -> false;
			};
			outcomes.put(alias, new Outcome(sent.exitCode(), written));
		}
		return outcomes;
	}

	/**
	 * Whether the FIFO's reader has seen end of file: a writer opened and closed it.
	 * sendmail has exited, so a reader still waiting after a second never had a writer.
	 */
	private static boolean drained(Process reader) throws InterruptedException {
		if (reader.waitFor(1, TimeUnit.SECONDS)) {
			return true;
		}
		reader.destroyForcibly().waitFor(RUN_SECONDS, TimeUnit.SECONDS);
		return false;
	}

	private static boolean hasEntries(Path dir) throws IOException {
		try (var entries = Files.list(dir)) {
			return entries.findAny().isPresent();
		}
	}

	private static Path fresh(Path path) throws IOException {
		if (Files.isDirectory(path)) {
			HostTools.delete(path);
		}
		Files.deleteIfExists(path);
		return path;
	}

	private static Run sendmail(Path run, Path cf, String input, String... arguments) throws Exception {
		String[] command = new String[arguments.length + 4];
		command[0] = HostTools.SENDMAIL.toString();
		command[1] = "-C";
		command[2] = cf.toString();
		command[3] = "-ODontProbeInterfaces=true";
		System.arraycopy(arguments, 0, command, 4, arguments.length);
		Process process = new ProcessBuilder(command).directory(run.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		if (!process.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " did not finish within " + RUN_SECONDS + " s");
		}
		return new Run(process.exitValue(),
				new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private static void mustSucceed(ProcessBuilder builder) throws Exception {
		Process process = builder.redirectErrorStream(true).start();
		assertThat(process.waitFor(RUN_SECONDS, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
	}

	private record Run(int exitCode, String output) {
	}

	/** sendmail's exit code and whether the message reached the target. */
	private record Outcome(int exitCode, boolean written) {
	}

}
