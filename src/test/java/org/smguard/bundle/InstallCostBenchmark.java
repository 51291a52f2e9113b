package org.smguard.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.policy.Forwards;
import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What installing a large bundle costs on a host: {@code install.sh} with 50,000 override
 * files into an empty {@code DESTDIR}, then the next version, which changed three of them
 * (only those are backed up and written), then {@code rollback.sh}. A benchmark, not a
 * test: it runs only with {@code -Dbenchmark=true} and writes its figures to
 * {@code target/benchmark/install-cost.txt}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class InstallCostBenchmark {

	private static final int OVERRIDES = Integer.getInteger("benchmark.overrides", 50_000);

	@TempDir
	Path work;

	@Test
	void installReinstallAndRollBackAFiftyThousandFileBundle() throws Exception {
		HostTools.assumeSendmail();
		SigningKey key = SigningKey.in(this.work.resolve("console"));
		List<Forwards.OverrideFile> overrides = new ArrayList<>();
		for (int i = 0; i < OVERRIDES; i++) {
			overrides.add(new Forwards.OverrideFile(String.format("user%06d", i),
					(i % 10 == 0) ? "user" + i + "@elsewhere.example\n" : ""));
		}
		Path first = Bundles.unpacked(Bundles.content("default", 1, Bundles.policy(overrides)), key, this.work);
		List<Forwards.OverrideFile> edited = new ArrayList<>(overrides);
		for (int i : new int[] { 7, 20_000 % OVERRIDES, OVERRIDES - 1 }) {
			edited.set(i, new Forwards.OverrideFile(overrides.get(i).user(), "moved@elsewhere.example\n"));
		}
		Path second = Bundles.unpacked(Bundles.content("default", 2, Bundles.policy(edited)), key, this.work);
		Path root = Files.createDirectories(this.work.resolve("root"));
		Files.writeString(Files.createDirectories(root.resolve("etc/smguard")).resolve("smguard.pub"),
				key.publicKeyPem());

		long install = time(first.resolve("install.sh"), root);
		long reinstall = time(second.resolve("install.sh"), root);
		long rollback = time(root.resolve("var/lib/smguard/bin/rollback.sh"), root);

		String figures = String.format(
				"install.sh, %,d override files (%,d files in all), ms:%n  into an empty root: %d%n"
						+ "  the next version, three override files changed (the rest left alone): %d%n"
						+ "  rollback.sh (restores the three): %d%n",
				OVERRIDES, OVERRIDES + 5, install, reinstall, rollback);
		System.out.print(figures);
		Path out = Files.createDirectories(Path.of("target/benchmark")).resolve("install-cost.txt");
		Files.writeString(out, figures);
	}

	private static long time(Path script, Path root) throws Exception {
		long start = System.nanoTime();
		Bundles.Run run = Bundles.Run.script(script, root);
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(run.status()).as(run.output()).isZero();
		return millis;
	}

}
