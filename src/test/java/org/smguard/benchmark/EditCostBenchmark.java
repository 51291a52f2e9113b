package org.smguard.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.policy.Draft;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.SecurityOptions;
import org.smguard.testing.SignedIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * What one-entry operations cost on a policy with {@value #LARGE} override files against
 * the same operations on one with {@value #SMALL}: every request goes through the whole
 * console (security filters, controller, service, the H2 file database), only the socket
 * is left out. A benchmark, not a test: it runs only with {@code -Dbenchmark=true},
 * prints the medians and writes them to {@code target/benchmark/edit-cost.txt}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class EditCostBenchmark {

	static final int SMALL = 10;

	static final int LARGE = 50_000;

	private static final int WARMUP = 10;

	private static final int RUNS = Integer.getInteger("benchmark.runs", 40);

	private static final String DIRECTORY = "/usr/local/etc/forwards";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> "benchmark-operator-secret");
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private PolicyService policies;

	private int counter;

	@Test
	void comparesOneEntryOperationsOnSmallAndLargePolicies() throws IOException {
		String smallPolicy = create("small", SMALL);
		String largePolicy = create("large", LARGE);
		// A first round warms the JVM and the database caches up for both.
		measure(smallPolicy);
		measure(largePolicy);
		Map<String, double[]> small = measure(smallPolicy);
		Map<String, double[]> large = measure(largePolicy);
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT, "%-44s %12s %12s %7s%n", "operation (median / p90 ms)",
				SMALL + " files", LARGE + " files", "ratio"));
		small.forEach((operation, figures) -> {
			double[] big = large.get(operation);
			table.append(String.format(Locale.ROOT, "%-44s %5.1f / %4.1f %5.1f / %4.1f %6.2fx%n", operation, figures[0],
					figures[1], big[0], big[1], big[0] / figures[0]));
		});
		System.out.print(table);
		Path out = Path.of("target", "benchmark", "edit-cost.txt");
		Files.createDirectories(out.getParent());
		Files.writeString(out, table);
	}

	/** A policy whose ForwardPath reads {@code count} override files. */
	private String create(String name, int count) {
		return asAdmin(() -> {
			this.policies.create(name, "", null);
			Draft draft = this.policies.draft(name);
			List<Forwards.OverrideFile> overrides = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				overrides.add(new Forwards.OverrideFile(userName(i),
						(i % 10 == 0) ? userName(i) + "@archive.example.org\n" : ""));
			}
			SecurityOptions o = draft.policy().options();
			Policy filled = draft.policy()
				.withForwards(new Forwards(DIRECTORY, overrides))
				.withOptions(new SecurityOptions(o.defaultUser(), DIRECTORY + "/$u.forward:$z/.forward", o.logLevel(),
						o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
			this.policies.replaceDraft(name, draft.revision(), null, filled);
			this.policies.saveVersion(name, "Start", null);
			return name;
		});
	}

	private Map<String, double[]> measure(String policy) {
		String base = "/policies/" + policy;
		String api = "/api/v1/policies/" + policy;
		String middle = userName((policy.equals("small") ? SMALL : LARGE) / 2);
		String pageOf50 = (policy.equals("small") ? "page=0" : "page=300") + "&size=50";
		Map<String, double[]> figures = new LinkedHashMap<>();
		figures.put("API: PUT one override file",
				time(() -> put(api + "/draft/overrides/" + middle).contentType(MediaType.APPLICATION_JSON)
					.content("{\"content\":\"" + next() + "@example.org\\n\",\"draftRevision\":" + revision(policy)
							+ "}")
					.with(admin())));
		figures.put("API: GET one override file", time(() -> get(api + "/draft/overrides/" + middle).with(admin())));
		figures.put("API: GET a page of override files (50; 10)",
				time(() -> get(api + "/draft/overrides?" + pageOf50).with(admin())));
		figures.put("browser: add or replace one override file",
				time(() -> post(base + "/forwards/overrides").param("draftRevision", Long.toString(revision(policy)))
					.param("user", middle)
					.param("content", next() + "@example.org")
					.with(admin())
					.with(csrf())));
		figures.put("browser: save the shells tab",
				time(() -> post(base + "/shells").param("draftRevision", Long.toString(revision(policy)))
					.param("entries", "/bin/sh\n/bin/bash\n/usr/bin/shell" + next())
					.with(admin())
					.with(csrf())));
		figures.put("browser: show the overrides tab", time(() -> get(base + "/forwards").with(admin())));
		figures.put("API: GET draft sendmail.cf", time(() -> get(api + "/draft/files/sendmail.cf").with(admin())));
		figures.put("API: GET draft <user>.forward",
				time(() -> get(api + "/draft/files/" + middle + ".forward").with(admin())));
		figures.put("API: GET version 1 sendmail.cf",
				time(() -> get(api + "/versions/1/files/sendmail.cf").with(admin())));
		figures.put("API: GET a page of version 1's overrides",
				time(() -> get(api + "/versions/1/overrides?" + pageOf50).with(admin())));
		figures.put("browser: show version 1 (a page of overrides)", time(
				() -> get(base + "/versions/1").param("page", policy.equals("small") ? "0" : "300").with(admin())));
		// What the version page read before it was paged: the whole version.
		figures.put("for scale: load version 1 whole (service)",
				timeCall(() -> asAdmin(() -> this.policies.version(policy, 1))));
		figures.put("save a version after a one-file change", timeSave(policy, middle));
		return figures;
	}

	/** Saving a version, each time after one override file changed (not timed). */
	private double[] timeSave(String policy, String user) {
		double[] samples = new double[WARMUP + RUNS];
		for (int i = 0; i < samples.length; i++) {
			asAdmin(() -> this.policies.putOverride(policy, this.policies.draftSettings(policy).revision(),
					new Forwards.OverrideFile(user, next() + "@example.org\n")));
			long start = System.nanoTime();
			asAdmin(() -> this.policies.saveVersion(policy, "One more", null));
			samples[i] = (System.nanoTime() - start) / 1e6;
		}
		return summary(Arrays.copyOfRange(samples, WARMUP, samples.length));
	}

	private double[] timeCall(Supplier<?> call) {
		double[] samples = new double[WARMUP + RUNS];
		for (int i = 0; i < samples.length; i++) {
			long start = System.nanoTime();
			call.get();
			samples[i] = (System.nanoTime() - start) / 1e6;
		}
		return summary(Arrays.copyOfRange(samples, WARMUP, samples.length));
	}

	private double[] time(Supplier<RequestBuilder> request) {
		double[] samples = new double[WARMUP + RUNS];
		for (int i = 0; i < samples.length; i++) {
			RequestBuilder built = request.get();
			long start = System.nanoTime();
			int status;
			try {
				status = this.mvc.perform(built).andReturn().getResponse().getStatus();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			samples[i] = (System.nanoTime() - start) / 1e6;
			assertThat(status).as("status").isLessThan(400);
		}
		return summary(Arrays.copyOfRange(samples, WARMUP, samples.length));
	}

	private static double[] summary(double[] samples) {
		Arrays.sort(samples);
		return new double[] { samples[samples.length / 2], samples[(int) (samples.length * 0.9)] };
	}

	private long revision(String policy) {
		return asAdmin(() -> this.policies.draftSettings(policy).revision());
	}

	private String next() {
		return "n" + (++this.counter);
	}

	private static RequestPostProcessor admin() {
		return user("bench").roles("ADMIN");
	}

	private static String userName(int i) {
		return String.format("user%05d", i);
	}

	private static <T> T asAdmin(Supplier<T> call) {
		return SignedIn.as("bench", call, "ADMIN");
	}

}
