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
import org.smguard.policy.DraftSection;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.SecurityOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * What a diff of two versions costs on a policy with {@value #LARGE} override files whose
 * versions differ in a few entries, against the same diff on one with {@value #SMALL}:
 * every request goes through the whole console (security filters, controller, service,
 * the H2 file database), only the socket is left out. For scale it also times what
 * loading both whole versions costs. A benchmark, not a test: it runs only with
 * {@code -Dbenchmark=true}, prints the medians and writes them to
 * {@code target/benchmark/diff-cost.txt}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class DiffCostBenchmark {

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

	@Test
	void comparesTheDiffOfAFewEntriesOnSmallAndLargePolicies() throws IOException {
		String smallPolicy = create("small", SMALL);
		String largePolicy = create("large", LARGE);
		// A first round warms the JVM and the database caches up for both.
		measure(smallPolicy);
		measure(largePolicy);
		Map<String, double[]> small = measure(smallPolicy);
		Map<String, double[]> large = measure(largePolicy);
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT, "%-52s %14s %14s %8s%n", "operation (median / p90 ms)",
				SMALL + " files", LARGE + " files", "ratio"));
		small.forEach((operation, figures) -> {
			double[] big = large.get(operation);
			table.append(String.format(Locale.ROOT, "%-52s %6.1f / %5.1f %6.1f / %5.1f %7.2fx%n", operation, figures[0],
					figures[1], big[0], big[1], big[0] / figures[0]));
		});
		System.out.print(table);
		Path out = Path.of("target", "benchmark", "diff-cost.txt");
		Files.createDirectories(out.getParent());
		Files.writeString(out, table);
	}

	/**
	 * A policy whose ForwardPath reads {@code count} override files (version 1), then
	 * version 2 with one file changed, one added, one removed and LogLevel changed, then
	 * version 3 with one more file changed.
	 */
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
			put(name, userName(count / 2), "moved@example.org\n");
			put(name, "newcomer", "");
			this.policies.removeOverride(name, revision(name), userName(count - 1));
			Draft current = this.policies.draft(name);
			SecurityOptions c = current.policy().options();
			this.policies.changeSection(name, current.revision(), DraftSection.OPTIONS,
					(p) -> p.withOptions(new SecurityOptions(c.defaultUser(), c.forwardPath(), 12, c.postmasterCopy(),
							c.privacyOptions(), c.safeFileEnvironment(), c.tempFileMode())));
			this.policies.saveVersion(name, "A few entries", null);
			put(name, userName(1), "one@example.org\n");
			this.policies.saveVersion(name, "One more", null);
			return name;
		});
	}

	private Map<String, double[]> measure(String policy) {
		String api = "/api/v1/policies/" + policy + "/versions";
		Map<String, double[]> figures = new LinkedHashMap<>();
		figures.put("API: diff 1 -> 2 as JSON", time(() -> get(api + "/1/diff/2").with(admin())));
		figures.put("API: diff 1 -> 2 as text/x-diff",
				time(() -> get(api + "/1/diff/2").header(HttpHeaders.ACCEPT, "text/x-diff").with(admin())));
		figures.put("API: diff 3 -> 1 as JSON", time(() -> get(api + "/3/diff/1").with(admin())));
		figures.put("browser: the compare page 1 -> 2",
				time(() -> get("/policies/" + policy + "/versions/1/diff/2").with(admin())));
		figures.put("browser: the review page of version 2 (diff, check by rules and sendmail)",
				time(() -> get("/policies/" + policy + "/versions/2/review").with(admin())));
		figures.put("for scale: load versions 1 and 2 whole", timeCall(() -> {
			this.policies.version(policy, 1);
			return this.policies.version(policy, 2);
		}));
		return figures;
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
			assertThat(status).as("status").isEqualTo(200);
		}
		return summary(Arrays.copyOfRange(samples, WARMUP, samples.length));
	}

	private double[] timeCall(Supplier<?> call) {
		int runs = Math.max(5, RUNS / 4);
		double[] samples = new double[2 + runs];
		for (int i = 0; i < samples.length; i++) {
			long start = System.nanoTime();
			asAdmin(call);
			samples[i] = (System.nanoTime() - start) / 1e6;
		}
		return summary(Arrays.copyOfRange(samples, 2, samples.length));
	}

	private static double[] summary(double[] samples) {
		Arrays.sort(samples);
		return new double[] { samples[samples.length / 2], samples[(int) (samples.length * 0.9)] };
	}

	private void put(String policy, String user, String content) {
		this.policies.putOverride(policy, revision(policy), new Forwards.OverrideFile(user, content));
	}

	private long revision(String policy) {
		return this.policies.draftSettings(policy).revision();
	}

	private static RequestPostProcessor admin() {
		return user("bench").roles("ADMIN");
	}

	private static String userName(int i) {
		return String.format("user%05d", i);
	}

	private static <T> T asAdmin(Supplier<T> call) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("bench", null,
					AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
		try {
			return call.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
