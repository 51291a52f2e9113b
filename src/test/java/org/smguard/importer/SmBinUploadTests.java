package org.smguard.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.policy.Policy;
import org.smguard.policy.Smrsh.Program;
import org.smguard.policy.Smrsh;
import org.smguard.policy.StockPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SmBinUpload} takes smrsh's programs from the symbolic links of sm.bin, however
 * GNU tar stored the directory, and says what it found when it took nothing: a tar made
 * with {@code -h} holds copies whose origin nobody knows.
 */
class SmBinUploadTests {

	private static final Policy CURRENT = StockPolicy.debian();

	private static final List<Program> PROGRAMS = List.of(new Program("vacation", "/usr/bin/vacation"),
			new Program("procmail", "/usr/bin/procmail"), new Program("mail.local", "/etc/mail/smrsh/mail.local.real"));

	@Test
	void takesTheSymbolicLinksInEveryFormGnuTarStoresNames(@TempDir Path dir) throws IOException {
		Path smrsh = smBin(dir);
		for (byte[] archive : List.of(TestTar.gnuTar(dir, "-cf", "-C", smrsh.toString(), "."),
				TestTar.gnuTar(dir, "-czf", smrsh.toString()), TestTar.gnuTar(dir, "-Pczf", smrsh.toString()),
				TestTar.gnuTar(dir, "-cf", "smrsh"))) {
			Result result = read(archive);
			assertThat(result.programs()).containsExactlyInAnyOrderElementsOf(PROGRAMS);
			assertThat(result.taken()).singleElement()
				.satisfies((line) -> assertThat(line).startsWith("smbin: 3 programs from the symbolic links ")
					.endsWith("; not taken: 1 regular file, 1 hard link, 1 entry in a subdirectory"));
			assertThat(result.ignored()).anySatisfy((line) -> assertThat(line)
				.startsWith("smbin: 'mail.local.real' is a regular file: smrsh would run it, but it is a copy"));
			assertThat(result.ignored())
				.anySatisfy((line) -> assertThat(line).startsWith("smbin: 'local' is a hard link to ")
					.contains("mail.local.real"));
			assertThat(result.ignored()).anySatisfy((line) -> assertThat(line)
				.endsWith("old/sh' is in a subdirectory: smrsh runs only programs directly in /etc/mail/smrsh"));
		}
	}

	/**
	 * Three links (one relative, one to a file in sm.bin), a real file with a hard link
	 * to it, and a link in a subdirectory.
	 */
	private static Path smBin(Path dir) throws IOException {
		Path smrsh = Files.createDirectories(dir.resolve("smrsh"));
		Files.createSymbolicLink(smrsh.resolve("vacation"), Path.of("/usr/bin/vacation"));
		Files.createSymbolicLink(smrsh.resolve("procmail"), Path.of("../../../usr/bin/./procmail"));
		Files.writeString(smrsh.resolve("mail.local.real"), "#!/bin/sh\n");
		Files.createSymbolicLink(smrsh.resolve("mail.local"), Path.of("mail.local.real"));
		Files.createLink(smrsh.resolve("local"), smrsh.resolve("mail.local.real"));
		Files.createDirectories(smrsh.resolve("old"));
		Files.createSymbolicLink(smrsh.resolve("old/sh"), Path.of("/bin/sh"));
		return smrsh;
	}

	@Test
	void saysWhatATarMadeWithMinusHHoldsWhenNoProgramIsTaken(@TempDir Path dir) throws IOException {
		Path smrsh = Files.createDirectories(dir.resolve("smrsh"));
		Path real = Files.writeString(dir.resolve("vacation"), "#!/bin/sh\n");
		Files.createSymbolicLink(smrsh.resolve("vacation"), real);
		Files.createSymbolicLink(smrsh.resolve("vacation2"), real);
		Result result = read(TestTar.gnuTar(dir, "-hcf", "-C", smrsh.toString(), "."));
		assertThat(result.programs()).isEmpty();
		assertThat(result.taken()).containsExactly("smbin: 0 programs, although the archive holds 2 files and links at"
				+ " the top of the archive: 1 regular file, 1 hard link; smrsh programs are taken from symbolic links"
				+ " only");
		assertThat(read(new TestTar().directory("smrsh").tar()).taken())
			.containsExactly("smbin: 0 programs: the archive holds no file or link in 'smrsh'");
	}

	@Test
	void takesTheLastCopyOfALinkArchivedTwice() {
		Result result = read(new TestTar().symlink("vacation", "/usr/bin/vacation")
			.symlink("vacation", "/usr/local/bin/vacation")
			.tar());
		assertThat(result.programs()).containsExactly(new Program("vacation", "/usr/local/bin/vacation"));
		assertThat(result.ignored()).containsExactly("smbin: 'vacation' appears more than once in the archive: the last"
				+ " copy was taken, as tar extracts it");
	}

	@Test
	void saysWhatAnLsListingHoldsWhenNoProgramIsTaken() {
		Result result = read(("total 8\n-rwxr-xr-x 1 root root 10 Jan  1 00:00 vacation\n"
				+ "drwxr-xr-x 2 root root 4096 Jan  1 00:00 old\n")
			.getBytes(StandardCharsets.UTF_8));
		assertThat(result.programs()).isEmpty();
		assertThat(result.taken()).containsExactly("smbin: 0 programs, although the ls -l listing shows 2 entries: 1"
				+ " regular file, 1 subdirectory; smrsh programs are taken from symbolic links only");
	}

	@Test
	void refusesALineThatIsNotLsOutputWithoutEchoingAllOfIt() {
		String line = "garbage ".repeat(1000);
		UploadedTarTests.assertRefused(() -> read(line.getBytes(StandardCharsets.UTF_8)), "smbin",
				(message) -> assertThat(message).isEqualTo("line 1: '" + line.substring(0, 100) + "…' is not a line of"
						+ " ls -l output (or upload a tar of the directory)"));
		String tooLong = "lrwxrwxrwx 1 root root 4 Jan  1 00:00 x -> " + "/y".repeat(6000);
		UploadedTarTests.assertRefused(() -> read(tooLong.getBytes(StandardCharsets.UTF_8)), "smbin",
				(message) -> assertThat(message).startsWith("line 1 is longer than 10,000 characters"));
	}

	@Test
	void refusesMoreProgramsThanAPolicyMayHold() {
		TestTar tar = new TestTar();
		StringBuilder listing = new StringBuilder();
		for (int i = 0; i <= Smrsh.MAX_PROGRAMS; i++) {
			tar.symlink("p" + i, "/usr/bin/p" + i);
			listing.append("lrwxrwxrwx 1 root root 4 Jan  1 00:00 p")
				.append(i)
				.append(" -> /usr/bin/p")
				.append(i)
				.append('\n');
		}
		for (byte[] upload : List.of(tar.tgz(), listing.toString().getBytes(StandardCharsets.UTF_8))) {
			UploadedTarTests.assertRefused(() -> read(upload), "smbin", (message) -> assertThat(message)
				.isEqualTo("holds more than 10,000 programs; at most 10,000 programs are allowed"));
		}
	}

	record Result(List<Program> programs, List<String> taken, List<String> ignored) {
	}

	static Result read(byte[] upload) {
		List<String> taken = new ArrayList<>();
		List<String> ignored = new ArrayList<>();
		Policy policy = SmBinUpload.read(CURRENT, upload, taken, ignored);
		return new Result(policy.smrsh().programs(), taken, ignored);
	}

}
