package org.smguard.bundle;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.smguard.policy.Smrsh;
import org.smguard.render.PolicyFiles;
import org.smguard.render.RenderedFile;
import org.smguard.system.ConflictException;
import org.smguard.validation.Rules;

/**
 * Writes a bundle as a {@code .tar.gz}, entry by entry, straight to a stream: the
 * installer scripts, every rendered file at its path relative to {@code /}, then
 * {@code MANIFEST} (what is where, with owner, mode and SHA-256, and whose release it is)
 * and {@code MANIFEST.sig}, its detached Ed25519 signature. Override files are hashed as
 * they pass, so only the manifest's lines are held, never the files.
 * <p>
 * Every entry is a regular file whose name is checked here again, whatever validated it
 * before: a relative path of strict segments, never {@code .} or {@code ..}, never a link
 * or a device, never twice, never one of the bundle's own top-level names.
 */
final class BundleWriter {

	static final String MANIFEST = "MANIFEST";

	static final String SIGNATURE = "MANIFEST.sig";

	static final String FORMAT_LINE = "smguard-bundle 1";

	private static final Set<String> RESERVED = Set.of(MANIFEST, SIGNATURE, BundleScripts.INSTALL,
			BundleScripts.ROLLBACK, BundleScripts.PULL);

	private final BundleContent content;

	private final BundleScripts scripts;

	private final SigningKey key;

	private final StringBuilder manifest = new StringBuilder();

	private final Set<String> paths = new HashSet<>();

	private final String overrideDirectory;

	private final String smBinDirectory;

	private TarArchiveOutputStream tar;

	private long mtime;

	private int written;

	private IntConsumer progress;

	BundleWriter(BundleContent content, BundleScripts scripts, SigningKey key) {
		this.content = content;
		this.scripts = scripts;
		this.key = key;
		this.overrideDirectory = relative(content.overrideDirectory(), "forwards.directory");
		Smrsh smrsh = content.smrsh();
		this.smBinDirectory = smrsh.enabled() ? relative(smrsh.binDirectory(), "smrsh.binDirectory") : null;
		if (this.overrideDirectory.equals(this.smBinDirectory)) {
			throw refused("the override directory and the sm.bin directory are the same directory /"
					+ this.overrideDirectory + ": every override file would be a program smrsh runs");
		}
	}

	/**
	 * Writes the whole bundle to {@code out} (not closed), reporting each file written to
	 * {@code progress}; returns the manifest.
	 * @throws ConflictException when the release cannot be laid out safely (a path that
	 * is not strict, two files at one path, a file inside the sm.bin directory)
	 */
	byte[] write(OutputStream out, Instant mtime, IntConsumer progress) throws IOException {
		this.mtime = mtime.toEpochMilli();
		this.progress = progress;
		header();
		GzipParameters gzip = new GzipParameters();
		gzip.setCompressionLevel(6);
		GzipCompressorOutputStream compressed = new GzipCompressorOutputStream(new NonClosing(out), gzip);
		this.tar = new TarArchiveOutputStream(compressed, StandardCharsets.UTF_8.name());
		this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
		for (String name : List.of(BundleScripts.INSTALL, BundleScripts.ROLLBACK, BundleScripts.PULL)) {
			byte[] bytes = this.scripts.bytes(name);
			entry(name, 0755, bytes);
			line("tool", name, "0755", sha256(bytes));
		}
		line("dir", this.overrideDirectory, "0755", "root:root", "overrides");
		if (this.smBinDirectory != null) {
			line("dir", this.smBinDirectory, "0755", "root:root", "sm.bin");
		}
		for (RenderedFile file : this.content.settingsFiles()) {
			String path = relative(file.path(), file.name());
			if (this.smBinDirectory != null && inside(path, this.smBinDirectory)) {
				throw refused(file.path() + " lies in the sm.bin directory, where smrsh would run it as a program");
			}
			if (clashes(path, this.overrideDirectory)
					|| (this.smBinDirectory != null && clashes(path, this.smBinDirectory))) {
				throw refused(file.path() + " and a directory the bundle manages are one path, or one holds the other");
			}
			if (inside(path, this.overrideDirectory)) {
				throw refused(file.path() + " lies in the override directory, which holds override files only");
			}
			file(path, file);
		}
		int links = 0;
		if (this.smBinDirectory != null) {
			for (Smrsh.Program program : this.content.smrsh().programs()) {
				String path = this.smBinDirectory + "/" + program.name();
				claim(path);
				if (!Rules.isSafePath(program.target())) {
					throw refused(
							"the target of sm.bin program " + Rules.quote(program.name()) + " " + Rules.SAFE_PATH_RULE);
				}
				line("link", path, program.target());
				links++;
			}
		}
		int[] files = { this.content.settingsFiles().size() };
		this.content.overrides().forEach((override) -> {
			if (!Rules.isUserName(override.user())) {
				throw refused("the override user " + Rules.quote(override.user()) + " " + Rules.USER_NAME_RULE);
			}
			RenderedFile file = PolicyFiles.overrideFile(this.content.overrideDirectory(), override);
			try {
				file(relative(file.path(), file.name()), file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			files[0]++;
		});
		line("end", Integer.toString(files[0] + links));
		byte[] manifestBytes = this.manifest.toString().getBytes(StandardCharsets.UTF_8);
		entry(MANIFEST, 0644, manifestBytes);
		entry(SIGNATURE, 0644, this.key.sign(manifestBytes));
		this.tar.finish();
		compressed.finish();
		compressed.flush();
		return manifestBytes;
	}

	private void header() {
		this.manifest.append(FORMAT_LINE).append('\n');
		line("policy", this.content.policy());
		line("version", Integer.toString(this.content.version()));
		line("content-sha256", this.content.contentHash());
		line("approved-by", (this.content.approvedBy() != null) ? this.content.approvedBy() : "-");
		line("published-at",
				(this.content.publishedAt() != null) ? FreshnessStatement.utc(this.content.publishedAt()) : "-");
		line("signing-key", this.key.fingerprint());
	}

	private void file(String path, RenderedFile file) throws IOException {
		claim(path);
		byte[] bytes = file.bytes();
		entry(path, Integer.parseInt(file.mode(), 8), bytes);
		line("file", path, file.mode(), file.owner(), sha256(bytes));
		this.written++;
		this.progress.accept(this.written);
	}

	private void claim(String path) {
		if (RESERVED.contains(path)) {
			throw refused("/" + path + " has the name of a file of the bundle itself");
		}
		if (!this.paths.add(path)) {
			throw refused("two files go to /" + path);
		}
	}

	private void entry(String name, int mode, byte[] bytes) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL, true);
		entry.setSize(bytes.length);
		entry.setMode(mode);
		entry.setIds(0, 0);
		entry.setNames("root", "root");
		entry.setModTime(this.mtime);
		this.tar.putArchiveEntry(entry);
		this.tar.write(bytes);
		this.tar.closeArchiveEntry();
	}

	private void line(String... fields) {
		for (String field : fields) {
			// Fields are tab-separated, lines newline-terminated: neither may hide in a
			// value.
			if (field.isEmpty() || field.chars().anyMatch((c) -> c < 0x21 || c > 0x7e)) {
				throw refused("the manifest value " + Rules.quote(field) + " is empty or not printable ASCII");
			}
		}
		this.manifest.append(String.join("\t", fields)).append('\n');
	}

	/** {@code /etc/shells} as {@code etc/shells}, after checking it is a strict path. */
	private static String relative(String path, String what) {
		if (!Rules.isSafePath(path) || path.length() > Rules.MAX_PATH_LENGTH) {
			throw refused("the path of " + what + " " + Rules.quote(path) + " " + Rules.SAFE_PATH_RULE);
		}
		return path.substring(1);
	}

	private static boolean inside(String path, String directory) {
		return path.startsWith(directory + "/");
	}

	/**
	 * Whether a file at {@code path} and the directory {@code directory} cannot both be.
	 */
	private static boolean clashes(String path, String directory) {
		return path.equals(directory) || inside(directory, path);
	}

	private static ConflictException refused(String reason) {
		return new ConflictException("this version cannot be bundled: " + reason);
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Keeps finishing the gzip stream from closing the caller's stream. */
	private static final class NonClosing extends FilterOutputStream {

		NonClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

}
