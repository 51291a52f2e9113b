package org.smguard.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.testing.ApiClient;
import org.smguard.testing.InProcessConsole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What authentication costs per API call, over real HTTP against the whole console:
 * {@code GET /actuator/health} without authentication as the floor, then
 * {@code GET /api/v1/policies} with HTTP Basic (one BCrypt check per call) and with a
 * personal API token (one indexed query). A benchmark, not a test: it runs only with
 * {@code -Dbenchmark=true}, prints median and 90th percentile per call after a warm-up
 * and writes them to {@code target/benchmark/token-cost.txt}. The goal is that a token
 * call costs within 3× of the health check.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class TokenCostBenchmark {

	private static final String ADMIN_PASSWORD = "benchmark-operator-secret";

	private static final int WARMUP = 50;

	private static final int RUNS = Integer.getInteger("benchmark.runs", 200);

	@TempDir
	static Path dataDir;

	@Test
	void comparesHealthBasicAndBearerCalls() throws IOException {
		try (InProcessConsole console = InProcessConsole.start(dataDir, ADMIN_PASSWORD)) {
			ApiClient anonymous = console.api();
			ApiClient basic = anonymous.as("admin", ADMIN_PASSWORD);
			ApiClient.Response made = basic.post("/api/v1/tokens", Map.of("name", "benchmark"));
			assertThat(made.status()).as("%s", made).isEqualTo(201);
			ApiClient bearer = anonymous.withToken(made.json().get("token").asString());

			Map<String, double[]> figures = new LinkedHashMap<>();
			// A first round warms the JVM, the connection and the database caches up.
			for (int round = 0; round < 2; round++) {
				figures.put("GET /actuator/health, anonymous", time(anonymous, "/actuator/health"));
				figures.put("GET /api/v1/policies, HTTP Basic", time(basic, "/api/v1/policies"));
				figures.put("GET /api/v1/policies, Bearer token", time(bearer, "/api/v1/policies"));
			}
			double floor = figures.get("GET /actuator/health, anonymous")[0];
			StringBuilder table = new StringBuilder();
			table.append(String.format(Locale.ROOT, "%-38s %9s %9s %9s%n", "call (" + RUNS + " each, ms)", "median",
					"p90", "x health"));
			figures.forEach((call, f) -> table
				.append(String.format(Locale.ROOT, "%-38s %9.2f %9.2f %8.1fx%n", call, f[0], f[1], f[0] / floor)));
			System.out.print(table);
			Path out = Path.of("target", "benchmark", "token-cost.txt");
			Files.createDirectories(out.getParent());
			Files.writeString(out, table);
		}
	}

	private static double[] time(ApiClient client, String path) {
		double[] samples = new double[WARMUP + RUNS];
		for (int i = 0; i < samples.length; i++) {
			long start = System.nanoTime();
			ApiClient.Response response = client.get(path);
			samples[i] = (System.nanoTime() - start) / 1e6;
			assertThat(response.status()).as("%s: %s", path, response).isEqualTo(200);
		}
		double[] measured = Arrays.copyOfRange(samples, WARMUP, samples.length);
		Arrays.sort(measured);
		return new double[] { measured[measured.length / 2], measured[(int) (measured.length * 0.9)] };
	}

}
