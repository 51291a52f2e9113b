package org.smguard.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The signing key: made once, kept private, the same after a restart, and its signatures
 * checked by the real {@code openssl pkeyutl -verify -rawin} a host runs.
 */
class SigningKeyTests {

	@TempDir
	Path dataDir;

	@Test
	void isMadeOnceKeptPrivateAndReadBackTheSame() throws IOException {
		SigningKey made = SigningKey.in(this.dataDir);
		Path file = this.dataDir.resolve(SigningKey.FILE_NAME);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		SigningKey again = SigningKey.in(this.dataDir);
		assertThat(again.fingerprint()).isEqualTo(made.fingerprint()).matches("SHA256:[0-9a-f]{64}");
		assertThat(again.publicKeyPem()).isEqualTo(made.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
		assertThat(SigningKey.in(Files.createDirectory(this.dataDir.resolve("other"))).fingerprint())
			.isNotEqualTo(made.fingerprint());
	}

	@Test
	void signsWhatOpensslVerifiesWithThePublicKeyAndNothingElse() throws Exception {
		SigningKey key = SigningKey.in(this.dataDir);
		Path manifest = Files.writeString(this.dataDir.resolve("MANIFEST"), "etc/mail/sendmail.cf 0644 root\n");
		Files.write(this.dataDir.resolve("MANIFEST.sig"), key.sign(Files.readAllBytes(manifest)));
		Files.writeString(this.dataDir.resolve("smguard.pub"), key.publicKeyPem());
		assertThat(verify("smguard.pub", "MANIFEST")).as("the right file").isZero();

		Files.writeString(this.dataDir.resolve("MANIFEST.changed"), "etc/mail/sendmail.cf 0666 root\n");
		assertThat(verify("smguard.pub", "MANIFEST.changed")).as("a changed file").isNotZero();
		Files.writeString(this.dataDir.resolve("other.pub"),
				SigningKey.in(Files.createDirectory(this.dataDir.resolve("other"))).publicKeyPem());
		assertThat(verify("other.pub", "MANIFEST")).as("another key").isNotZero();
	}

	@Test
	void refusesAKeyFileWhoseHalvesDoNotBelongTogether() throws IOException {
		SigningKey.in(this.dataDir);
		Path other = Files.createDirectory(this.dataDir.resolve("other"));
		SigningKey.in(other);
		String mine = Files.readString(this.dataDir.resolve(SigningKey.FILE_NAME));
		String theirs = Files.readString(other.resolve(SigningKey.FILE_NAME));
		String mixed = mine.substring(0, mine.indexOf("-----BEGIN PUBLIC KEY-----"))
				+ theirs.substring(theirs.indexOf("-----BEGIN PUBLIC KEY-----"));
		Files.writeString(this.dataDir.resolve(SigningKey.FILE_NAME), mixed);
		assertThatIllegalStateException().isThrownBy(() -> SigningKey.in(this.dataDir))
			.withMessageContaining("does not match");
	}

	private int verify(String publicKey, String file) throws Exception {
		Process openssl = new ProcessBuilder("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", publicKey, "-rawin",
				"-in", file, "-sigfile", "MANIFEST.sig")
			.directory(this.dataDir.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
		return openssl.exitValue();
	}

}
