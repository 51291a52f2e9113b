package org.smguard.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tar archives for tests: made by the real GNU tar from a directory ({@link #gnuTar}), or
 * written member by member with Commons Compress for what tar would never write (names of
 * any length, links to nothing, a huge entry).
 */
final class TestTar {

	private final List<Member> members = new ArrayList<>();

	private int longFileMode = TarArchiveOutputStream.LONGFILE_GNU;

	private record Member(String name, byte type, String link, byte[] content, long zeros) {
	}

	TestTar file(String name, String content) {
		return file(name, content.getBytes(StandardCharsets.UTF_8));
	}

	TestTar file(String name, byte[] content) {
		this.members.add(new Member(name, TarConstants.LF_NORMAL, null, content, 0));
		return this;
	}

	/** A file of {@code size} zero bytes, written without holding them. */
	TestTar zeros(String name, long size) {
		this.members.add(new Member(name, TarConstants.LF_NORMAL, null, new byte[0], size));
		return this;
	}

	TestTar directory(String name) {
		this.members.add(new Member(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, null, null, 0));
		return this;
	}

	TestTar symlink(String name, String target) {
		this.members.add(new Member(name, TarConstants.LF_SYMLINK, target, null, 0));
		return this;
	}

	TestTar hardLink(String name, String target) {
		this.members.add(new Member(name, TarConstants.LF_LINK, target, null, 0));
		return this;
	}

	/**
	 * A file whose name comes in a GNU long-name entry of its own, written as raw bytes:
	 * Commons Compress takes time quadratic in the length to write a long name itself.
	 */
	TestTar fileWithGnuLongName(String name, String content) {
		this.members.add(new Member("././@LongLink", TarConstants.LF_GNUTYPE_LONGNAME, null,
				(name + "\0").getBytes(StandardCharsets.UTF_8), 0));
		return file("short-name", content);
	}

	/** A file whose name comes in a pax {@code path} record, written as raw bytes. */
	TestTar fileWithPaxName(String name, String content) {
		int base = (" path=" + name + "\n").getBytes(StandardCharsets.UTF_8).length;
		int length = base + String.valueOf(base).length();
		if (String.valueOf(length).length() > String.valueOf(base).length()) {
			length++;
		}
		this.members.add(new Member("./PaxHeaders/short-name", TarConstants.LF_PAX_EXTENDED_HEADER_LC, null,
				(length + " path=" + name + "\n").getBytes(StandardCharsets.UTF_8), 0));
		return file("short-name", content);
	}

	/** Long names as pax {@code path} records instead of GNU long-name entries. */
	TestTar pax() {
		this.longFileMode = TarArchiveOutputStream.LONGFILE_POSIX;
		return this;
	}

	byte[] tar() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		write(out);
		return out.toByteArray();
	}

	byte[] tgz() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out)) {
			write(gzip);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private void write(OutputStream out) {
		try {
			TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
			tar.setLongFileMode(this.longFileMode);
			tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
			for (Member member : this.members) {
				TarArchiveEntry entry = new TarArchiveEntry(member.name(), member.type(), true);
				if (member.link() != null) {
					entry.setLinkName(member.link());
				}
				long size = (member.content() != null) ? member.content().length + member.zeros() : 0;
				entry.setSize(size);
				tar.putArchiveEntry(entry);
				if (member.content() != null) {
					tar.write(member.content());
					byte[] block = new byte[64 * 1024];
					for (long left = member.zeros(); left > 0; left -= block.length) {
						tar.write(block, 0, (int) Math.min(left, block.length));
					}
				}
				tar.closeArchiveEntry();
			}
			tar.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs GNU tar as {@code tar <options>
	 *
	<dir>
	 * /out.tar <files...>} in {@code dir}, e.g.
	 * {@code gnuTar(dir, "-czf", "-C", "forwards", ".")}, and returns the archive. The
	 * working directory receives tar's output files, so archive a directory below it.
	 */
	static byte[] gnuTar(Path dir, String options, String... files) {
		Path archive = dir.resolve("out.tar");
		List<String> command = new ArrayList<>(List.of("tar", options, archive.toString()));
		command.addAll(List.of(files));
		HostTools.Run run = HostTools.run(dir, "", command.toArray(String[]::new));
		assertThat(run.exitCode()).as(String.join(" ", command) + ": " + run.errors()).isZero();
		try {
			return Files.readAllBytes(archive);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
