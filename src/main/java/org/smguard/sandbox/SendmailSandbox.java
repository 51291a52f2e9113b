package org.smguard.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs the real sendmail on untrusted cf text inside bubblewrap, and nowhere else.
 * <p>
 * A cf can make sendmail run programs ({@code Fx|prog}, {@code program:} maps) or read
 * files ({@code Fx/etc/shadow}) the moment it is read. So each run gets a fresh empty
 * root holding only the sendmail binary, the libraries it links, the cf and synthetic
 * {@code /etc} files; every namespace unshared (no network), no {@code /proc}, an empty
 * environment, an unprivileged uid (as root inside a user namespace sendmail fails on
 * {@code setgroups}), a qualified host name (sendmail waits 60 s for one otherwise), a
 * time limit, a cap on the output read and on how many runs go at once. Where bwrap
 * cannot start, runs fail with {@link SandboxUnavailableException}: callers report the
 * work skipped, they never run sendmail outside.
 */
@Component
public class SendmailSandbox {

	private static final String SENDMAIL_INSIDE = "/usr/sbin/sendmail";

	private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

	private final Path bwrap;

	private final Path sendmail;

	private final Duration timeout;

	private final int maxOutputBytes;

	private final Duration queueWait;

	private final int concurrency;

	private final Semaphore slots;

	private volatile List<String> libraries;

	public SendmailSandbox(@Value("${smguard.sandbox.bwrap:/usr/bin/bwrap}") Path bwrap,
			@Value("${smguard.sendmail.path:/usr/sbin/sendmail}") Path sendmail,
			@Value("${smguard.sendmail.timeout:10s}") Duration timeout,
			@Value("${smguard.sandbox.max-output-bytes:4194304}") int maxOutputBytes,
			@Value("${smguard.sandbox.concurrency:0}") int concurrency,
			@Value("${smguard.sandbox.queue-wait:10s}") Duration queueWait) {
		this.bwrap = bwrap;
		this.sendmail = sendmail;
		this.timeout = timeout;
		this.maxOutputBytes = maxOutputBytes;
		this.queueWait = queueWait;
		this.concurrency = (concurrency > 0) ? concurrency : Runtime.getRuntime().availableProcessors();
		this.slots = new Semaphore(this.concurrency, true);
	}

	/**
	 * Runs {@code sendmail -C <cf> -bt -ODontProbeInterfaces=true <flags>} on {@code cf}
	 * with {@code input} on its standard input.
	 * @return what it printed, or a run with exit code -1 when it outlived the time limit
	 * @throws SandboxUnavailableException when the sandbox cannot run here
	 * @throws SandboxBusyException when no slot freed up within the queue wait
	 */
	public SandboxRun run(String cf, SyntheticHost host, String input, String... flags)
			throws SandboxUnavailableException {
		requireTools();
		boolean acquired;
		try {
			acquired = this.slots.tryAcquire(this.queueWait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SandboxUnavailableException("interrupted while waiting for the sandbox");
		}
		if (!acquired) {
			throw new SandboxBusyException("all " + this.concurrency + " sendmail sandbox slots stayed busy" + " for "
					+ this.queueWait.toSeconds() + " s: try again shortly");
		}
		Path dir = null;
		try {
			dir = Files.createTempDirectory("smguard-sandbox");
			Files.writeString(dir.resolve("sendmail.cf"), cf, StandardCharsets.UTF_8);
			Files.writeString(dir.resolve("passwd"), host.passwd());
			Files.writeString(dir.resolve("group"), host.group());
			Files.writeString(dir.resolve("hosts"), SyntheticHost.hosts());
			Files.writeString(dir.resolve("services"), SyntheticHost.services());
			Files.writeString(dir.resolve("nsswitch.conf"), SyntheticHost.nsswitch());
			return execute(command(dir, flags), input, this.timeout, this.maxOutputBytes);
		}
		catch (IOException ex) {
			throw new SandboxUnavailableException("the sandbox could not be prepared: " + ex.getMessage());
		}
		finally {
			this.slots.release();
			deleteQuietly(dir);
		}
	}

	private void requireTools() throws SandboxUnavailableException {
		if (!Files.isExecutable(this.sendmail)) {
			throw new SandboxUnavailableException("no sendmail binary at " + this.sendmail);
		}
		if (!Files.isExecutable(this.bwrap)) {
			throw new SandboxUnavailableException("no bubblewrap at " + this.bwrap
					+ " (install Debian's bubblewrap): sendmail is never run outside its sandbox");
		}
	}

	private List<String> command(Path dir, String... flags) throws IOException, SandboxUnavailableException {
		Path binary = this.sendmail.toRealPath();
		List<String> command = new ArrayList<>(List.of(this.bwrap.toString(), "--unshare-all", "--die-with-parent",
				"--new-session", "--clearenv", "--cap-drop", "ALL", "--uid", "65534", "--gid", "65534", "--hostname",
				SyntheticHost.HOST_NAME, "--tmpfs", "/", "--dev", "/dev", "--dir", "/tmp", "--dir", "/etc/mail"));
		for (String library : libraries(binary)) {
			command.addAll(List.of("--ro-bind", library, library));
		}
		command.addAll(List.of("--ro-bind", binary.toString(), SENDMAIL_INSIDE));
		for (String file : List.of("passwd", "group", "hosts", "services", "nsswitch.conf")) {
			command.addAll(List.of("--ro-bind", dir.resolve(file).toString(), "/etc/" + file));
		}
		command.addAll(List.of("--ro-bind", dir.resolve("sendmail.cf").toString(), SandboxRun.CF_PATH, "--chdir",
				"/tmp", SENDMAIL_INSIDE, "-C", SandboxRun.CF_PATH, "-bt", "-ODontProbeInterfaces=true"));
		command.addAll(Arrays.asList(flags));
		return command;
	}

	/**
	 * The shared libraries sendmail links, as {@code ldd} lists them for the binary
	 * (trusted: it is the host's own sendmail, never user text), looked up once.
	 */
	private List<String> libraries(Path binary) throws IOException, SandboxUnavailableException {
		List<String> known = this.libraries;
		if (known != null) {
			return known;
		}
		SandboxRun ldd = execute(List.of("ldd", binary.toString()), "", Duration.ofSeconds(10), 1024 * 1024);
		if (ldd.exitCode() != 0) {
			throw new SandboxUnavailableException("ldd could not list the libraries of " + binary);
		}
		Set<String> paths = new LinkedHashSet<>();
		for (String line : ldd.lines()) {
			Matcher path = LDD_PATH.matcher(line);
			if (path.find()) {
				paths.add(path.group(1));
			}
		}
		this.libraries = List.copyOf(paths);
		return this.libraries;
	}

	private SandboxRun execute(List<String> command, String input, Duration timeLimit, int cap)
			throws IOException, SandboxUnavailableException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().clear();
		Process process = builder.start();
		CappedReader output = new CappedReader(process.getInputStream(), cap);
		Thread reader = new Thread(output, "sandbox-output");
		reader.setDaemon(true);
		reader.start();
		// Written from its own thread, so that a run that stops reading its input is
		// still
		// ended at the time limit.
		Thread writer = new Thread(() -> {
			try (OutputStream stdin = process.getOutputStream()) {
				stdin.write(input.getBytes(StandardCharsets.ISO_8859_1));
			}
			catch (IOException ex) {
				// sendmail may exit before reading its input; its output says why.
			}
		}, "sandbox-input");
		writer.setDaemon(true);
		writer.start();
		try {
			boolean finished = process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
			if (!finished) {
				kill(process);
				reader.join(1000);
				return new SandboxRun(-1, output.lines(), output.truncated());
			}
			reader.join(timeLimit.toMillis());
			if (output.truncated()) {
				kill(process);
			}
		}
		catch (InterruptedException ex) {
			kill(process);
			Thread.currentThread().interrupt();
			throw new SandboxUnavailableException("interrupted");
		}
		List<String> lines = output.lines();
		if (process.exitValue() != 0 && !lines.isEmpty() && lines.get(0).startsWith("bwrap: ")) {
			throw new SandboxUnavailableException("bubblewrap could not start the sandbox here ("
					+ cut(lines.get(0), 200) + "); a container needs user namespaces or CAP_SYS_ADMIN for it");
		}
		return new SandboxRun(process.exitValue(), lines, output.truncated());
	}

	private static void kill(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	private static String cut(String text, int length) {
		return (text.length() > length) ? text.substring(0, length) + "..." : text;
	}

	/** Reads a stream up to a byte cap, then drops the rest. */
	private static final class CappedReader implements Runnable {

		private final InputStream in;

		private final int cap;

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private volatile boolean truncated;

		CappedReader(InputStream in, int cap) {
			this.in = in;
			this.cap = cap;
		}

		@Override
		public void run() {
			byte[] buffer = new byte[8192];
			try (InputStream stream = this.in) {
				int n;
				while ((n = stream.read(buffer)) > 0) {
					synchronized (this.bytes) {
						int room = this.cap - this.bytes.size();
						if (room <= 0) {
							this.truncated = true;
							return;
						}
						this.bytes.write(buffer, 0, Math.min(n, room));
						if (n > room) {
							this.truncated = true;
							return;
						}
					}
				}
			}
			catch (IOException ex) {
				// The process was killed; what was read so far is the output.
			}
		}

		boolean truncated() {
			return this.truncated;
		}

		List<String> lines() {
			String text;
			synchronized (this.bytes) {
				text = this.bytes.toString(StandardCharsets.ISO_8859_1);
			}
			if (text.isEmpty()) {
				return List.of();
			}
			return List.of(text.split("\n", -1));
		}

	}

	private static void deleteQuietly(Path dir) {
		if (dir == null) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach((p) -> p.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temporary directory is harmless.
		}
	}

}
