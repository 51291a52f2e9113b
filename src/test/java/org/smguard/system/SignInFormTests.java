package org.smguard.system;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.testing.ApiClient;
import org.smguard.testing.FormBrowser;
import org.smguard.testing.MovableClock;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
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
 * The browser's sign-in form through the running console over HTTP, as a browser sends
 * it: the throttle's page, the count it shares with the API, one answer for a wrong
 * password and an unknown name, and the session it starts (cookie attributes, a new id,
 * the idle timeout).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "smguard.admin-password=" + SignInFormTests.ADMIN_PASSWORD)
@Import(SignInFormTests.SessionWatch.class)
class SignInFormTests {

	static final String ADMIN_PASSWORD = "form-operator-secret";

	private static final String PASSWORD = "quill-meadow-lantern";

	private static final MovableClock CLOCK = new MovableClock(Instant.parse("2025-06-01T08:00:00Z"));

	private static final List<Integer> SESSION_TIMEOUTS = new CopyOnWriteArrayList<>();

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

	@BeforeEach
	void startAFreshWindow() {
		CLOCK.advance(Duration.ofHours(1));
	}

	@Test
	void refusesTheSixthSignInWithAPageThatSaysWhenToTryAgain() {
		String name = newAccount();
		FormBrowser browser = new FormBrowser(this.port);
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> failed = browser.signIn(name, "wrong-guess-" + i);
			assertThat(failed.statusCode()).isEqualTo(302);
			assertThat(failed.headers().firstValue("Location")).hasValueSatisfying((l) -> l.endsWith("/login?error"));
		}
		clearInvocations(this.passwordEncoder);
		HttpResponse<String> refused = browser.signIn(name, PASSWORD);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).contains("900");
		assertThat(refused.headers().firstValue("Content-Security-Policy")).as("the security headers").isPresent();
		String retryAt = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
			.format(CLOCK.instant().plusSeconds(900).atOffset(ZoneOffset.UTC));
		assertThat(refused.body()).contains("<h1>Too many sign-in attempts</h1>",
				"Try again in <span>15 minutes</span>", "after <span>" + retryAt + "</span>",
				"href=\"/login\" id=\"back\"", "/css/smguard.css");
		then(this.passwordEncoder).should(never()).matches(any(), any());

		CLOCK.advance(Duration.ofMinutes(15));
		HttpResponse<String> signedIn = browser.signIn(name, PASSWORD);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying((l) -> l.endsWith("/"));
	}

	@Test
	void countsFormAndApiFailuresTogether() {
		String name = newAccount();
		FormBrowser browser = new FormBrowser(this.port);
		for (int i = 0; i < 3; i++) {
			assertThat(browser.signIn(name, "wrong-guess-" + i).statusCode()).isEqualTo(302);
		}
		ApiClient wrong = ApiClient.forPort(this.port).as(name, "wrong-guess");
		assertThat(wrong.get("/api/v1/policies").status()).isEqualTo(401);
		assertThat(wrong.get("/api/v1/policies").status()).isEqualTo(401);
		assertThat(browser.signIn(name, PASSWORD).statusCode()).isEqualTo(429);
		assertThat(ApiClient.forPort(this.port).as(name, PASSWORD).get("/api/v1/policies").status()).isEqualTo(429);
	}

	@Test
	void answersAWrongPasswordAndAnUnknownNameAlike() {
		String name = newAccount();
		HttpResponse<String> wrongPassword = new FormBrowser(this.port).signIn(name, "wrong-guess");
		HttpResponse<String> unknownName = new FormBrowser(this.port).signIn("nobody-" + name, "wrong-guess");
		assertThat(unknownName.statusCode()).isEqualTo(wrongPassword.statusCode()).isEqualTo(302);
		assertThat(unknownName.headers().firstValue("Location"))
			.isEqualTo(wrongPassword.headers().firstValue("Location"));
	}

	@Test
	void startsASessionWithAnHttpOnlySameSiteLaxCookieAndANewId() {
		String name = newAccount();
		FormBrowser browser = new FormBrowser(this.port);
		String before = sessionCookie(browser.get("/login"));
		HttpResponse<String> signedIn = browser.signIn(name, PASSWORD);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		String after = sessionCookie(signedIn);
		assertThat(after).contains("; HttpOnly").contains("; SameSite=Lax").doesNotContain("Secure");
		assertThat(value(after)).as("the session id is renewed at sign-in").isNotEqualTo(value(before));
		assertThat(browser.get("/policies").statusCode()).isEqualTo(200);
	}

	@Test
	void endsABrowserSessionAfter30IdleMinutes() {
		SESSION_TIMEOUTS.clear();
		new FormBrowser(this.port).signIn(newAccount(), PASSWORD);
		assertThat(SESSION_TIMEOUTS).isNotEmpty().containsOnly((int) Duration.ofMinutes(30).toSeconds());
	}

	private String newAccount() {
		String name = "u" + UUID.randomUUID().toString().substring(0, 8);
		ApiClient.Response created = ApiClient.forPort(this.port)
			.as("admin", ADMIN_PASSWORD)
			.post("/api/v1/users", Map.of("username", name, "password", PASSWORD, "roles", List.of("VIEWER")));
		assertThat(created.status()).as("%s", created).isEqualTo(201);
		return name;
	}

	private static String sessionCookie(HttpResponse<String> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("JSESSIONID="))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
	}

	private static String value(String setCookie) {
		return setCookie.substring(0, setCookie.indexOf(';'));
	}

	/** Notes the idle timeout of every session the console starts. */
	@TestConfiguration(proxyBeanMethods = false)
	static class SessionWatch {

		@Bean
		HttpSessionListener sessionTimeouts() {
			return new HttpSessionListener() {

				@Override
				public void sessionCreated(HttpSessionEvent event) {
					SESSION_TIMEOUTS.add(event.getSession().getMaxInactiveInterval());
				}

			};
		}

	}

}
