package org.smguard.importer;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import org.smguard.validation.Rules;
import org.smguard.validation.ValidationException;

/**
 * Reads the entries of an uploaded tar archive, gzip-compressed or not, with Apache
 * Commons Compress and within fixed limits. Nothing touches the file system: names are
 * data here, never paths to write to.
 * <p>
 * gzip is recognised by its magic bytes and decompressed once, as a stream, while the tar
 * entries are read; the upload is never decompressed into memory whole. An archive that
 * breaks a limit is refused with a message that names the limit, so a small upload cannot
 * make the console decompress, keep or answer without bound:
 * <ul>
 * <li>at most {@value #MAX_BYTES} bytes (256 MB) once decompressed, counted as they come
 * out of gzip;</li>
 * <li>at most {@value #MAX_ENTRIES} entries;</li>
 * <li>names and link targets of at most {@value #MAX_NAME_LENGTH} characters, and at most
 * {@value #MAX_HEADER_BYTES} bytes (1 MB) of headers per entry (GNU long names, pax
 * records, sparse maps), which bounds what is read before a name can be checked;</li>
 * <li>a file whose content is kept at most {@value #MAX_FILE_BYTES} bytes (1 MB): the
 * content of a larger file is dropped and the caller decides, with {@link Entry#size()},
 * whether that is an error.</li>
 * </ul>
 */
final class UploadedTar {

	static final long MAX_BYTES = 256L * 1024 * 1024;

	static final int MAX_ENTRIES = 120_000;

	static final int MAX_NAME_LENGTH = 1024;

	static final int MAX_HEADER_BYTES = 1024 * 1024;

	static final int MAX_FILE_BYTES = 1024 * 1024;

	private static final int BLOCK = 512;

	private UploadedTar() {
	}

	enum Type {

		FILE, DIRECTORY, SYMLINK, HARD_LINK, OTHER

	}

	/**
	 * One member of the archive.
	 *
	 * @param name the name as stored (for messages)
	 * @param path the name without a leading {@code /}, {@code ./}, empty or {@code .}
	 * segments and trailing {@code /} ({@code ""} for the top directory itself), or
	 * {@code null} when it has a {@code ..} segment, which tar refuses to extract
	 * @param link the target of a symbolic link or hard link as stored, else {@code null}
	 * @param size the size of a file's content
	 * @param content a kept file's content, or {@code null}
	 */
	record Entry(String name, String path, Type type, String link, long size, byte[] content) {

		/** Whether this file's content was dropped for its size. */
		boolean tooLarge() {
			return this.type == Type.FILE && this.content == null && this.size > MAX_FILE_BYTES;
		}

	}

	/**
	 * Whether {@code data} is to be read as an archive: gzip-compressed, or a tar with a
	 * ustar (POSIX or GNU) header, or an empty tar (a block of zeros).
	 */
	static boolean isArchive(byte[] data) {
		return isGzip(data) || looksLikeTar(data, Math.min(data.length, BLOCK));
	}

	private static boolean isGzip(byte[] data) {
		return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
	}

	private static boolean looksLikeTar(byte[] block, int length) {
		if (TarArchiveInputStream.matches(block, length)) {
			return true;
		}
		if (length < BLOCK) {
			return false;
		}
		for (int i = 0; i < BLOCK; i++) {
			if (block[i] != 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The entries of the archive in their order.
	 * @param part the upload part, named in every refusal
	 * @param keepContents whether to keep the content of files of at most
	 * {@value #MAX_FILE_BYTES} bytes
	 */
	static List<Entry> read(String part, byte[] data, boolean keepContents) {
		boolean gzip = isGzip(data);
		try (Limited limited = new Limited(gzip ? new GzipCompressorInputStream(new ByteArrayInputStream(data), true)
				: new ByteArrayInputStream(data));
				PushbackInputStream plain = new PushbackInputStream(limited, BLOCK)) {
			byte[] first = plain.readNBytes(BLOCK);
			if (!looksLikeTar(first, first.length)) {
				throw new ValidationException(part, gzip ? "is gzip-compressed, but what it holds is not a tar archive"
						: "is not a tar archive (optionally gzip-compressed)");
			}
			plain.unread(first);
			return entries(part, new TarArchiveInputStream(plain, StandardCharsets.UTF_8.name()), limited,
					keepContents);
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof ValidationException validation) {
				throw validation;
			}
			LimitException limit = limit(ex);
			if (limit != null) {
				throw new ValidationException(part, limit.getMessage());
			}
			// Commons Compress reports malformed input with IOException and, at times,
			// with unchecked exceptions; neither may escape as a 500.
			throw new ValidationException(part,
					(gzip ? "is not a readable gzip-compressed tar archive: " : "is not a readable tar archive: ")
							+ PartReport.shorten(String.valueOf(ex.getMessage())));
		}
	}

	private static List<Entry> entries(String part, TarArchiveInputStream tar, Limited limited, boolean keepContents)
			throws IOException {
		List<Entry> entries = new ArrayList<>();
		while (true) {
			// Everything getNextEntry reads (padding, headers, long names, pax records,
			// sparse maps) counts against one entry's header budget.
			limited.startHeader();
			TarArchiveEntry entry = tar.getNextEntry();
			limited.endHeader();
			if (entry == null) {
				return entries;
			}
			if (entries.size() == MAX_ENTRIES) {
				throw new LimitException(
						"holds more than " + Rules.count(MAX_ENTRIES) + " entries, the limit for an archive");
			}
			String name = entry.getName();
			checkLength("an entry name", name);
			Type type = type(entry);
			String link = (type == Type.SYMLINK || type == Type.HARD_LINK) ? entry.getLinkName() : null;
			if (link != null) {
				checkLength("a link target", link);
			}
			long size = (type == Type.FILE) ? entry.getRealSize() : 0;
			byte[] content = null;
			if (keepContents && type == Type.FILE && size <= MAX_FILE_BYTES) {
				content = new byte[(int) size];
				if (tar.readNBytes(content, 0, content.length) != content.length) {
					throw new IOException("truncated tar archive: " + PartReport.quote(name) + " ends early");
				}
			}
			entries.add(new Entry(name, path(name), type, link, size, content));
			// Skip the rest of the data here, outside the header budget.
			while (tar.skip(Long.MAX_VALUE) > 0) {
				// skip returns 0 at the end of the entry's data
			}
		}
	}

	private static void checkLength(String what, String value) throws LimitException {
		if (value.length() > MAX_NAME_LENGTH) {
			throw new LimitException("holds " + what + " of " + Rules.count(value.length()) + " characters ("
					+ PartReport.quote(value) + "); names and link targets may be at most "
					+ Rules.count(MAX_NAME_LENGTH) + " characters");
		}
	}

	private static Type type(TarArchiveEntry entry) {
		if (entry.isSymbolicLink()) {
			return Type.SYMLINK;
		}
		if (entry.isLink()) {
			return Type.HARD_LINK;
		}
		if (entry.isDirectory()) {
			return Type.DIRECTORY;
		}
		if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
			return Type.OTHER;
		}
		return entry.isFile() ? Type.FILE : Type.OTHER;
	}

	/**
	 * A member name as a relative path: {@code /usr/x}, {@code ./usr//x/} and
	 * {@code usr/./x} are all {@code usr/x}; {@code null} when a segment is {@code ..}.
	 */
	static String path(String name) {
		List<String> segments = new ArrayList<>();
		for (String segment : name.split("/")) {
			if (segment.equals("..")) {
				return null;
			}
			if (!segment.isEmpty() && !segment.equals(".")) {
				segments.add(segment);
			}
		}
		return String.join("/", segments);
	}

	/**
	 * The archived directory: the deepest directory that holds every entry, whether the
	 * archive holds the directory's contents ({@code tar -C dir -cf x.tar .}), the
	 * directory itself ({@code tar -cf x.tar dir}) or the directory with its full path
	 * ({@code tar -czf x.tgz /usr/local/etc/forwards}, with or without {@code -P}).
	 * {@code ""} is the top of the archive.
	 */
	static String directory(List<Entry> entries) {
		String directory = null;
		for (Entry entry : entries) {
			if (entry.path() == null) {
				continue;
			}
			String holder = (entry.type() == Type.DIRECTORY) ? entry.path() : parent(entry.path());
			directory = (directory == null) ? holder : common(directory, holder);
		}
		return (directory != null) ? directory : "";
	}

	/** {@code path} relative to {@code directory}, which holds it. */
	static String relative(String path, String directory) {
		if (directory.isEmpty()) {
			return path;
		}
		return path.equals(directory) ? "" : path.substring(directory.length() + 1);
	}

	static String parent(String path) {
		int slash = path.lastIndexOf('/');
		return (slash >= 0) ? path.substring(0, slash) : "";
	}

	private static String common(String a, String b) {
		String[] left = a.split("/");
		String[] right = b.split("/");
		StringBuilder common = new StringBuilder();
		for (int i = 0; i < Math.min(left.length, right.length) && left[i].equals(right[i]); i++) {
			if (left[i].isEmpty()) {
				break;
			}
			common.append((common.length() > 0) ? "/" : "").append(left[i]);
		}
		return common.toString();
	}

	private static LimitException limit(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof LimitException limit) {
				return limit;
			}
		}
		return null;
	}

	/** A limit of this class was broken; the message says which. */
	private static final class LimitException extends IOException {

		LimitException(String message) {
			super(message);
		}

	}

	/**
	 * Counts the decompressed bytes: all of them against {@link #MAX_BYTES}, and those
	 * read while one entry's headers are read against {@link #MAX_HEADER_BYTES}.
	 */
	private static final class Limited extends FilterInputStream {

		private long total;

		private long headerStart = -1;

		Limited(InputStream in) {
			super(in);
		}

		void startHeader() {
			this.headerStart = this.total;
		}

		void endHeader() {
			this.headerStart = -1;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(n);
			if (skipped > 0) {
				count(skipped);
			}
			return skipped;
		}

		private void count(long n) throws LimitException {
			this.total += n;
			if (this.total > MAX_BYTES) {
				throw new LimitException("decompresses to more than " + Rules.count(MAX_BYTES)
						+ " bytes (256 MB), the limit for an archive");
			}
			if (this.headerStart >= 0 && this.total - this.headerStart > MAX_HEADER_BYTES) {
				throw new LimitException("holds an entry whose tar headers (long names, pax records) take more than "
						+ Rules.count(MAX_HEADER_BYTES) + " bytes (1 MB), the limit for one entry");
			}
		}

	}

}
