package org.smguard.api;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.testing.ApiClient;
import org.smguard.testing.MovableClock;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;

/**
 * The sign-in throttle through the running console and HTTP Basic, as a script (or an
 * attacker) meets it: the failures per name and per address, what a refusal says and
 * costs, and the window, moved on with the console's clock instead of waited out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "smguard.admin-password=" + SignInThrottleApiTests.ADMIN_PASSWORD)
class SignInThrottleApiTests {

	static final String ADMIN_PASSWORD = "throttle-operator-secret";

	private static final String PASSWORD = "lantern-orbit-harbour";

	private static final MovableClock CLOCK = new MovableClock(Instant.parse("2025-06-01T08:00:00Z"));

	private static final String PATH = "/api/v1/policies";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", () -> dataDir.toString());
	}

	@TestBean
	private Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	@MockitoSpyBean
	private PasswordEncoder passwordEncoder;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void startAFreshWindow() {
		// Whatever an earlier test counted has left the window.
		CLOCK.advance(Duration.ofHours(1));
	}

	@Test
	void refusesTheSixthAttemptWithin15MinutesEvenWithTheRightPasswordAndChecksNoHash() {
		String name = newAccount();
		for (int i = 0; i < 5; i++) {
			assertThat(get(name, "wrong-guess-" + i).statusCode()).as("failure %d", i + 1).isEqualTo(401);
			CLOCK.advance(Duration.ofSeconds(30));
		}
		clearInvocations(this.passwordEncoder);
		HttpResponse<String> refused = get(name, PASSWORD);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).contains("750");
		assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json;charset=UTF-8");
		assertThat(refused.headers().firstValue("Content-Security-Policy")).as("the security headers").isPresent();
		assertThat(ApiClient.JSON.readTree(refused.body()).get("title").asString())
			.isEqualTo("Too many sign-in attempts");
		then(this.passwordEncoder).should(never()).matches(any(), any());

		CLOCK.advance(Duration.ofSeconds(749));
		assertThat(get(name, PASSWORD).statusCode()).as("a second before the first failure expires").isEqualTo(429);
		CLOCK.advance(Duration.ofSeconds(1));
		assertThat(get(name, PASSWORD).statusCode()).as("once it has expired").isEqualTo(200);
	}

	@Test
	void letsNoMoreThanFiveGuessesThroughWhenTheyAreSentAtOnce() {
		String name = newAccount();
		List<CompletableFuture<HttpResponse<Void>>> guesses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			guesses.add(this.http.sendAsync(
					ApiClient.forPort(this.port).as(name, "parallel-guess-" + i).request(PATH).GET().build(),
					HttpResponse.BodyHandlers.discarding()));
		}
		Map<Integer, Long> statuses = guesses.stream()
			.map(CompletableFuture::join)
			.collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
		assertThat(statuses.keySet()).as("%s", statuses).containsAnyOf(401).isSubsetOf(401, 429);
		assertThat(statuses.get(401)).as("%s", statuses).isLessThanOrEqualTo(5);
		assertThat(get(name, PASSWORD).statusCode()).isEqualTo(429);
	}

	@Test
	void answersAnUnknownNameExactlyAsAWrongPasswordForAKnownOne() {
		String known = newAccount();
		String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 6; i++) {
			HttpResponse<String> forKnown = get(known, "wrong-guess-" + i);
			HttpResponse<String> forUnknown = get(unknown, "wrong-guess-" + i);
			assertThat(forUnknown.statusCode()).as("attempt %d", i + 1).isEqualTo(forKnown.statusCode());
			assertThat(forUnknown.body()).isEqualTo(forKnown.body());
			assertThat(forUnknown.headers().firstValue("WWW-Authenticate"))
				.isEqualTo(forKnown.headers().firstValue("WWW-Authenticate"));
			assertThat(forUnknown.headers().firstValue("Retry-After"))
				.isEqualTo(forKnown.headers().firstValue("Retry-After"));
		}
		assertThat(get(unknown, "any").statusCode()).isEqualTo(429);
	}

	@Test
	void refusesAnUnknownNameWithoutCostingAHash() {
		String unknown = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 5; i++) {
			get(unknown, "wrong-guess-" + i);
		}
		clearInvocations(this.passwordEncoder);
		assertThat(get(unknown, "wrong-guess-6").statusCode()).isEqualTo(429);
		then(this.passwordEncoder).should(never()).matches(any(), any());
	}

	@Test
	void aSuccessfulSignInClearsTheCountOfTheName() {
		String name = newAccount();
		for (int i = 0; i < 4; i++) {
			assertThat(get(name, "wrong-guess-" + i).statusCode()).isEqualTo(401);
		}
		assertThat(get(name, PASSWORD).statusCode()).isEqualTo(200);
		for (int i = 0; i < 4; i++) {
			assertThat(get(name, "wrong-again-" + i).statusCode()).isEqualTo(401);
		}
		assertThat(get(name, PASSWORD).statusCode()).as("4 failures since the success").isEqualTo(200);
	}

	@Test
	void refusesEveryNameFromAnAddressAfter20FailuresAcrossNames() {
		String name = newAccount();
		for (int i = 0; i < 20; i++) {
			assertThat(get("sprayed-" + i + "-" + UUID.randomUUID().toString().substring(0, 4), "guess").statusCode())
				.as("failure %d", i + 1)
				.isEqualTo(401);
		}
		clearInvocations(this.passwordEncoder);
		HttpResponse<String> refused = get(name, PASSWORD);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).contains("900");
		then(this.passwordEncoder).should(never()).matches(any(), any());
		CLOCK.advance(Duration.ofMinutes(15));
		assertThat(get(name, PASSWORD).statusCode()).isEqualTo(200);
	}

	@Test
	void ignoresXForwardedForFromAClientThatIsNoTrustedProxy() {
		for (int i = 0; i < 20; i++) {
			assertThat(get("spoofer-" + i, "guess", "X-Forwarded-For", "203.0.113." + i).statusCode()).isEqualTo(401);
		}
		assertThat(get("spoofer-new", "guess", "X-Forwarded-For", "203.0.113.99").statusCode())
			.as("counted by the connection's address, whatever the header says")
			.isEqualTo(429);
	}

	@Test
	void recordsEachThrottlingOnceInTheAuditTrail() {
		String name = newAccount();
		for (int i = 0; i < 5; i++) {
			get(name, "wrong-guess-" + i);
		}
		for (int i = 0; i < 4; i++) {
			assertThat(get(name, PASSWORD).statusCode()).isEqualTo(429);
		}
		JsonNode entries = auditOf(name);
		assertThat(entries.findValuesAsString("action")).as("newest first")
			.containsExactly("sign-in-throttled", "sign-in-failed", "sign-in-failed", "sign-in-failed",
					"sign-in-failed", "sign-in-failed");
		assertThat(entries.get(0).get("detail").asString())
			.isEqualTo("too many failed sign-ins for the name within 15 min; refused for 900 s");
		assertThat(entries.get(0).get("address").asString()).isEqualTo("127.0.0.1");
	}

	@Test
	void throttlesGuessedApiTokensByAddressAndRecordsIt() {
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> guess = getWithToken("smg_guess" + i);
			assertThat(guess.statusCode()).as("guess %d", i + 1).isEqualTo(401);
		}
		HttpResponse<String> refused = getWithToken("smg_guess20");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).contains("900");
		assertThat(get("admin", ADMIN_PASSWORD).statusCode()).as("nor a password from there").isEqualTo(429);

		CLOCK.advance(Duration.ofMinutes(15));
		JsonNode entries = auditOf("anonymous");
		assertThat(entries.get(0).get("action").asString()).isEqualTo("sign-in-throttled");
		assertThat(entries.get(0).get("detail").asString())
			.isEqualTo("too many failed sign-ins from the address within 15 min; refused for 900 s");
	}

	private JsonNode auditOf(String actor) {
		ApiClient.Response page = ApiClient.forPort(this.port)
			.as("admin", ADMIN_PASSWORD)
			.get("/api/v1/audit?actor=" + actor + "&from=" + CLOCK.instant().minus(Duration.ofMinutes(30)));
		assertThat(page.status()).as("%s", page).isEqualTo(200);
		return page.json().get("content");
	}

	private HttpResponse<String> getWithToken(String token) {
		try {
			return this.http.send(ApiClient.forPort(this.port).withToken(token).request(PATH).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String newAccount() {
		String name = "u" + UUID.randomUUID().toString().substring(0, 8);
		ApiClient.Response created = ApiClient.forPort(this.port)
			.as("admin", ADMIN_PASSWORD)
			.post("/api/v1/users", Map.of("username", name, "password", PASSWORD, "roles", List.of("VIEWER")));
		assertThat(created.status()).as("%s", created).isEqualTo(201);
		return name;
	}

	private HttpResponse<String> get(String username, String password, String... headers) {
		HttpRequest.Builder request = ApiClient.forPort(this.port).as(username, password).request(PATH).GET();
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
