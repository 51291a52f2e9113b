package org.smguard.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smguard.policy.PolicyService;
import org.smguard.policy.VersionState;
import org.smguard.render.PolicyFiles;
import org.smguard.system.ConflictException;
import org.smguard.system.TooBusyException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Service;

/**
 * Deployment bundles of approved and published versions. A bundle is written once to
 * {@code <data-dir>/bundles/} and served from there: a version never changes, and the
 * file's name holds everything else a bundle says (who approved it, when it was
 * published, the signing key, the scripts), so a stale file is never served. Bundles are
 * written on two threads at most, with a short queue; a request past that is refused as
 * busy. Requests for the same bundle share one preparation; a failed one is reported to
 * the requests that follow it until one has been told, and the next starts again, as does
 * a request for a bundle whose file was removed from the cache.
 */
@Service
public class BundleService {

	private static final Logger logger = LoggerFactory.getLogger(BundleService.class);

	private static final Set<VersionState> BUNDLED_STATES = Set.of(VersionState.APPROVED, VersionState.PUBLISHED);

	/** How long a request waits for its bundle to be written. */
	private static final long WAIT_MINUTES = 10;

	private final PolicyService policies;

	private final SigningKey key;

	private final BundleScripts scripts;

	private final Path directory;

	private final ThreadPoolExecutor writers = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES,
			new ArrayBlockingQueue<>(8));

	private final Map<String, Preparation> preparations = new ConcurrentHashMap<>();

	BundleService(PolicyService policies, SigningKey key, BundleScripts scripts,
			@Value("${smguard.data-dir}") String dataDir) {
		this.policies = policies;
		this.key = key;
		this.scripts = scripts;
		this.directory = Path.of(dataDir).resolve("bundles");
		this.writers.allowCoreThreadTimeOut(true);
	}

	/**
	 * The bundle of version {@code number}, written first when needed.
	 * @throws ConflictException when the version is neither approved nor published, or
	 * cannot be laid out safely
	 * @throws TooBusyException when too many bundles are being written
	 */
	@PreAuthorize("hasRole('VIEWER')")
	public BundleFile bundle(String policy, int number) {
		return start(policy, number).await();
	}

	/**
	 * Starts writing the bundle of version {@code number} unless it is written or being
	 * written, and says how far it is.
	 */
	@PreAuthorize("hasRole('VIEWER')")
	public BundleProgress prepare(String policy, int number) {
		return start(policy, number).progress();
	}

	/**
	 * The bundle of the published version of {@code policy}, if one is published: what a
	 * host of that policy installs.
	 */
	@PreAuthorize("hasRole('HOST')")
	public Optional<BundleFile> publishedBundle(String policy) {
		return this.policies.currentVersionNumber(policy).map((number) -> start(policy, number).await());
	}

	private Preparation start(String policy, int number) {
		PolicyService.ReleaseSnapshot release = this.policies.release(policy, number);
		if (!BUNDLED_STATES.contains(release.info().state())) {
			throw new ConflictException("version " + number + " of policy '" + policy + "' is "
					+ release.info().state().json() + ": only approved or published versions can be bundled");
		}
		String name = fileName(policy, release);
		Preparation preparation = this.preparations.compute(name, (key, known) -> (known == null || known.stale())
				? new Preparation(policy, number, release, this.directory.resolve(key)) : known);
		preparation.begin();
		return preparation;
	}

	private String fileName(String policy, PolicyService.ReleaseSnapshot release) {
		String identity = String.join("\n", BundleWriter.FORMAT_LINE, policy, Integer.toString(release.info().number()),
				release.info().contentHash(), String.valueOf(release.info().approvedBy()),
				String.valueOf(release.publishedAt()), this.key.fingerprint(), this.scripts.digest());
		return policy + "-" + release.info().number() + "-"
				+ BundleWriter.sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 16) + ".tar.gz";
	}

	@PreDestroy
	void stop() {
		this.writers.shutdownNow();
	}

	/** One bundle being written, or written. */
	private final class Preparation {

		private final String policy;

		private final int number;

		private final PolicyService.ReleaseSnapshot release;

		private final Path file;

		private final int total;

		private final AtomicInteger written = new AtomicInteger();

		private final CompletableFuture<BundleFile> result = new CompletableFuture<>();

		private boolean begun;

		/** Whether a request has been told that this preparation failed. */
		private volatile boolean failureReported;

		Preparation(String policy, int number, PolicyService.ReleaseSnapshot release, Path file) {
			this.policy = policy;
			this.number = number;
			this.release = release;
			this.file = file;
			this.total = PolicyFiles.settingsFiles(release.settings(), release.baseCf()).size()
					+ release.overrideCount();
		}

		synchronized void begin() {
			if (this.begun) {
				return;
			}
			if (Files.isRegularFile(this.file)) {
				this.result.complete(found());
				this.begun = true;
				return;
			}
			try {
				BundleService.this.writers.execute(new DelegatingSecurityContextRunnable(this::write));
				this.begun = true;
			}
			catch (RejectedExecutionException ex) {
				BundleService.this.preparations.remove(this.file.getFileName().toString(), this);
				throw new TooBusyException("too many bundles are being prepared; try again in a minute");
			}
		}

		/**
		 * Whether the next request should start again: the written file has gone from the
		 * cache (removed to free space, say), or the failure was reported to someone. A
		 * failure is kept until then, so that a page polling its progress sees it rather
		 * than a new preparation each time.
		 */
		boolean stale() {
			if (!this.result.isDone()) {
				return false;
			}
			if (this.result.isCompletedExceptionally()) {
				return this.failureReported;
			}
			return !Files.isRegularFile(this.file);
		}

		BundleFile await() {
			try {
				return this.result.get(WAIT_MINUTES, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new TooBusyException("interrupted while the bundle was prepared");
			}
			catch (TimeoutException ex) {
				throw new TooBusyException("the bundle is still being prepared; try again later");
			}
			catch (ExecutionException ex) {
				this.failureReported = true;
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new IllegalStateException(ex.getCause());
			}
		}

		BundleProgress progress() {
			if (!this.result.isDone()) {
				return new BundleProgress(this.written.get(), this.total, false, null, null);
			}
			try {
				return new BundleProgress(this.total, this.total, true, null, this.result.join());
			}
			catch (RuntimeException ex) {
				this.failureReported = true;
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				// A layout refused is the version's to fix; anything else is the
				// console's,
				// and its log says what (the message would show the data directory's
				// path).
				String error = (cause instanceof ConflictException) ? cause.getMessage()
						: "the bundle could not be written; the console's log says why";
				return new BundleProgress(this.written.get(), this.total, true, error, null);
			}
		}

		private void write() {
			Path temporary = null;
			try {
				Files.createDirectories(this.file.getParent());
				temporary = Files.createTempFile(this.file.getParent(), ".bundle", ".tmp");
				BundleContent content = new BundleContent(this.policy, this.number, this.release.info().contentHash(),
						this.release.info().approvedBy(), this.release.publishedAt(),
						PolicyFiles.settingsFiles(this.release.settings(), this.release.baseCf()),
						this.release.settings().smrsh(), this.release.settings().forwards().directory(),
						this.release.overrideCount(), (action) -> BundleService.this.policies
							.forEachVersionOverride(this.policy, this.number, action));
				Instant mtime = (this.release.publishedAt() != null) ? this.release.publishedAt()
						: this.release.info().createdAt();
				try (OutputStream out = Files.newOutputStream(temporary)) {
					new BundleWriter(content, BundleService.this.scripts, BundleService.this.key).write(out, mtime,
							this.written::set);
				}
				move(temporary, this.file);
				forgetOlder();
				BundleFile bundle = found();
				logger.info("Prepared the bundle of version {} of policy '{}': {} files, {} bytes", this.number,
						this.policy, this.written.get(), bundle.size());
				this.result.complete(bundle);
			}
			catch (IOException | RuntimeException ex) {
				if (!(ex instanceof ConflictException)) {
					logger.error("Cannot prepare the bundle of version {} of policy '{}'", this.number, this.policy,
							ex);
				}
				this.result.completeExceptionally((ex instanceof IOException io) ? new UncheckedIOException(io) : ex);
			}
			finally {
				if (temporary != null) {
					try {
						Files.deleteIfExists(temporary);
					}
					catch (IOException ex) {
						logger.warn("Cannot remove {}", temporary, ex);
					}
				}
			}
		}

		private BundleFile found() {
			try {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
					Files.copy(this.file, sink);
				}
				return new BundleFile(this.policy, this.number, this.file, Files.size(this.file),
						HexFormat.of().formatHex(digest.digest()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Removes the files of this version written before (e.g. before it was
		 * published).
		 */
		private void forgetOlder() throws IOException {
			Pattern same = Pattern
				.compile(Pattern.quote(this.policy + "-" + this.number + "-") + "[0-9a-f]{16}\\.tar\\.gz");
			try (DirectoryStream<Path> files = Files.newDirectoryStream(this.file.getParent())) {
				for (Path other : files) {
					String name = other.getFileName().toString();
					if (!other.equals(this.file) && same.matcher(name).matches()) {
						Files.deleteIfExists(other);
						BundleService.this.preparations.remove(name);
					}
				}
			}
		}

		private static void move(Path from, Path to) throws IOException {
			try {
				Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
			}
		}

	}

}
