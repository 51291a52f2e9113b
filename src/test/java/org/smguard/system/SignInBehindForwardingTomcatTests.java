package org.smguard.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.testing.ApiClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console behind a TLS-terminating proxy whose forwarded headers Tomcat believes
 * ({@code server.forward-headers-strategy=native}, the loopback address being one of
 * Tomcat's internal proxies): the throttle counts the client Tomcat reports, with no
 * setting of its own, and the session cookie is Secure when the proxy says the request
 * came over HTTPS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "smguard.admin-password=forwarded-operator-secret", "server.forward-headers-strategy=native" })
class SignInBehindForwardingTomcatTests {

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
	void countsTheClientTomcatReports() {
		for (int i = 0; i < 20; i++) {
			assertThat(signIn("sprayed-" + i, "203.0.113.1").statusCode()).isEqualTo(401);
		}
		assertThat(signIn("fresh-name", "203.0.113.1").statusCode()).isEqualTo(429);
		assertThat(signIn("fresh-name", "203.0.113.2").statusCode()).as("another client behind the proxy")
			.isEqualTo(401);
	}

	@Test
	void marksTheSessionCookieSecureWhenTheProxySaysHttps() throws Exception {
		HttpResponse<Void> page = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
				.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-For", "203.0.113.3")
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(page.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("JSESSIONID=")
				.contains("; Secure", "; HttpOnly", "; SameSite=Lax"));
	}

	private HttpResponse<Void> signIn(String username, String forwardedFor) {
		HttpRequest request = ApiClient.forPort(this.port)
			.as(username, "wrong-guess")
			.request("/api/v1/policies")
			.header("X-Forwarded-For", forwardedFor)
			.GET()
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding());
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
