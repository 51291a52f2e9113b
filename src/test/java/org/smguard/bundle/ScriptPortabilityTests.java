package org.smguard.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.policy.Forwards;
import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundle's scripts run on any mail host's {@code /bin/sh}: ShellCheck finds nothing
 * at warning level for POSIX sh, and the installer does a whole install and rollback
 * under {@code posh}, a shell that refuses what POSIX does not define.
 */
class ScriptPortabilityTests {

	private static final Path SHELLCHECK = Path.of("/usr/bin/shellcheck");

	private static final Path POSH = Path.of("/usr/bin/posh");

	@TempDir
	Path work;

	@Test
	void shellCheckFindsNothingForPosixSh() throws Exception {
		HostTools.assumeExecutable(SHELLCHECK, "apt-get install shellcheck");
		BundleScripts scripts = new BundleScripts();
		for (String name : List.of(BundleScripts.INSTALL, BundleScripts.ROLLBACK, BundleScripts.PULL)) {
			Path script = Files.write(this.work.resolve(name), scripts.bytes(name));

			Bundles.Run run = Bundles.Run.of(this.work,
					List.of(SHELLCHECK.toString(), "--shell=sh", "--severity=warning", script.toString()), List.of());

			assertThat(run.status()).as(name + ":\n" + run.output()).isZero();
		}
	}

	@Test
	void installsAndRollsBackUnderAStrictPosixShell() throws Exception {
		HostTools.assumeSendmail();
		HostTools.assumeExecutable(POSH, "apt-get install posh");
		SigningKey key = SigningKey.in(this.work.resolve("console"));
		Path root = Files.createDirectories(this.work.resolve("root"));
		Files.createDirectories(root.resolve("etc"));
		Files.writeString(root.resolve("etc/shells"), "/bin/sh\n");
		var before = TreeSnapshot.of(root, "var");
		Path bundle = Bundles.unpacked(
				Bundles.content("default", 1, Bundles.policy(List.of(new Forwards.OverrideFile("bob", "b\n")))), key,
				this.work);

		Bundles.Run install = Bundles.Run.of(bundle,
				List.of(POSH.toString(), bundle.resolve("install.sh").toString(), "--key", writeKey(key).toString()),
				List.of("DESTDIR=" + root));
		Bundles.Run rollback = Bundles.Run.of(bundle,
				List.of(POSH.toString(), bundle.resolve("install.sh").toString(), "--rollback"),
				List.of("DESTDIR=" + root));

		assertThat(install.status()).as(install.output()).isZero();
		assertThat(install.output()).contains("installed policy 'default' version 1");
		assertThat(rollback.status()).as(rollback.output()).isZero();
		assertThat(TreeSnapshot.of(root, "var")).isEqualTo(before);
	}

	private Path writeKey(SigningKey key) throws Exception {
		return Files.writeString(this.work.resolve("smguard.pub"), key.publicKeyPem());
	}

}
