package org.smguard.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.Smrsh;
import org.smguard.policy.StockPolicy;
import org.smguard.render.PolicyFiles;
import org.smguard.render.RenderedFile;
import org.smguard.system.ConflictException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The archive itself: which entries, with which modes, in which order; the manifest's
 * lines; and every way a release could put a file where it must not go, refused before
 * the entry is written, whatever validated the policy before.
 */
class BundleWriterTests {

	@TempDir
	Path work;

	private SigningKey key;

	@BeforeEach
	void key() {
		this.key = SigningKey.in(this.work);
	}

	@Test
	void writesScriptsFilesThenTheSignedManifestAsPlainEntries() throws Exception {
		Policy policy = Bundles.policy(List.of(new Forwards.OverrideFile("bob", "b@example.org\n")));
		List<Integer> progress = new ArrayList<>();

		Written written = write(Bundles.content("default", 4, policy), progress);

		List<String> names = new ArrayList<>(written.entries().keySet());
		assertThat(names).startsWith("install.sh", "rollback.sh", "smguard-pull", "etc/mail/sendmail.cf")
			.endsWith("usr/local/etc/forwards/bob.forward", "MANIFEST", "MANIFEST.sig");
		assertThat(written.modes()).containsEntry("install.sh", 0755)
			.containsEntry("etc/shells", 0644)
			.containsEntry("MANIFEST", 0644);
		assertThat(progress).containsExactly(1, 2, 3, 4, 5);
		String manifest = written.text("MANIFEST");
		assertThat(manifest).contains("\nlink\tetc/mail/smrsh/vacation\t/usr/bin/vacation\n")
			.contains("\ndir\tetc/mail/smrsh\t0755\troot:root\tsm.bin\n")
			.contains("\nsigning-key\t" + this.key.fingerprint() + "\n")
			.endsWith("\nend\t7\n");
	}

	@Test
	void leavesTheSmBinDirectoryAloneWhenSmrshIsOff() throws Exception {
		Policy policy = StockPolicy.debian();

		String manifest = write(Bundles.content("default", 1, policy), new ArrayList<>()).text("MANIFEST");

		assertThat(manifest).doesNotContain("sm.bin\n").doesNotContain("\nlink\t");
	}

	@Test
	void refusesUserNamesThatWouldLeaveTheOverrideDirectory() {
		for (String user : List.of("../../etc/passwd", "a/b", "..", ".hidden", "bob\nfile\tx", "")) {
			Policy policy = Bundles.policy(List.of(new Forwards.OverrideFile(user, "x\n")));
			assertThatExceptionOfType(ConflictException.class).as(user)
				.isThrownBy(() -> write(Bundles.content("default", 1, policy), new ArrayList<>()))
				.withMessageContaining("cannot be bundled: the override user");
		}
	}

	@Test
	void refusesPathsThatAreNotStrictOrCollide() {
		Policy policy = Bundles.policy(List.of());
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> write(withFile(policy, "/etc/../root/.ssh/authorized_keys"), new ArrayList<>()))
			.withMessageContaining("must be an absolute path");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> write(withFile(policy, "/etc/shells"), new ArrayList<>()))
			.withMessageContaining("two files go to /etc/shells");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> write(withFile(policy, "/install.sh"), new ArrayList<>()))
			.withMessageContaining("has the name of a file of the bundle itself");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> write(withFile(policy, "/etc/mail/smrsh/helper"), new ArrayList<>()))
			.withMessageContaining("lies in the sm.bin directory");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> write(withFile(policy, "/usr/local/etc"), new ArrayList<>()))
			.withMessageContaining("a directory the bundle manages");
	}

	@Test
	void refusesAnOverrideDirectoryThatIsTheSmBinDirectory() {
		Policy policy = Bundles.policy(List.of())
			.withSmrsh(new Smrsh(true, Smrsh.DEFAULT_PATH, "/usr/local/etc/forwards", List.of()));

		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> write(Bundles.content("default", 1, policy), new ArrayList<>()))
			.withMessageContaining("every override file would be a program smrsh runs");
	}

	@Test
	void refusesAnSmBinTargetThatIsNotAStrictPath() {
		Policy policy = Bundles.policy(List.of())
			.withSmrsh(new Smrsh(true, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY,
					List.of(new Smrsh.Program("x", "/usr/bin/x\tfile\tetc/passwd"))));

		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> write(Bundles.content("default", 1, policy), new ArrayList<>()))
			.withMessageContaining("the target of sm.bin program 'x'");
	}

	@Test
	void writesEveryFileOnceWithItsHashInTheSignedManifest() throws Exception {
		SigningKey key = SigningKey.in(this.work);
		Policy policy = Bundles.policy(List.of(new Forwards.OverrideFile("carol", ""),
				new Forwards.OverrideFile("Bob", "bob@example.org\n"), new Forwards.OverrideFile("bob", "b\n")));
		BundleContent content = Bundles.content("default", 2, policy);

		Map<String, byte[]> entries = entriesOf(write(content, key));

		String manifest = new String(entries.get(BundleWriter.MANIFEST), StandardCharsets.US_ASCII);
		List<String> files = manifest.lines().filter((line) -> line.startsWith("file\t")).toList();
		assertThat(files).hasSize(content.settingsFiles().size() + 3);
		for (String line : files) {
			String[] fields = line.split("\t");
			assertThat(entries).containsKey(fields[1]);
			assertThat(BundleWriter.sha256(entries.get(fields[1]))).as(fields[1]).isEqualTo(fields[4]);
		}
		assertThat(files).map((line) -> line.split("\t")[1])
			.filteredOn((path) -> path.startsWith("usr/local/etc/forwards/"))
			.containsExactly("usr/local/etc/forwards/Bob.forward", "usr/local/etc/forwards/bob.forward",
					"usr/local/etc/forwards/carol.forward");
		assertThat(manifest).endsWith("end\t" + (files.size() + 2) + "\n");
		assertThat(entries).hasSize(3 + files.size() + 2);
		Signature verify = Signature.getInstance("Ed25519");
		verify.initVerify(KeyFactory.getInstance("Ed25519")
			.generatePublic(new X509EncodedKeySpec(
					Base64.getMimeDecoder().decode(key.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").strip()))));
		verify.update(entries.get(BundleWriter.MANIFEST));
		assertThat(verify.verify(entries.get(BundleWriter.SIGNATURE))).isTrue();
	}

	@Test
	void refusesOneUsersOverrideFileTwice() {
		BundleContent content = walking(
				List.of(new Forwards.OverrideFile("bob", "a\n"), new Forwards.OverrideFile("bob", "b\n")));

		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> write(content, SigningKey.in(this.work)))
			.withMessage("this version cannot be bundled: the override files of 'bob' and 'bob' come out of order"
					+ " or are one user's twice");
	}

	@Test
	void refusesOverrideFilesOutOfTheWalksOrder() {
		BundleContent content = walking(
				List.of(new Forwards.OverrideFile("carol", ""), new Forwards.OverrideFile("Bob", "")));

		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> write(content, SigningKey.in(this.work)))
			.withMessageContaining("'carol' and 'Bob' come out of order");
	}

	/** A release whose override walk hands out {@code overrides} as they are. */
	private static BundleContent walking(List<Forwards.OverrideFile> overrides) {
		BundleContent sorted = Bundles.content("default", 2, Bundles.policy(List.of()));
		return new BundleContent(sorted.policy(), sorted.version(), sorted.contentHash(), sorted.approvedBy(),
				sorted.publishedAt(), sorted.settingsFiles(), sorted.smrsh(), sorted.overrideDirectory(),
				overrides.size(), overrides::forEach);
	}

	private static BundleContent withFile(Policy policy, String path) {
		List<RenderedFile> files = new ArrayList<>(PolicyFiles.settingsFiles(policy, StockPolicy.debianBaseCf()));
		files.add(new RenderedFile("extra", path, "root:root", "0644", "extra\n"));
		return Bundles.content("default", 1, policy, files);
	}

	private Written write(BundleContent content, List<Integer> progress) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new BundleWriter(content, new BundleScripts(), this.key).write(out, Bundles.PUBLISHED, progress::add);
		Map<String, byte[]> entries = new LinkedHashMap<>();
		Map<String, Integer> modes = new LinkedHashMap<>();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new GzipCompressorInputStream(new ByteArrayInputStream(out.toByteArray())))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				assertThat(entry.isFile()).as(entry.getName()).isTrue();
				assertThat(entry.getUserId()).isZero();
				entries.put(entry.getName(), tar.readAllBytes());
				modes.put(entry.getName(), entry.getMode() & 07777);
			}
		}
		return new Written(entries, modes);
	}

	private record Written(Map<String, byte[]> entries, Map<String, Integer> modes) {

		String text(String name) {
			return new String(this.entries.get(name), StandardCharsets.UTF_8);
		}

	}

	private static byte[] write(BundleContent content, SigningKey key) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new BundleWriter(content, new BundleScripts(), key).write(out, Bundles.PUBLISHED, (n) -> {
		});
		return out.toByteArray();
	}

	private static Map<String, byte[]> entriesOf(byte[] archive) throws IOException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				assertThat(entries.put(entry.getName(), tar.readAllBytes())).as("once: " + entry.getName()).isNull();
			}
		}
		return entries;
	}

}
