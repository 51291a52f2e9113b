package org.smguard.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.policy.Policy;
import org.smguard.policy.Shells;
import org.smguard.policy.StockPolicy;
import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ShellsFile} reads {@code /etc/shells} as glibc's {@code getusershell()} does:
 * checked against the real glibc, which reads each file bound over {@code /etc/shells} in
 * a bubblewrap sandbox, on tricky lines and on generated ones.
 */
class ShellsFileTests {

	private static final Policy CURRENT = StockPolicy.debian();

	private static final String PROGRAM = """
			#include <stdio.h>
			#include <unistd.h>
			int main(void) {
				char *shell;
				setusershell();
				while ((shell = getusershell()) != NULL) {
					fputs(shell, stdout);
					putchar('\\n');
				}
				endusershell();
				return 0;
			}
			""";

	private static final List<String> TRICKY = List.of("/bin/sh # POSIX\n  /bin/bash\n",
			"#/bin/csh\nx#/bin/ksh\nno slash here\n\n\n", "junk/usr/bin/zsh extra words\n/bin/dash\r\n",
			"\t/bin/tcsh\t\n\u000b/bin/a\u000bb\n/bin/c\fd\n", "/bin/sh\n/bin/sh\n/bin/sh", "/\n/a#b\n//bin//sh/\n",
			"/bin/sh\n/", "/bin/a\0/bin/b\n/\0\n/bin/c\n", "/" + "x".repeat(10_000) + "\n/bin/sh\n",
			"/bin/caf\u00e9\n/usr/bin/\u00a0x\n", "", "\n", "#", "/SENDMAIL/ANY/SHELL/ # any\n");

	@Test
	void readsLinesTheWayGlibcDoes() {
		assertThat(shells("/bin/sh # POSIX\n  /bin/bash\n")).containsExactly("/bin/sh", "/bin/bash");
		assertThat(shells("#/bin/csh\nx#/bin/ksh\nno slash\n")).isEmpty();
		assertThat(shells("junk/usr/bin/zsh extra\n/bin/dash\r\n/bin/a#b\n")).containsExactly("/usr/bin/zsh",
				"/bin/dash", "/bin/a");
		assertThat(shells("/bin/a\u000bb\n/bin/c\fd\n/bin/e\tf\n")).containsExactly("/bin/a", "/bin/c", "/bin/e");
		assertThat(shells("/\n/")).containsExactly("/");
		assertThat(shells("/bin/a\0/bin/b\n/\0\n")).containsExactly("/bin/a");
	}

	@Test
	void agreesWithGlibcOnTrickyAndGeneratedFiles(@TempDir Path dir) throws IOException {
		HostTools.assumeExecutable(Path.of("/usr/bin/gcc"), "apt-get install gcc libc6-dev");
		HostTools.assumeExecutable(Path.of("/usr/bin/bwrap"), "apt-get install bubblewrap");
		Path source = Files.writeString(dir.resolve("getusershell.c"), PROGRAM);
		HostTools.Run gcc = HostTools.run(dir, "", "/usr/bin/gcc", "-o", "getusershell", source.toString());
		assertThat(gcc.exitCode()).as(gcc.errors()).isZero();
		List<byte[]> files = new ArrayList<>();
		TRICKY.forEach((file) -> files.add(file.getBytes(StandardCharsets.ISO_8859_1)));
		Random random = new Random(20251201);
		byte[] alphabet = { '/', '/', '/', '#', ' ', '\t', '\r', '\n', '\n', 0x0b, '\f', 0, 'a', 'b', (byte) 0xe9 };
		for (int i = 0; i < 150; i++) {
			ByteArrayOutputStream file = new ByteArrayOutputStream();
			for (int length = random.nextInt(60); length > 0; length--) {
				file.write(alphabet[random.nextInt(alphabet.length)]);
			}
			files.add(file.toByteArray());
		}
		for (byte[] file : files) {
			Path shells = Files.write(dir.resolve("shells"), file);
			HostTools.Run glibc = HostTools.run(dir, "", "/usr/bin/bwrap", "--ro-bind", "/", "/", "--ro-bind",
					shells.toString(), "/etc/shells", "--dev", "/dev", dir.resolve("getusershell").toString());
			assertThat(glibc.exitCode()).as(glibc.errors()).isZero();
			List<String> expected = glibc.output().isEmpty() ? List.of()
					: List.of(glibc.output().substring(0, glibc.output().length() - 1).split("\n", -1));
			assertThat(ShellsFile.shells(file))
				.as("shells of %s",
						new String(file, StandardCharsets.ISO_8859_1).replace("\n", "\\n").replace("\0", "\\0"))
				.extracting(ShellsFile.Shell::bytes)
				.containsExactlyElementsOf(expected);
		}
	}

	@Test
	void reportsWhatGetusershellSkipsButNotCommentsOrIndentation() {
		Result result = read(
				"# /etc/shells\n\n  /bin/sh # POSIX\nx#/bin/ksh\njunk/bin/zsh extra\n/bin/a\0b\n/bin/sh\n/");
		assertThat(result.shells().entries()).containsExactly("/bin/sh", "/bin/zsh", "/bin/a");
		assertThat(result.taken()).containsExactly("shells: 3 valid shells");
		assertThat(result.ignored()).containsExactly(
				"shells: line 4: 'x' has no '/' before any '#', so getusershell() reads no shell from it",
				"shells: line 5: 'junk' before the shell is ignored: getusershell() starts at the first '/'",
				"shells: line 5: 'extra' after the shell is ignored: getusershell() ends the shell at the first white"
						+ " space",
				"shells: line 6: a NUL byte ends the line for getusershell(); what follows is ignored",
				"shells: line 8: a '/' that ends the file (or stands before a NUL byte) is skipped by getusershell()",
				"shells: '/bin/sh' is listed more than once: taken once");
	}

	@Test
	void takesTheAnyShellEntryAsTheAcknowledgement() {
		Result result = read("/bin/sh\n/SENDMAIL/ANY/SHELL/ # do not\n");
		assertThat(result.shells()).isEqualTo(new Shells(List.of("/bin/sh"), true));
		assertThat(result.ignored()).containsExactly(
				"shells: /SENDMAIL/ANY/SHELL/ taken as the allowAnyShell acknowledgement (never recommended)");
	}

	@Test
	void listsTheFirst20IgnoredLinesAndCutsLongOnes() {
		StringBuilder file = new StringBuilder("/bin/sh\n");
		for (int i = 0; i < 500; i++) {
			file.append("no shell ").append("z".repeat(5000)).append('\n');
		}
		Result result = read(file.toString());
		assertThat(result.ignored()).hasSize(21);
		assertThat(result.ignored().get(0)).isEqualTo("shells: line 2: '" + "no shell " + "z".repeat(91)
				+ "…' has no '/' before any '#', so getusershell() reads no shell from it");
		assertThat(result.ignored().get(20)).isEqualTo("shells: and 480 more ignored (only the first 20 are listed)");
	}

	@Test
	void refusesMoreShellsThanAPolicyMayList() {
		StringBuilder file = new StringBuilder();
		for (int i = 0; i < Shells.MAX_ENTRIES; i++) {
			file.append("/usr/local/bin/sh").append(i).append('\n');
		}
		assertThat(read(file.toString()).shells().entries()).hasSize(Shells.MAX_ENTRIES);
		file.append("/usr/local/bin/one-more\n");
		UploadedTarTests.assertRefused(() -> read(file.toString()), "shells", (message) -> assertThat(message)
			.isEqualTo("lists more than 20,000 shells; at most 20,000 shells are allowed"));
	}

	@Test
	void refusesAShellThatIsNotUtf8ButNotACommentThatIsNot() {
		byte[] comment = "# caf\u00e9\n/bin/sh\n".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(ShellsFile.read(CURRENT, comment, new ArrayList<>(), new ArrayList<>()).shells().entries())
			.containsExactly("/bin/sh");
		byte[] shell = "/bin/sh\n/bin/caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
		UploadedTarTests.assertRefused(() -> ShellsFile.read(CURRENT, shell, new ArrayList<>(), new ArrayList<>()),
				"shells", (message) -> assertThat(message).isEqualTo("line 2: the shell is not UTF-8 (or ASCII) text"));
	}

	private static List<String> shells(String file) {
		return ShellsFile.shells(file.getBytes(StandardCharsets.ISO_8859_1))
			.stream()
			.map(ShellsFile.Shell::bytes)
			.toList();
	}

	record Result(Shells shells, List<String> taken, List<String> ignored) {
	}

	private static Result read(String file) {
		List<String> taken = new ArrayList<>();
		List<String> ignored = new ArrayList<>();
		Policy policy = ShellsFile.read(CURRENT, file.getBytes(StandardCharsets.UTF_8), taken, ignored);
		return new Result(policy.shells(), taken, ignored);
	}

}
