package org.smguard.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.policy.Forwards;
import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the real sendmail makes of an override file as the installer leaves it: with the
 * installed {@code sendmail.cf}, its ForwardPath pointed at the installed tree,
 * {@code sendmail -bv} follows a root-owned 0644 override in a root-owned 0755 directory,
 * and skips the same file once it is group-writable, falling through to plain local
 * delivery: an override that is not locked down fails open, which is why the installer
 * sets owner and mode. sendmail opens the file as the recipient, so every directory above
 * it must be searchable by others.
 */
class OverrideEffectSendmailTests {

	@TempDir
	Path work;

	@Test
	void sendmailFollowsAnInstalledOverrideAndSkipsAWritableOne() throws Exception {
		HostTools.assumeSendmail();
		// sendmail reads a .forward as its user: every directory above it must be
		// searchable.
		Files.setPosixFilePermissions(this.work, PosixFilePermissions.fromString("rwxr-xr-x"));
		SigningKey key = SigningKey.in(this.work.resolve("console"));
		Path root = Files.createDirectories(this.work.resolve("root"));
		Path bundle = Bundles.unpacked(
				Bundles.content("default", 1, Bundles.policy(List.of(new Forwards.OverrideFile("nobody", "root\n")))),
				key, this.work);
		Bundles.Run install = Bundles.Run.script(bundle.resolve("install.sh"), root);
		assertThat(install.status()).as(install.output()).isZero();
		Path override = root.resolve("usr/local/etc/forwards/nobody.forward");
		Path aliases = Files.writeString(this.work.resolve("aliases"), "");
		Path cf = this.work.resolve("test.cf");
		Files.writeString(cf,
				Files.readString(root.resolve("etc/mail/sendmail.cf"))
					.replaceAll("(?m)^O ForwardPath=.*$",
							"O ForwardPath=" + override.getParent() + "/\\$u.forward:\\$z/.forward")
					.replaceAll("(?m)^O AliasFile=.*$", "O AliasFile=" + aliases));
		String followed = verify(cf);
		Files.setPosixFilePermissions(override, PosixFilePermissions.fromString("rw-rw-r--"));
		String skipped = verify(cf);

		assertThat(followed).contains("root... deliverable: mailer local, user root").doesNotContain("nobody...");
		assertThat(skipped).contains("nobody... deliverable: mailer local, user nobody").doesNotContain("root...");
	}

	private String verify(Path cf) throws Exception {
		Bundles.Run run = Bundles.Run.of(this.work,
				List.of(HostTools.SENDMAIL.toString(), "-C", cf.toString(), "-bv", "nobody"), List.of());
		assertThat(run.status()).as(run.output()).isZero();
		return run.output();
	}

}
