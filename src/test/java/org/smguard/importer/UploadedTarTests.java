package org.smguard.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.importer.UploadedTar.Entry;
import org.smguard.importer.UploadedTar.Type;
import org.smguard.validation.ValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link UploadedTar} reads what GNU tar writes, plain or gzip-compressed, and refuses
 * archives beyond its limits with a short message that names the part and the limit: a
 * gzip bomb, a name of megabytes, too many entries.
 */
class UploadedTarTests {

	@Test
	void readsTheMembersGnuTarWritesPlainOrGzipped(@TempDir Path dir) throws IOException {
		Path smrsh = Files.createDirectories(dir.resolve("smrsh"));
		Files.writeString(smrsh.resolve("notes"), "a plain file\n");
		Files.createLink(smrsh.resolve("notes2"), smrsh.resolve("notes"));
		Files.createSymbolicLink(smrsh.resolve("vacation"), Path.of("/usr/bin/vacation"));
		Files.createDirectories(smrsh.resolve("old"));
		for (String options : List.of("-cf", "-czf")) {
			List<Entry> entries = UploadedTar.read("smbin", TestTar.gnuTar(dir, options, "-C", "smrsh", "."), true);
			assertThat(entries).extracting(Entry::path)
				.containsExactlyInAnyOrder("", "notes", "notes2", "vacation", "old");
			Entry link = entries.stream().filter((e) -> e.path().equals("vacation")).findFirst().orElseThrow();
			assertThat(link.type()).isEqualTo(Type.SYMLINK);
			assertThat(link.link()).isEqualTo("/usr/bin/vacation");
			assertThat(link.name()).isEqualTo("./vacation");
			assertThat(entries).filteredOn((e) -> e.type() == Type.HARD_LINK)
				.singleElement()
				.satisfies((e) -> assertThat(e.link()).isIn("./notes", "./notes2"));
			assertThat(entries).filteredOn((e) -> e.type() == Type.FILE)
				.singleElement()
				.satisfies(
						(e) -> assertThat(new String(e.content(), StandardCharsets.UTF_8)).isEqualTo("a plain file\n"));
			assertThat(entries).filteredOn((e) -> e.path().equals("old"))
				.singleElement()
				.satisfies((e) -> assertThat(e.type()).isEqualTo(Type.DIRECTORY));
		}
	}

	@Test
	void findsTheArchivedDirectoryWhateverTheNamesLookLike(@TempDir Path dir) throws IOException {
		Path forwards = Files.createDirectories(dir.resolve("forwards"));
		Files.writeString(forwards.resolve("bob.forward"), "");
		Files.createDirectories(forwards.resolve("old"));
		Files.writeString(forwards.resolve("old/carol.forward"), "");
		String absolute = forwards.toString().substring(1);
		assertThat(directory(TestTar.gnuTar(dir, "-cf", "-C", forwards.toString(), "."))).isEmpty();
		assertThat(directory(TestTar.gnuTar(dir, "-cf", "forwards"))).isEqualTo("forwards");
		assertThat(directory(TestTar.gnuTar(dir, "-czf", forwards.toString()))).isEqualTo(absolute);
		assertThat(directory(TestTar.gnuTar(dir, "-Pczf", forwards.toString()))).isEqualTo(absolute);
		assertThat(directory(TestTar.gnuTar(dir, "-cf", "forwards/old/carol.forward"))).isEqualTo("forwards/old");
		assertThat(directory(TestTar.gnuTar(dir, "-cf", "forwards/bob.forward", "forwards/old/carol.forward")))
			.isEqualTo("forwards");
		assertThat(directory(new TestTar().file("a", "").file("b/c", "").tar())).isEmpty();
	}

	private static String directory(byte[] tar) {
		return UploadedTar.directory(UploadedTar.read("forwards", tar, false));
	}

	@Test
	void normalizesNamesAndMarksThoseWithDotDot() {
		assertThat(UploadedTar.path("./a//b/./c/")).isEqualTo("a/b/c");
		assertThat(UploadedTar.path("/etc/mail/smrsh/")).isEqualTo("etc/mail/smrsh");
		assertThat(UploadedTar.path("./")).isEmpty();
		assertThat(UploadedTar.path("a/../../etc/passwd")).isNull();
	}

	@Test
	void refusesAGzipBombAtTheDecompressedLimit() {
		byte[] bomb = new TestTar().zeros("bob.forward", UploadedTar.MAX_BYTES + 1024 * 1024).tgz();
		assertThat(bomb.length).isLessThan(1024 * 1024);
		for (String part : List.of("forwards", "smbin")) {
			assertRefused(() -> UploadedTar.read(part, bomb, part.equals("forwards")), part,
					(message) -> assertThat(message)
						.isEqualTo("decompresses to more than 268,435,456 bytes (256 MB), the limit for an archive"));
		}
	}

	@Test
	void keepsFilesUpTo1MbAndDropsTheContentOfLargerOnes() {
		List<Entry> entries = UploadedTar.read("forwards",
				new TestTar().zeros("fits", UploadedTar.MAX_FILE_BYTES)
					.zeros("large", UploadedTar.MAX_FILE_BYTES + 1)
					.tgz(),
				true);
		assertThat(entries.get(0).content()).hasSize(UploadedTar.MAX_FILE_BYTES);
		assertThat(entries.get(0).tooLarge()).isFalse();
		assertThat(entries.get(1).content()).isNull();
		assertThat(entries.get(1).tooLarge()).isTrue();
		assertThat(entries.get(1).size()).isEqualTo(UploadedTar.MAX_FILE_BYTES + 1);
	}

	@Test
	void acceptsNamesOf1024CharactersAndRefusesLongerOnesWithoutEchoingThem() {
		String fits = "a".repeat(UploadedTar.MAX_NAME_LENGTH);
		assertThat(UploadedTar.read("forwards", new TestTar().file(fits, "").tgz(), true)).extracting(Entry::path)
			.containsExactly(fits);
		for (TestTar tar : List.of(new TestTar(), new TestTar().pax())) {
			String name = "b".repeat(UploadedTar.MAX_NAME_LENGTH + 1);
			assertRefused(() -> UploadedTar.read("forwards", tar.file(name, "").tgz(), true), "forwards",
					(message) -> assertThat(message)
						.startsWith("holds an entry name of 1,025 characters ('" + "b".repeat(100) + "…')")
						.endsWith("names and link targets may be at most 1,024 characters")
						.hasSizeLessThan(300));
		}
		String target = "/" + "c".repeat(UploadedTar.MAX_NAME_LENGTH);
		assertRefused(() -> UploadedTar.read("smbin", new TestTar().symlink("vacation", target).tar(), false), "smbin",
				(message) -> assertThat(message).startsWith("holds a link target of 1,025 characters"));
	}

	@Test
	void refusesANameOfMegabytesWhileReadingItsHeader() {
		// The upload that once made a 210 MB answer: a name that compresses to nothing.
		String name = "x".repeat(20 * 1024 * 1024);
		for (TestTar tar : List.of(new TestTar().fileWithGnuLongName(name, ""),
				new TestTar().fileWithPaxName(name, ""))) {
			byte[] upload = tar.tgz();
			assertThat(upload.length).isLessThan(100 * 1024);
			assertRefused(() -> UploadedTar.read("forwards", upload, true), "forwards",
					(message) -> assertThat(message).isEqualTo("holds an entry whose tar headers (long names, pax"
							+ " records) take more than 1,048,576 bytes (1 MB), the limit for one entry"));
		}
	}

	@Test
	void readsNamesFromRawGnuAndPaxRecords() {
		String name = "d".repeat(300) + "/bob.forward";
		for (TestTar tar : List.of(new TestTar().fileWithGnuLongName(name, "x"),
				new TestTar().fileWithPaxName(name, "x"))) {
			assertThat(UploadedTar.read("forwards", tar.tar(), true)).extracting(Entry::path).containsExactly(name);
		}
	}

	@Test
	void readsAt120000EntriesAndRefusesOneMore() {
		TestTar tar = new TestTar();
		for (int i = 0; i < UploadedTar.MAX_ENTRIES; i++) {
			tar.file("f" + i, "");
		}
		byte[] atLimit = tar.tar();
		assertThat(UploadedTar.read("forwards", atLimit, true)).hasSize(UploadedTar.MAX_ENTRIES);
		// The last (empty) file once more, where the end-of-archive blocks begin.
		int end = atLimit.length;
		while (end >= 512 && Arrays.equals(Arrays.copyOfRange(atLimit, end - 512, end), new byte[512])) {
			end -= 512;
		}
		byte[] oneMore = Arrays.copyOf(atLimit, end + 512 + 1024);
		System.arraycopy(atLimit, end - 512, oneMore, end, 512);
		assertRefused(() -> UploadedTar.read("forwards", oneMore, true), "forwards", (message) -> assertThat(message)
			.isEqualTo("holds more than 120,000 entries, the limit for an archive"));
	}

	@Test
	void readsAnEmptyArchive() {
		assertThat(UploadedTar.isArchive(new byte[10240])).isTrue();
		assertThat(UploadedTar.read("forwards", new byte[10240], true)).isEmpty();
	}

	@Test
	void refusesWhatIsNotATarArchiveNamingThePart() {
		byte[] text = "bob.forward\nalice.forward\n".getBytes(StandardCharsets.UTF_8);
		assertThat(UploadedTar.isArchive(text)).isFalse();
		assertRefused(() -> UploadedTar.read("forwards", text, true), "forwards",
				(message) -> assertThat(message).isEqualTo("is not a tar archive (optionally gzip-compressed)"));
		byte[] notTar = gzip("just some text, not a tar archive\n".repeat(30));
		assertRefused(() -> UploadedTar.read("smbin", notTar, false), "smbin", (message) -> assertThat(message)
			.isEqualTo("is gzip-compressed, but what it holds is not a tar archive"));
	}

	@Test
	void refusesACorruptGzipOrATruncatedArchive() {
		byte[] tgz = new TestTar().file("bob.forward", "bob@example.org\n".repeat(1000)).tgz();
		byte[] corrupt = Arrays.copyOf(tgz, tgz.length);
		for (int i = 20; i < corrupt.length - 8; i++) {
			corrupt[i] ^= 0x5a;
		}
		assertRefused(() -> UploadedTar.read("forwards", corrupt, true), "forwards",
				(message) -> assertThat(message).startsWith("is not a readable gzip-compressed tar archive: "));
		byte[] tar = new TestTar().file("bob.forward", "bob@example.org\n".repeat(1000)).tar();
		byte[] truncated = Arrays.copyOf(tar, 512 + 4000);
		assertRefused(() -> UploadedTar.read("forwards", truncated, true), "forwards",
				(message) -> assertThat(message).startsWith("is not a readable tar archive: "));
	}

	private static byte[] gzip(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static void assertRefused(Runnable read, String part, Consumer<String> message) {
		assertThatExceptionOfType(ValidationException.class).isThrownBy(read::run)
			.satisfies((ex) -> assertThat(ex.violations()).singleElement().satisfies((violation) -> {
				assertThat(violation.field()).isEqualTo(part);
				message.accept(violation.message());
			}));
	}

}
