package org.smguard.bundle;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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

	/** The manifest's lines other than those of files, in bytes, as a first guess. */
	private static final int MANIFEST_BASE = 4096;

	/**
	 * A file's line in the manifest without its path within the override directory:
	 * {@code file}, mode, owner, SHA-256, separators and the longest user name.
	 */
	private static final int MANIFEST_LINE = 4 + 4 + 32 + 64 + 5 + 32 + 8;

	/** Bytes gzip compresses and writes at a time. */
	private static final int BUFFER = 64 * 1024;

	private static final Set<String> RESERVED = Set.of(MANIFEST, SIGNATURE, BundleScripts.INSTALL,
			BundleScripts.ROLLBACK, BundleScripts.PULL);

	private final BundleContent content;

	private final BundleScripts scripts;

	private final SigningKey key;

	/**
	 * The manifest as it grows, in ASCII: sized for the files it will list, so that it is
	 * neither copied as it grows nor again to be written and signed.
	 */
	private final Manifest manifest;

	/**
	 * The paths of the files and links other than override files. Override files come in
	 * the order of their users, so one user twice shows as the same user again; they are
	 * not kept, and the manifest's lines are all the writer holds per file.
	 */
	private final Set<String> paths = new HashSet<>();

	private String previousUser;

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
		this.manifest = new Manifest(MANIFEST_BASE + (content.settingsFiles().size() + content.overrideCount())
				* (MANIFEST_LINE + content.overrideDirectory().length()));
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
	 * {@code progress}.
	 * @throws ConflictException when the release cannot be laid out safely (a path that
	 * is not strict, two files at one path, a file inside the sm.bin directory)
	 */
	void write(OutputStream out, Instant mtime, IntConsumer progress) throws IOException {
		this.mtime = mtime.toEpochMilli();
		this.progress = progress;
		header();
		GzipParameters gzip = new GzipParameters();
		gzip.setCompressionLevel(6);
		gzip.setBufferSize(BUFFER);
		GzipCompressorOutputStream compressed = new GzipCompressorOutputStream(new NonClosing(out), gzip);
		this.tar = new TarArchiveOutputStream(compressed, StandardCharsets.UTF_8.name());
		this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
		for (String name : List.of(BundleScripts.INSTALL, BundleScripts.ROLLBACK, BundleScripts.PULL)) {
			byte[] bytes = this.scripts.bytes(name);
			entry(name, 0755, bytes, bytes.length);
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
			file(path, file, true);
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
			inOrder(override.user());
			RenderedFile file = PolicyFiles.overrideFile(this.content.overrideDirectory(), override);
			try {
				// No other file lies in the override directory (checked above), and the
				// order shows each user once: the path is new.
				file(relative(file.path(), file.name()), file, false);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			files[0]++;
		});
		line("end", Integer.toString(files[0] + links));
		entry(MANIFEST, 0644, this.manifest.bytes, this.manifest.length);
		byte[] signature = this.key.sign(this.manifest.bytes, 0, this.manifest.length);
		entry(SIGNATURE, 0644, signature, signature.length);
		this.tar.finish();
		compressed.finish();
		compressed.flush();
	}

	private void header() {
		this.manifest.append(FORMAT_LINE);
		this.manifest.append('\n');
		line("policy", this.content.policy());
		line("version", Integer.toString(this.content.version()));
		line("content-sha256", this.content.contentHash());
		line("approved-by", (this.content.approvedBy() != null) ? this.content.approvedBy() : "-");
		line("published-at",
				(this.content.publishedAt() != null) ? FreshnessStatement.utc(this.content.publishedAt()) : "-");
		line("signing-key", this.key.fingerprint());
	}

	private void file(String path, RenderedFile file, boolean claim) throws IOException {
		if (claim) {
			claim(path);
		}
		byte[] bytes = file.bytes();
		entry(path, Integer.parseInt(file.mode(), 8), bytes, bytes.length);
		line("file", path, file.mode(), file.owner(), sha256(bytes));
		this.written++;
		this.progress.accept(this.written);
	}

	/**
	 * Checks that override files come in the order of their users ignoring case, then as
	 * written, each once: the order of {@link BundleContent.OverrideSource}.
	 */
	private void inOrder(String user) {
		if (this.previousUser != null && order(this.previousUser, user) >= 0) {
			throw refused("the override files of " + Rules.quote(this.previousUser) + " and " + Rules.quote(user)
					+ " come out of order or are one user's twice");
		}
		this.previousUser = user;
	}

	private static int order(String a, String b) {
		int ignoringCase = a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
		return (ignoringCase != 0) ? ignoringCase : a.compareTo(b);
	}

	private void claim(String path) {
		if (RESERVED.contains(path)) {
			throw refused("/" + path + " has the name of a file of the bundle itself");
		}
		if (!this.paths.add(path)) {
			throw refused("two files go to /" + path);
		}
	}

	private void entry(String name, int mode, byte[] bytes, int length) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL, true);
		entry.setSize(length);
		entry.setMode(mode);
		entry.setIds(0, 0);
		entry.setNames("root", "root");
		entry.setModTime(this.mtime);
		this.tar.putArchiveEntry(entry);
		this.tar.write(bytes, 0, length);
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
		for (int i = 0; i < fields.length; i++) {
			if (i > 0) {
				this.manifest.append('\t');
			}
			this.manifest.append(fields[i]);
		}
		this.manifest.append('\n');
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

	/** A growing buffer of ASCII text, written and signed where it lies. */
	private static final class Manifest {

		private byte[] bytes;

		private int length;

		Manifest(int capacity) {
			this.bytes = new byte[capacity];
		}

		void append(String ascii) {
			ensure(ascii.length());
			for (int i = 0; i < ascii.length(); i++) {
				this.bytes[this.length++] = (byte) ascii.charAt(i);
			}
		}

		void append(char c) {
			ensure(1);
			this.bytes[this.length++] = (byte) c;
		}

		private void ensure(int more) {
			if (this.length + more > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.length + more, this.bytes.length * 2));
			}
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
