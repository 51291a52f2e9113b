package org.smguard.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.policy.Forwards.OverrideFile;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.StockPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ForwardsArchive} reads a tar of the override directory as sendmail would read
 * the directory on the host: links lead to the content of the file they name, whatever
 * form of names GNU tar stored ({@code ./bob.forward},
 * {@code usr/local/etc/forwards/...}, {@code /usr/...} with {@code -P}); a link it cannot
 * follow is reported with the reason.
 */
class ForwardsArchiveTests {

	private static final Policy CURRENT = StockPolicy.debian();

	private static final String DIRECTORY = CURRENT.forwards().directory();

	private static final String BOB = "\\bob\nbob@elsewhere.example\n";

	@Test
	void followsLinksAsTheHostWouldInEveryFormGnuTarStoresNames(@TempDir Path dir) throws IOException {
		Path forwards = overrideDirectoryWithLinks(dir);
		String spelled = forwards.toString();
		Files.createSymbolicLink(forwards.resolve("kate.forward"), Path.of(spelled + "/bob.forward"));
		List<byte[]> archives = List.of(TestTar.gnuTar(dir, "-cf", "-C", spelled, "."),
				TestTar.gnuTar(dir, "-czf", "-C", spelled, "."), TestTar.gnuTar(dir, "-czf", spelled),
				TestTar.gnuTar(dir, "-Pczf", spelled), TestTar.gnuTar(dir, "-cf", "forwards"));
		for (int i = 0; i < archives.size(); i++) {
			Result result = read(archives.get(i));
			List<OverrideFile> expected = new ArrayList<>(List.of(new OverrideFile("bob", BOB),
					new OverrideFile("carol", BOB), new OverrideFile("dave", BOB), new OverrideFile("erin", BOB),
					new OverrideFile("frank", BOB), new OverrideFile("ivan", BOB), new OverrideFile("lena", "")));
			// kate's absolute link names the directory by its full path here, which only
			// an archive whose names spell that path (tar -czf x.tgz /path) tells.
			boolean spellsFullPath = i == 2 || i == 3;
			if (spellsFullPath) {
				expected.add(new OverrideFile("kate", BOB));
			}
			assertThat(result.overrides()).as("archive %d", i).containsExactlyInAnyOrderElementsOf(expected);
			assertThat(result.ignored())
				.anySatisfy((line) -> assertThat(line).contains("gina.forward' is a symbolic link"
						+ " to '/home/gina/.forward', which is outside the archived directory (/usr/local/etc/forwards)"));
			assertThat(result.ignored()).anySatisfy((line) -> assertThat(line)
				.contains("hank.forward' is a symbolic link to 'sub', which is a directory, not a file"));
			assertThat(result.ignored()).anySatisfy((line) -> assertThat(line)
				.contains("judy.forward' is a symbolic link to 'nobody.forward', which is not in the archive"
						+ " (/usr/local/etc/forwards/nobody.forward): a dangling link"));
			assertThat(result.ignored()).anySatisfy((line) -> assertThat(line)
				.contains("loop1.forward' is a symbolic link to 'loop2.forward', which leads through more than 40"
						+ " symbolic links (a loop)"));
			assertThat(result.taken()).singleElement()
				.satisfies((line) -> assertThat(line).startsWith("forwards: " + expected.size() + " override files")
					.contains("1 regular file", "through symbolic links", "1 through a hard link",
							"not taken: " + (spellsFullPath ? 5 : 6) + " unresolved symbolic links"));
		}
	}

	/**
	 * bob's file and links to it of every kind; lena's link reaches her file through a
	 * linked subdirectory.
	 */
	private static Path overrideDirectoryWithLinks(Path dir) throws IOException {
		Path forwards = Files.createDirectories(dir.resolve("forwards"));
		Files.writeString(forwards.resolve("bob.forward"), BOB);
		Files.createSymbolicLink(forwards.resolve("carol.forward"), Path.of("bob.forward"));
		Files.createSymbolicLink(forwards.resolve("dave.forward"), Path.of("./bob.forward"));
		Files.createSymbolicLink(forwards.resolve("erin.forward"), Path.of(DIRECTORY + "/bob.forward"));
		Files.createLink(forwards.resolve("frank.forward"), forwards.resolve("bob.forward"));
		Files.createSymbolicLink(forwards.resolve("gina.forward"), Path.of("/home/gina/.forward"));
		Files.createDirectories(forwards.resolve("sub"));
		Files.createSymbolicLink(forwards.resolve("hank.forward"), Path.of("sub"));
		Files.createSymbolicLink(forwards.resolve("ivan.forward"), Path.of("../forwards/bob.forward"));
		Files.createSymbolicLink(forwards.resolve("judy.forward"), Path.of("nobody.forward"));
		Files.createSymbolicLink(forwards.resolve("loop1.forward"), Path.of("loop2.forward"));
		Files.createSymbolicLink(forwards.resolve("loop2.forward"), Path.of("loop1.forward"));
		Files.writeString(forwards.resolve("sub/lena"), "");
		Files.createSymbolicLink(forwards.resolve("linked"), Path.of("sub"));
		Files.createSymbolicLink(forwards.resolve("lena.forward"), Path.of("linked/lena"));
		return forwards;
	}

	@Test
	void takesTheFilesTarHStoredInPlaceOfTheLinks(@TempDir Path dir) throws IOException {
		Path forwards = Files.createDirectories(dir.resolve("forwards"));
		Files.writeString(forwards.resolve("bob.forward"), BOB);
		Files.createSymbolicLink(forwards.resolve("carol.forward"), Path.of("bob.forward"));
		Files.createSymbolicLink(forwards.resolve("dave.forward"), Path.of("bob.forward"));
		Result result = read(TestTar.gnuTar(dir, "-hcf", "-C", forwards.toString(), "."));
		assertThat(result.overrides()).containsExactlyInAnyOrder(new OverrideFile("bob", BOB),
				new OverrideFile("carol", BOB), new OverrideFile("dave", BOB));
		assertThat(result.ignored()).isEmpty();
	}

	@Test
	void takesTheLastCopyOfANameArchivedTwice(@TempDir Path dir) throws IOException {
		Path forwards = Files.createDirectories(dir.resolve("forwards"));
		Files.writeString(forwards.resolve("bob.forward"), "old\n");
		TestTar.gnuTar(dir, "-cf", "-C", forwards.toString(), "bob.forward");
		Files.writeString(forwards.resolve("bob.forward"), "new\n");
		Result result = read(TestTar.gnuTar(dir, "-rf", "-C", forwards.toString(), "bob.forward"));
		assertThat(result.overrides()).containsExactly(new OverrideFile("bob", "new\n"));
		assertThat(result.ignored()).containsExactly("forwards: 'bob.forward' appears more than once in the archive:"
				+ " the last copy was taken, as tar extracts it");
	}

	@Test
	void reportsHardLinksItCannotFollowAndEndsCraftedLoops() {
		Result result = read(new TestTar().file("bob.forward", "bob\n")
			.hardLink("carol.forward", "nobody.forward")
			.hardLink("dave.forward", "erin.forward")
			.symlink("erin.forward", "dave.forward")
			.symlink("frank.forward", "../../../../etc/passwd")
			.file("../gina.forward", "x\n")
			.tar());
		assertThat(result.overrides()).containsExactly(new OverrideFile("bob", "bob\n"));
		assertThat(result.ignored()).contains(
				"forwards: 'carol.forward' is a hard link to 'nobody.forward', which is not in the archive: its content"
						+ " is unknown",
				"forwards: '../gina.forward' has a '..' in its name, which tar does not extract");
		assertThat(result.ignored())
			.anySatisfy((line) -> assertThat(line).startsWith("forwards: 'dave.forward'").contains("(a loop)"));
		assertThat(result.ignored()).anySatisfy((line) -> assertThat(line)
			.startsWith("forwards: 'frank.forward' is a symbolic link to '../../../../etc/passwd', which is outside"));
	}

	@Test
	void saysWhyNothingWasTakenFromAnArchiveWithEntries() {
		Result result = read(new TestTar().directory("forwards")
			.file("forwards/README", "x")
			.file("forwards/old/bob.forward", "")
			.symlink("forwards/carol.forward", "/home/carol/.forward")
			.tgz());
		assertThat(result.overrides()).isEmpty();
		assertThat(result.taken()).containsExactly("forwards: 0 override files, although the archive holds 3 files"
				+ " and links in 'forwards': 1 other name, 1 entry in a subdirectory, 1 unresolved symbolic link");
		assertThat(read(new TestTar().directory("forwards").tgz()).taken())
			.containsExactly("forwards: 0 override files: the archive holds no file or link in 'forwards'");
	}

	@Test
	void listsTheFirst20IgnoredEntriesAndCountsTheRestWithNamesCut() {
		TestTar tar = new TestTar().file("bob.forward", "");
		String longName = "n".repeat(900);
		for (int i = 0; i < 1000; i++) {
			tar.file(longName + i, "");
		}
		Result result = read(tar.tgz());
		assertThat(result.ignored()).hasSize(PartReport.MAX_IGNORED + 1);
		assertThat(result.ignored().get(0))
			.isEqualTo("forwards: '" + "n".repeat(100) + "…' is not a <user>.forward file");
		assertThat(result.ignored().get(PartReport.MAX_IGNORED))
			.isEqualTo("forwards: and 980 more ignored (only the first 20 are listed)");
		assertThat(String.join("\n", result.ignored()).length()).isLessThan(5000);
	}

	@Test
	void refusesAnOverrideFileOver1MbAndOneALinkLeadsTo() {
		for (TestTar tar : List.of(new TestTar().zeros("bob.forward", UploadedTar.MAX_FILE_BYTES + 1),
				new TestTar().zeros("big", UploadedTar.MAX_FILE_BYTES + 1).symlink("bob.forward", "big"))) {
			UploadedTarTests.assertRefused(() -> read(tar.tgz()), "forwards",
					(message) -> assertThat(message).isEqualTo("'bob.forward' is 1,048,577 bytes long; an override file"
							+ " read from an archive may be at most 1,048,576 bytes (1 MB)"));
		}
	}

	@Test
	void refusesMoreOverrideFilesThanAPolicyMayHold() {
		TestTar tar = new TestTar();
		for (int i = 0; i <= Forwards.MAX_OVERRIDES; i++) {
			tar.file("u" + i + ".forward", "");
		}
		UploadedTarTests.assertRefused(() -> read(tar.tgz()), "forwards", (message) -> assertThat(message)
			.isEqualTo("holds more than 100,000 override files; at most 100,000 override files are allowed"));
	}

	@Test
	void refusesAnOverrideThatIsNotUtf8WithoutEchoingTheWholeName() {
		String name = "x".repeat(500) + ".forward";
		byte[] latin1 = { 'c', 'a', 'f', (byte) 0xe9, '\n' };
		UploadedTarTests.assertRefused(() -> read(new TestTar().file(name, latin1).tgz()), "forwards",
				(message) -> assertThat(message).isEqualTo("'" + "x".repeat(100) + "…' is not UTF-8 (or ASCII) text"));
	}

	record Result(List<OverrideFile> overrides, List<String> taken, List<String> ignored) {
	}

	static Result read(byte[] archive) {
		List<String> taken = new ArrayList<>();
		List<String> ignored = new ArrayList<>();
		Policy policy = ForwardsArchive.read(CURRENT, archive, taken, ignored);
		assertThat(policy.forwards().directory()).isEqualTo(DIRECTORY);
		return new Result(policy.forwards().overrides(), taken, ignored);
	}

}
