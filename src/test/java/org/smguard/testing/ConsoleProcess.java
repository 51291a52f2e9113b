package org.smguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.smguard.SmguardApplication;

/**
 * The console started as a separate JVM, {@code java -cp <this classpath>
 * org.smguard.SmguardApplication}, so that a test can kill it with SIGKILL. Output goes
 * to a log file, quoted in failure messages. Every wait is bounded.
 */
public final class ConsoleProcess implements AutoCloseable {

	private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

	private final Process process;

	private final int port;

	private final Path log;

	private ConsoleProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the console on a free port; the first admin gets {@code adminPassword}
	 * through {@code SMGUARD_ADMIN_PASSWORD}, as an operator would set it.
	 * @param extraArgs more command-line arguments, such as property overrides
	 */
	public static ConsoleProcess start(Path dataDir, String adminPassword, Path log, List<String> extraArgs) {
		int port = freePort();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), SmguardApplication.class.getName(), "--server.port=" + port,
				"--smguard.data-dir=" + dataDir, "--spring.main.banner-mode=off"));
		command.addAll(extraArgs);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().put("SMGUARD_ADMIN_PASSWORD", adminPassword);
		builder.environment().remove("SMGUARD_DATA_DIR");
		try {
			return new ConsoleProcess(builder.start(), port, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + command, ex);
		}
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	/** An anonymous API client for this console. */
	public ApiClient api() {
		return ApiClient.forPort(this.port);
	}

	/**
	 * Waits until {@code /actuator/health} answers UP; fails at once when the process
	 * dies, and after {@code timeout} otherwise.
	 */
	public void awaitHealthy(Duration timeout) throws InterruptedException {
		ApiClient client = api();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError("the console exited with status " + this.process.exitValue()
						+ " before it was healthy; its log ends:\n" + logTail(40));
			}
			try {
				ApiClient.Response health = client.get("/actuator/health");
				if (health.status() == 200 && health.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (UncheckedIOException ex) {
				// Not listening yet.
			}
			Thread.sleep(200);
		}
		throw new AssertionError("the console was not healthy after " + timeout + "; its log ends:\n" + logTail(40));
	}

	/**
	 * Kills the JVM with SIGKILL ({@link Process#destroyForcibly()} on Linux) and waits
	 * for it to go.
	 * @return the exit status, 137 (128 + 9) for a process killed by SIGKILL
	 */
	public int kill() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			throw new AssertionError("the console did not die within " + KILL_TIMEOUT + " of SIGKILL");
		}
		return this.process.exitValue();
	}

	/** The last lines of the console's output, for failure messages. */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + this.log + ": " + ex + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
