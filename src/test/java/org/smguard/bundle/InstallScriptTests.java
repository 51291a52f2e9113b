package org.smguard.bundle;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.StockPolicy;
import org.smguard.render.PolicyFiles;
import org.smguard.render.RenderedFile;
import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundle's {@code install.sh} and {@code rollback.sh}, run by the real {@code sh}
 * into a temporary root ({@code DESTDIR}), with the real {@code tar}, {@code openssl} and
 * sendmail checking the cf.
 */
class InstallScriptTests {

	@TempDir
	Path work;

	private SigningKey key;

	private Path root;

	@BeforeEach
	void setUp() throws Exception {
		HostTools.assumeSendmail();
		this.key = SigningKey.in(this.work.resolve("console"));
		this.root = Files.createDirectories(this.work.resolve("root"));
		Path keyFile = Files.createDirectories(this.root.resolve("etc/smguard")).resolve("smguard.pub");
		Files.writeString(keyFile, this.key.publicKeyPem());
	}

	@Test
	void installsEveryFileWithItsContentModeOwnerAndTheSmBinLinks() throws Exception {
		Policy policy = Bundles.policy(
				List.of(new Forwards.OverrideFile("bob", "bob@example.org\n"), new Forwards.OverrideFile("carol", "")));
		Path bundle = Bundles.unpacked(Bundles.content("default", 2, policy), this.key, this.work);

		Bundles.Run run = Bundles.Run.script(bundle.resolve("install.sh"), this.root);

		assertThat(run.status()).as(run.output()).isZero();
		assertThat(run.output()).contains("signature of MANIFEST verified")
			.contains("accepts the new sendmail.cf")
			.contains("installed policy 'default' version 2");
		for (RenderedFile file : PolicyFiles.render(policy, StockPolicy.debianBaseCf())) {
			Path installed = this.root.resolve(file.path().substring(1));
			assertThat(installed).hasContent(file.content());
			assertThat(attributes(installed).permissions()).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
			assertThat(owner(installed)).isEqualTo(file.owner());
		}
		assertThat(this.root.resolve("usr/local/etc/forwards/carol.forward")).isEmptyFile();
		Path forwards = this.root.resolve("usr/local/etc/forwards");
		assertThat(PosixFilePermissions.toString(attributes(forwards).permissions())).isEqualTo("rwxr-xr-x");
		assertThat(owner(forwards)).isEqualTo("root:root");
		Path smBin = this.root.resolve("etc/mail/smrsh");
		assertThat(Files.readSymbolicLink(smBin.resolve("vacation"))).isEqualTo(Path.of("/usr/bin/vacation"));
		assertThat(Files.readSymbolicLink(smBin.resolve("mail.local")))
			.isEqualTo(Path.of("/usr/libexec/sendmail/mail.local"));
		assertThat(this.root.resolve("var/lib/smguard/installed")).content()
			.contains("policy\tdefault\n")
			.contains("version\t2\n");
		assertThat(this.root.resolve("var/lib/smguard/bin/rollback.sh")).isExecutable();
		try (var entries = Files.list(forwards)) {
			assertThat(entries.map((path) -> path.getFileName().toString())).as("no staging left behind")
				.containsExactlyInAnyOrder("bob.forward", "carol.forward");
		}
	}

	@Test
	void writesOnlyWhatTheNewVersionChanged() throws Exception {
		Path first = Bundles.unpacked(Bundles.content("default", 2, Bundles.policy(List
			.of(new Forwards.OverrideFile("bob", "bob@example.org\n"), new Forwards.OverrideFile("carol", "c\n")))),
				this.key, this.work);
		Path second = Bundles.unpacked(Bundles.content("default", 3,
				Bundles.policy(List.of(new Forwards.OverrideFile("bob", "bob@elsewhere.example\n"),
						new Forwards.OverrideFile("carol", "c\n")))),
				this.key, this.work);
		assertThat(Bundles.Run.script(first.resolve("install.sh"), this.root).status()).isZero();
		Path carol = this.root.resolve("usr/local/etc/forwards/carol.forward");
		Path shells = this.root.resolve("etc/shells");
		Object carolInode = Files.getAttribute(carol, "unix:ino");
		Files.setPosixFilePermissions(shells, PosixFilePermissions.fromString("rw-rw-rw-"));

		Bundles.Run run = Bundles.Run.script(second.resolve("install.sh"), this.root);

		assertThat(run.status()).as(run.output()).isZero();
		// Replaced: bob's override, the loosened /etc/shells and the two sm.bin links
		// (links are
		// always made again); unchanged: sendmail.cf, the m4 fragment, the sm.bin
		// manifest, carol's.
		assertThat(run.output()).contains("plan: 0 new, 4 replaced, 4 unchanged, 0 removed");
		assertThat(Files.getAttribute(carol, "unix:ino")).as("left alone").isEqualTo(carolInode);
		assertThat(this.root.resolve("usr/local/etc/forwards/bob.forward")).hasContent("bob@elsewhere.example\n");
		assertThat(PosixFilePermissions.toString(attributes(shells).permissions())).as("a loosened file is put right")
			.isEqualTo("rw-r--r--");
	}

	@Test
	void refusesATamperedFileAndChangesNothing() throws Exception {
		Path bundle = Bundles.unpacked(Bundles.content("default", 2, Bundles.policy(List.of())), this.key, this.work);
		Files.writeString(bundle.resolve("etc/shells"), "/bin/sh\n/tmp/evil\n");
		Map<String, String> before = TreeSnapshot.of(this.root, null);

		Bundles.Run run = Bundles.Run.script(bundle.resolve("install.sh"), this.root);

		assertThat(run.status()).isNotZero();
		assertThat(run.output()).contains("refused: files differ from MANIFEST").contains("etc/shells");
		assertThat(TreeSnapshot.of(this.root, null)).isEqualTo(before);
	}

	@Test
	void refusesAManifestChangedAfterSigning() throws Exception {
		Path bundle = Bundles.unpacked(Bundles.content("default", 2, Bundles.policy(List.of())), this.key, this.work);
		Files.writeString(bundle.resolve("MANIFEST"),
				Files.readString(bundle.resolve("MANIFEST")).replace("version\t2\n", "version\t9\n"));
		Map<String, String> before = TreeSnapshot.of(this.root, null);

		Bundles.Run run = Bundles.Run.script(bundle.resolve("install.sh"), this.root);

		assertThat(run.status()).isNotZero();
		assertThat(run.output()).contains("refused: the signature of MANIFEST does not verify");
		assertThat(TreeSnapshot.of(this.root, null)).isEqualTo(before);
	}

	@Test
	void refusesABundleSignedWithAnotherKey() throws Exception {
		SigningKey other = SigningKey.in(this.work.resolve("other-console"));
		Path bundle = Bundles.unpacked(Bundles.content("default", 2, Bundles.policy(List.of())), other, this.work);

		Bundles.Run refused = Bundles.Run.script(bundle.resolve("install.sh"), this.root);
		Path otherKey = this.work.resolve("other.pub");
		Files.writeString(otherKey, other.publicKeyPem());
		Bundles.Run accepted = Bundles.Run.script(bundle.resolve("install.sh"), this.root, "--key",
				otherKey.toString());

		assertThat(refused.status()).isNotZero();
		assertThat(refused.output()).contains("does not verify with " + this.root.resolve("etc/smguard/smguard.pub"));
		assertThat(accepted.status()).as(accepted.output()).isZero();
	}

	@Test
	void refusesAnUnsignedBundleWhenASignatureIsRequired() throws Exception {
		Files.delete(this.root.resolve("etc/smguard/smguard.pub"));
		Path bundle = Bundles.unpacked(Bundles.content("default", 2, Bundles.policy(List.of())), this.key, this.work);

		Bundles.Run required = Bundles.Run.script(bundle.resolve("install.sh"), this.root, "--require-signature");
		Bundles.Run warned = Bundles.Run.script(bundle.resolve("install.sh"), this.root, "--dry-run");

		assertThat(required.status()).isNotZero();
		assertThat(required.output()).contains("no key").contains("--require-signature");
		assertThat(warned.status()).as(warned.output()).isZero();
		assertThat(warned.output()).contains("the signature is not checked");
	}

	@Test
	void refusesAManifestLineThatWouldLeaveTheRoot() throws Exception {
		Files.delete(this.root.resolve("etc/smguard/smguard.pub"));
		Path bundle = Bundles.unpacked(Bundles.content("default", 2, Bundles.policy(List.of())), this.key, this.work);
		Files.writeString(bundle.resolve("evil"), "x\n");
		String manifest = Files.readString(bundle.resolve("MANIFEST"));
		String line = "file\t../../evil\t0644\troot:root\t" + BundleWriter.sha256("x\n".getBytes()) + "\n";
		int end = manifest.indexOf("end\t");
		int count = Integer.parseInt(manifest.substring(end + 4).strip());
		Files.writeString(bundle.resolve("MANIFEST"), manifest.substring(0, end) + line + "end\t" + (count + 1) + "\n");
		Map<String, String> before = TreeSnapshot.of(this.work, null);

		Bundles.Run run = Bundles.Run.script(bundle.resolve("install.sh"), this.root);

		assertThat(run.status()).isNotZero();
		assertThat(run.output()).contains("bad file line").contains("MANIFEST is not valid");
		assertThat(TreeSnapshot.of(this.work, null)).isEqualTo(before);
	}

	@Test
	void refusesACfThatSendmailRejectsAndChangesNothing() throws Exception {
		Policy policy = Bundles.policy(List.of());
		List<RenderedFile> files = new ArrayList<>();
		for (RenderedFile file : PolicyFiles.settingsFiles(policy, StockPolicy.debianBaseCf())) {
			files.add(file.name().equals(PolicyFiles.SENDMAIL_CF) ? new RenderedFile(file.name(), file.path(),
					file.owner(), file.mode(), file.content() + "O NoSuchOption=1\n") : file);
		}
		Path bundle = Bundles.unpacked(Bundles.content("default", 2, policy, files), this.key, this.work);
		Map<String, String> before = TreeSnapshot.of(this.root, null);

		Bundles.Run run = Bundles.Run.script(bundle.resolve("install.sh"), this.root);

		assertThat(run.status()).isNotZero();
		assertThat(run.output()).contains("rejects the new sendmail.cf").contains("unknown option name NoSuchOption");
		assertThat(TreeSnapshot.of(this.root, null)).isEqualTo(before);
	}

	@Test
	void dryRunPrintsThePlanAndChangesNothing() throws Exception {
		Files.createDirectories(this.root.resolve("usr/local/etc/forwards"));
		Files.writeString(this.root.resolve("usr/local/etc/forwards/gone.forward"), "old\n");
		Path bundle = Bundles.unpacked(
				Bundles.content("default", 2, Bundles.policy(List.of(new Forwards.OverrideFile("bob", "b\n")))),
				this.key, this.work);
		Map<String, String> before = TreeSnapshot.of(this.root, null);

		Bundles.Run run = Bundles.Run.script(bundle.resolve("install.sh"), this.root, "--dry-run");

		assertThat(run.status()).as(run.output()).isZero();
		assertThat(run.output()).contains("new     /usr/local/etc/forwards/bob.forward")
			.contains("remove  /usr/local/etc/forwards/gone.forward")
			.contains("link /etc/mail/smrsh/vacation -> /usr/bin/vacation")
			.contains("dry run: nothing changed");
		assertThat(TreeSnapshot.of(this.root, null)).isEqualTo(before);
	}

	@Test
	void refusesAnOlderVersionUnlessAllowedAndAnotherPolicysBundle() throws Exception {
		Policy policy = Bundles.policy(List.of());
		Path newer = Bundles.unpacked(Bundles.content("default", 5, policy), this.key, this.work);
		Path older = Bundles.unpacked(Bundles.content("default", 4, policy), this.key, this.work);
		Path otherPolicy = Bundles.unpacked(Bundles.content("mx-gateways", 9, policy), this.key, this.work);
		assertThat(Bundles.Run.script(newer.resolve("install.sh"), this.root).status()).isZero();

		Bundles.Run downgrade = Bundles.Run.script(older.resolve("install.sh"), this.root);
		Bundles.Run mixed = Bundles.Run.script(otherPolicy.resolve("install.sh"), this.root);
		Bundles.Run same = Bundles.Run.script(newer.resolve("install.sh"), this.root);
		Bundles.Run allowed = Bundles.Run.script(older.resolve("install.sh"), this.root, "--allow-downgrade");

		assertThat(downgrade.status()).isNotZero();
		assertThat(downgrade.output()).contains("version 4 is older than the installed version 5");
		assertThat(mixed.status()).isNotZero();
		assertThat(mixed.output()).contains("this host runs policy 'default'; the bundle is for policy 'mx-gateways'");
		assertThat(same.status()).as("reinstalling the same version").isZero();
		assertThat(allowed.status()).as(allowed.output()).isZero();
		assertThat(this.root.resolve("var/lib/smguard/installed")).content().contains("version\t4\n");
	}

	@Test
	void rollbackRestoresThePreviousTreeExactly() throws Exception {
		Path etc = Files.createDirectories(this.root.resolve("etc/mail/smrsh"));
		Files.writeString(this.root.resolve("etc/shells"), "/bin/sh\n/bin/csh\n");
		Files.setPosixFilePermissions(this.root.resolve("etc/shells"), PosixFilePermissions.fromString("rw-rw-r--"));
		Files.writeString(this.root.resolve("etc/mail/sendmail.cf"), "# the host's own cf\n");
		Files.createSymbolicLink(etc.resolve("procmail"), Path.of("/usr/bin/procmail"));
		Files.createSymbolicLink(etc.resolve("vacation"), Path.of("/usr/local/bin/vacation"));
		Path forwards = Files.createDirectories(this.root.resolve("usr/local/etc/forwards"));
		Files.writeString(forwards.resolve("dave.forward"), "dave@old.example\n");
		Files.writeString(forwards.resolve("bob.forward"), "bob@old.example\n");
		Files.writeString(forwards.resolve("old copy.forward"), "someone\n");
		Map<String, String> before = TreeSnapshot.of(this.root, "var");
		Path bundle = Bundles.unpacked(
				Bundles.content("default", 3,
						Bundles.policy(List.of(new Forwards.OverrideFile("bob", "bob@new.example\n")))),
				this.key, this.work);

		Bundles.Run install = Bundles.Run.script(bundle.resolve("install.sh"), this.root);

		assertThat(install.status()).as(install.output()).isZero();
		assertThat(forwards.resolve("dave.forward")).as("an orphan override is removed").doesNotExist();
		assertThat(forwards.resolve("old copy.forward")).as("whatever its name").doesNotExist();
		assertThat(etc.resolve("procmail")).as("a program the version does not allow is removed").doesNotExist();
		assertThat(Files.readSymbolicLink(etc.resolve("vacation"))).isEqualTo(Path.of("/usr/bin/vacation"));
		assertThat(forwards.resolve("bob.forward")).hasContent("bob@new.example\n");
		assertThat(TreeSnapshot.of(this.root, "var")).isNotEqualTo(before);

		Bundles.Run rollback = Bundles.Run.script(this.root.resolve("var/lib/smguard/bin/rollback.sh"), this.root);

		assertThat(rollback.status()).as(rollback.output()).isZero();
		assertThat(TreeSnapshot.of(this.root, "var")).isEqualTo(before);
		assertThat(this.root.resolve("var/lib/smguard/installed")).doesNotExist();
		Bundles.Run again = Bundles.Run.script(this.root.resolve("var/lib/smguard/bin/rollback.sh"), this.root);
		assertThat(again.status()).isNotZero();
		assertThat(again.output()).contains("no backup to restore");
	}

	private static PosixFileAttributes attributes(Path path) throws Exception {
		return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
	}

	private static String owner(Path path) throws Exception {
		PosixFileAttributes attributes = attributes(path);
		return attributes.owner().getName() + ":" + attributes.group().getName();
	}

}
