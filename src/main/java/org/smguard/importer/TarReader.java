package org.smguard.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.smguard.validation.ValidationException;

/**
 * Reads the entries of a tar archive (ustar, GNU long names, pax path records;
 * gzip-compressed or not) without touching the file system: names are data here, never
 * paths to write to.
 */
final class TarReader {

	private static final int BLOCK = 512;

	private TarReader() {
	}

	enum Type {

		FILE, SYMLINK, DIRECTORY, OTHER

	}

	record Entry(String name, Type type, String linkTarget, byte[] content) {
	}

	static boolean looksLikeTar(byte[] data) {
		byte[] plain = data;
		try {
			plain = gunzipIfNeeded(data);
		}
		catch (IOException ex) {
			return false;
		}
		return plain.length >= BLOCK && new String(plain, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
	}

	static List<Entry> read(String part, byte[] data) {
		byte[] tar;
		try {
			tar = gunzipIfNeeded(data);
		}
		catch (IOException ex) {
			throw new ValidationException(part, "is not a readable gzip file: " + ex.getMessage());
		}
		List<Entry> entries = new ArrayList<>();
		String longName = null;
		String longLink = null;
		int offset = 0;
		while (offset + BLOCK <= tar.length) {
			byte[] header = Arrays.copyOfRange(tar, offset, offset + BLOCK);
			if (isZero(header)) {
				break;
			}
			if (!new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
				throw new ValidationException(part, "is not a tar archive (no ustar header at byte " + offset + ")");
			}
			long size = octal(header, 124, 12, part);
			char type = (char) header[156];
			int dataStart = offset + BLOCK;
			if (size < 0 || dataStart + size > tar.length) {
				throw new ValidationException(part, "is a truncated tar archive");
			}
			byte[] content = Arrays.copyOfRange(tar, dataStart, dataStart + (int) size);
			offset = dataStart + (int) ((size + BLOCK - 1) / BLOCK) * BLOCK;
			if (type == 'L') {
				longName = cString(content, 0, content.length);
				continue;
			}
			if (type == 'K') {
				longLink = cString(content, 0, content.length);
				continue;
			}
			if (type == 'x') {
				for (String record : new String(content, StandardCharsets.UTF_8).split("\n")) {
					int space = record.indexOf(' ');
					String keyValue = (space >= 0) ? record.substring(space + 1) : record;
					if (keyValue.startsWith("path=")) {
						longName = keyValue.substring(5);
					}
					else if (keyValue.startsWith("linkpath=")) {
						longLink = keyValue.substring(9);
					}
				}
				continue;
			}
			if (type == 'g') {
				continue;
			}
			String name = (longName != null) ? longName : fullName(header);
			String link = (longLink != null) ? longLink : cString(header, 157, 100);
			longName = null;
			longLink = null;
			Type kind = switch (type) {
				case '0', '\0', '7' -> Type.FILE;
				case '2' -> Type.SYMLINK;
				case '5' -> Type.DIRECTORY;
				default -> Type.OTHER;
			};
			entries.add(new Entry(name, kind, (kind == Type.SYMLINK) ? link : null, content));
		}
		return entries;
	}

	private static String fullName(byte[] header) {
		String name = cString(header, 0, 100);
		String prefix = cString(header, 345, 155);
		return prefix.isEmpty() ? name : prefix + "/" + name;
	}

	private static long octal(byte[] header, int offset, int length, String part) {
		String text = cString(header, offset, length).strip();
		if (text.isEmpty()) {
			return 0;
		}
		if (!text.matches("[0-7]+")) {
			throw new ValidationException(part, "has a tar header with a bad size field");
		}
		return Long.parseLong(text, 8);
	}

	private static String cString(byte[] bytes, int offset, int length) {
		int end = offset;
		while (end < offset + length && end < bytes.length && bytes[end] != 0) {
			end++;
		}
		return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
	}

	private static boolean isZero(byte[] block) {
		for (byte b : block) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

	private static byte[] gunzipIfNeeded(byte[] data) throws IOException {
		if (data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
			try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
				return in.readNBytes(256 * 1024 * 1024);
			}
		}
		return data;
	}

}
