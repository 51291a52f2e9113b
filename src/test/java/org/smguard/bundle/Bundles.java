package org.smguard.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.Smrsh;
import org.smguard.policy.StockPolicy;
import org.smguard.render.PolicyFiles;
import org.smguard.render.RenderedFile;

/** Bundles made for tests from a policy, written and unpacked with the real tar. */
final class Bundles {

	static final Instant PUBLISHED = Instant.parse("2026-11-30T10:00:00Z");

	private Bundles() {
	}

	/**
	 * Debian's stock policy with smrsh on, two sm.bin programs and the given overrides.
	 */
	static Policy policy(List<Forwards.OverrideFile> overrides) {
		Policy stock = StockPolicy.debian();
		return stock
			.withSmrsh(new Smrsh(true, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY,
					List.of(new Smrsh.Program("vacation", "/usr/bin/vacation"),
							new Smrsh.Program("mail.local", "/usr/libexec/sendmail/mail.local"))))
			.withForwards(new Forwards(Forwards.DEFAULT_DIRECTORY, overrides));
	}

	static BundleContent content(String name, int version, Policy policy) {
		return content(name, version, policy, PolicyFiles.settingsFiles(policy, StockPolicy.debianBaseCf()));
	}

	static BundleContent content(String name, int version, Policy policy, List<RenderedFile> settingsFiles) {
		return new BundleContent(name, version, "c0ffee", "rita", PUBLISHED, settingsFiles, policy.smrsh(),
				policy.forwards().directory(), policy.forwards().overrides().size(),
				(action) -> policy.forwards()
					.overrides()
					.stream()
					.sorted(Comparator.comparing((Forwards.OverrideFile file) -> file.user().toLowerCase(Locale.ROOT))
						.thenComparing(Forwards.OverrideFile::user))
					.forEach(action));
	}

	/** Writes the bundle to {@code archive}. */
	static void write(BundleContent content, SigningKey key, Path archive) throws IOException {
		try (OutputStream out = Files.newOutputStream(archive)) {
			new BundleWriter(content, new BundleScripts(), key).write(out, PUBLISHED, (n) -> {
			});
		}
	}

	/** Writes the bundle and unpacks it into a new directory under {@code work}. */
	static Path unpacked(BundleContent content, SigningKey key, Path work) throws Exception {
		Path archive = Files.createTempFile(work, "bundle", ".tar.gz");
		write(content, key, archive);
		Path directory = Files.createTempDirectory(work, "unpacked");
		Run run = Run.of(work, List.of("tar", "-xzf", archive.toString(), "-C", directory.toString()), List.of());
		if (run.status() != 0) {
			throw new IllegalStateException("tar failed: " + run.output());
		}
		return directory;
	}

	/** A finished process: its exit status and everything it printed. */
	record Run(int status, String output) {

		static Run of(Path directory, List<String> command, List<String> environment) throws Exception {
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true);
			for (String variable : environment) {
				int equals = variable.indexOf('=');
				builder.environment().put(variable.substring(0, equals), variable.substring(equals + 1));
			}
			Process process = builder.start();
			process.getOutputStream().close();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(180, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("timed out: " + command);
			}
			return new Run(process.exitValue(), new String(output));
		}

		static Run script(Path script, Path destdir, String... arguments) throws Exception {
			List<String> command = new ArrayList<>(List.of("sh", script.toString()));
			command.addAll(List.of(arguments));
			return of(script.getParent(), command, List.of("DESTDIR=" + destdir));
		}

	}

}
