package org.smguard.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.bundle.BundleFile;
import org.smguard.bundle.BundleService;
import org.smguard.policy.Draft;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.ReviewService;
import org.smguard.policy.SecurityOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What writing the deployment bundle of an approved version costs with {@value #LARGE}
 * override files, against GNU {@code tar czf} of the same files laid out on disk (the
 * bundle unpacked once), and how much heap the writing holds with {@value #LARGE} files
 * against {@value #SMALL}. The bundle is written through {@link BundleService#bundle},
 * the path a download takes (release snapshot, override files read from the H2 file
 * database a chunk at a time, tar, gzip, SHA-256 of every file, signing, the move into
 * the cache and the SHA-256 of the finished archive), with the cached file removed before
 * each run. A benchmark, not a test: it runs only with {@code -Dbenchmark=true}, prints
 * its figures and writes them to {@code target/benchmark/bundle-cost.txt}.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class BundleCostBenchmark {

	static final int SMALL = 5_000;

	static final int LARGE = 50_000;

	private static final int WARMUP = 2;

	private static final int RUNS = Integer.getInteger("benchmark.runs", 10);

	private static final int HEAP_RUNS = 5;

	/** How often the heap sampler collects and reads the live heap, in ms. */
	private static final long SAMPLE_MILLIS = 50;

	private static final String DIRECTORY = "/usr/local/etc/forwards";

	@TempDir
	static Path dataDir;

	@TempDir
	static Path work;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> "benchmark-operator-secret");
	}

	@Autowired
	private PolicyService policies;

	@Autowired
	private ReviewService reviews;

	@Autowired
	private BundleService bundles;

	@Test
	void comparesTheBundleWithTarCzfOfTheSameFilesAndItsHeapWithTenTimesFewerFiles() throws Exception {
		String small = approved("small", SMALL);
		String large = approved("large", LARGE);
		Path tree = unpack(large);
		long files;
		try (Stream<Path> paths = Files.walk(tree)) {
			files = paths.filter(Files::isRegularFile).count();
		}
		double[] bundle = summary(timeBundle(large));
		double[] tar = summary(timeTar(tree));
		double[] walk = summary(timeWalk(large));
		long bundleSize = Files.size(bundle(large).path());
		long tarSize = Files.size(work.resolve("tar.tar.gz"));
		long[] smallHeap = heap(small);
		long[] largeHeap = heap(large);

		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT, "load average before: %s%n", loadAverage()));
		table.append(String.format(Locale.ROOT, "%d override files, %d files in the archive%n", LARGE, files));
		table.append(String.format(Locale.ROOT, "%-44s %10s %10s %12s%n", "operation (ms, " + RUNS + " runs)", "median",
				"p90", "bytes"));
		table.append(String.format(Locale.ROOT, "%-44s %10.0f %10.0f %12d%n", "BundleService.bundle (cache cleared)",
				bundle[0], bundle[1], bundleSize));
		table.append(String.format(Locale.ROOT, "%-44s %10.0f %10.0f %12d%n", "tar czf of the unpacked bundle", tar[0],
				tar[1], tarSize));
		table.append(
				String.format(Locale.ROOT, "%-44s %9.2fx %9.2fx%n", "ratio", bundle[0] / tar[0], bundle[1] / tar[1]));
		table.append(String.format(Locale.ROOT, "%-44s %10.0f %10.0f%n", "for scale: reading the override files alone",
				walk[0], walk[1]));
		table.append(String.format(Locale.ROOT, "%nlive heap (after GC, sampled every %d ms), KiB, median of %d runs%n",
				SAMPLE_MILLIS, HEAP_RUNS));
		table.append(String.format(Locale.ROOT, "%-14s %10s %10s %10s %14s%n", "override files", "before", "peak",
				"after", "peak - before"));
		table.append(heapLine(SMALL, smallHeap));
		table.append(heapLine(LARGE, largeHeap));
		table.append(String.format(Locale.ROOT, "peak increase per extra override file: %.0f bytes%n",
				(double) (largeHeap[1] - largeHeap[0] - (smallHeap[1] - smallHeap[0])) / (LARGE - SMALL)));
		table.append(String.format(Locale.ROOT, "load average after: %s%n", loadAverage()));
		System.out.print(table);
		Path out = Path.of("target", "benchmark", "bundle-cost.txt");
		Files.createDirectories(out.getParent());
		Files.writeString(out, table);
		assertThat(bundleSize).isPositive();
	}

	private double[] timeBundle(String policy) throws IOException {
		double[] samples = new double[WARMUP + RUNS];
		for (int i = 0; i < samples.length; i++) {
			clearCache();
			long start = System.nanoTime();
			bundle(policy);
			samples[i] = (System.nanoTime() - start) / 1e6;
		}
		return Arrays.copyOfRange(samples, WARMUP, samples.length);
	}

	/** The walk over the override files the bundle reads, with nothing done to them. */
	private double[] timeWalk(String policy) {
		double[] samples = new double[WARMUP + RUNS];
		for (int i = 0; i < samples.length; i++) {
			long start = System.nanoTime();
			int[] count = { 0 };
			asUser("bench", "ROLE_ADMIN", () -> {
				this.policies.forEachVersionOverride(policy, 1, (override) -> count[0]++);
				return count[0];
			});
			samples[i] = (System.nanoTime() - start) / 1e6;
			assertThat(count[0]).isEqualTo(LARGE);
		}
		return Arrays.copyOfRange(samples, WARMUP, samples.length);
	}

	private double[] timeTar(Path tree) throws Exception {
		Path archive = work.resolve("tar.tar.gz");
		double[] samples = new double[WARMUP + RUNS];
		for (int i = 0; i < samples.length; i++) {
			Files.deleteIfExists(archive);
			long start = System.nanoTime();
			run(List.of("tar", "czf", archive.toString(), "-C", tree.toString(), "."));
			samples[i] = (System.nanoTime() - start) / 1e6;
		}
		return Arrays.copyOfRange(samples, WARMUP, samples.length);
	}

	/**
	 * The live heap before, at its highest during and after writing the bundle, in bytes;
	 * the run of median increase of {@value #HEAP_RUNS}. A sampler thread forces a
	 * collection every {@value #SAMPLE_MILLIS} ms and reads the heap used after it, so
	 * what is counted is what the writing holds, not the garbage it leaves.
	 */
	private long[] heap(String policy) throws Exception {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		List<long[]> runs = new ArrayList<>();
		for (int i = 0; i < HEAP_RUNS; i++) {
			clearCache();
			long before = live(memory);
			AtomicLong peak = new AtomicLong(before);
			AtomicBoolean running = new AtomicBoolean(true);
			Thread sampler = new Thread(() -> {
				while (running.get()) {
					peak.accumulateAndGet(live(memory), Math::max);
					try {
						Thread.sleep(SAMPLE_MILLIS);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "heap-sampler");
			sampler.start();
			bundle(policy);
			running.set(false);
			sampler.join();
			long after = live(memory);
			runs.add(new long[] { before, peak.get(), after });
		}
		runs.sort(Comparator.comparingLong((long[] run) -> run[1] - run[0]));
		return runs.get(runs.size() / 2);
	}

	private static long live(MemoryMXBean memory) {
		memory.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static String heapLine(int files, long[] heap) {
		return String.format(Locale.ROOT, "%-14d %10d %10d %10d %14d%n", files, heap[0] / 1024, heap[1] / 1024,
				heap[2] / 1024, (heap[1] - heap[0]) / 1024);
	}

	/** Unpacks the bundle of {@code policy} with the real tar into a new directory. */
	private Path unpack(String policy) throws Exception {
		Path tree = Files.createDirectory(work.resolve("tree"));
		run(List.of("tar", "-xzf", bundle(policy).path().toString(), "-C", tree.toString()));
		return tree;
	}

	private BundleFile bundle(String policy) {
		return asUser("bench", "ROLE_ADMIN", () -> this.bundles.bundle(policy, 1));
	}

	private static void clearCache() throws IOException {
		Path cache = dataDir.resolve("bundles");
		if (!Files.isDirectory(cache)) {
			return;
		}
		try (Stream<Path> files = Files.list(cache)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
	}

	/**
	 * A policy whose ForwardPath reads {@code count} override files, saved as version 1,
	 * proposed by its author and approved by another reviewer.
	 */
	private String approved(String name, int count) {
		asUser("bench", "ROLE_ADMIN", () -> {
			this.policies.create(name, "", null);
			Draft draft = this.policies.draft(name);
			List<Forwards.OverrideFile> overrides = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				overrides.add(new Forwards.OverrideFile(String.format("user%05d", i),
						(i % 10 == 0) ? String.format("user%05d@archive.example.org%n", i) : ""));
			}
			SecurityOptions o = draft.policy().options();
			Policy filled = draft.policy()
				.withForwards(new Forwards(DIRECTORY, overrides))
				.withOptions(new SecurityOptions(o.defaultUser(), DIRECTORY + "/$u.forward:$z/.forward", o.logLevel(),
						o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
			this.policies.replaceDraft(name, draft.revision(), null, filled);
			this.policies.saveVersion(name, "Start", null);
			return this.reviews.propose(name, 1, "Benchmark");
		});
		asUser("rita", "ROLE_REVIEWER", () -> this.reviews.approve(name, 1, "Looks right"));
		return name;
	}

	private static void run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(command + " failed: " + new String(output));
		}
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static double[] summary(double[] samples) {
		double[] sorted = samples.clone();
		Arrays.sort(sorted);
		return new double[] { sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.9) - 1] };
	}

	private static <T> T asUser(String name, String role, Supplier<T> call) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null,
					AuthorityUtils.createAuthorityList(role)));
		try {
			return call.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
