package org.smguard.system;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.testing.ApiClient;
import org.smguard.testing.FormBrowser;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console behind a reverse proxy that ends TLS, as an operator sets it up: the proxy
 * (here the test itself, on the loopback address) is trusted, so the throttle counts the
 * client that {@code X-Forwarded-For} names, and the session cookie is marked Secure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "smguard.admin-password=proxy-operator-secret", "smguard.signin.trusted-proxies=127.0.0.1, ::1",
				"server.servlet.session.cookie.secure=true" })
class SignInBehindProxyTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void countsEachForwardedClientOnItsOwn() {
		for (int i = 0; i < 20; i++) {
			assertThat(get("sprayed-" + i, "203.0.113.1")).isEqualTo(401);
		}
		assertThat(get("fresh-name", "203.0.113.1")).isEqualTo(429);
		assertThat(get("fresh-name", "203.0.113.2")).as("another client behind the proxy").isEqualTo(401);
		assertThat(get("fresh-name", "203.0.113.2, 203.0.113.1"))
			.as("what the client wrote before the proxy's entry does not count")
			.isEqualTo(429);
	}

	@Test
	void marksTheSessionCookieSecure() {
		HttpResponse<String> page = new FormBrowser(this.port).get("/login");
		assertThat(page.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("JSESSIONID=")
				.contains("; Secure", "; HttpOnly", "; SameSite=Lax"));
	}

	private int get(String username, String forwardedFor) {
		HttpRequest request = ApiClient.forPort(this.port)
			.as(username, "wrong-guess")
			.request("/api/v1/policies")
			.header("X-Forwarded-For", forwardedFor)
			.GET()
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
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
