package org.smguard.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.system.ConflictException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The archive {@link BundleWriter} writes, read back entry by entry: every file once,
 * each named in the signed MANIFEST with its SHA-256, and the override walk's order held
 * to, since it is what keeps one user's file from being written twice.
 */
class BundleWriterTests {

	@TempDir
	Path work;

	@Test
	void writesEveryFileOnceWithItsHashInTheSignedManifest() throws Exception {
		SigningKey key = SigningKey.in(this.work);
		Policy policy = Bundles.policy(List.of(new Forwards.OverrideFile("carol", ""),
				new Forwards.OverrideFile("Bob", "bob@example.org\n"), new Forwards.OverrideFile("bob", "b\n")));
		BundleContent content = Bundles.content("default", 2, policy);

		Map<String, byte[]> entries = entries(write(content, key));

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

	private static byte[] write(BundleContent content, SigningKey key) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new BundleWriter(content, new BundleScripts(), key).write(out, Bundles.PUBLISHED, (n) -> {
		});
		return out.toByteArray();
	}

	private static Map<String, byte[]> entries(byte[] archive) throws IOException {
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
