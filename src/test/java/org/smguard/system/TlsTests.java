package org.smguard.system;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.testing.HostTools;
import org.smguard.testing.InProcessConsole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTPS served by the console itself from a PEM certificate and key (a Spring Boot SSL
 * bundle), and plain HTTP behind a TLS-terminating proxy that says so: HSTS and a
 * {@code Secure} session cookie exactly when the client's connection is TLS.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlsTests {

	private static final String ADMIN_PASSWORD = "tls-operator-secret";

	@TempDir
	Path dir;

	@Test
	void servesHttpsFromAPemCertificateWithStrictTransportSecurity() throws Exception {
		HostTools.assumeExecutable(Path.of("/usr/bin/openssl"), "apt-get install openssl");
		Path key = this.dir.resolve("key.pem");
		Path certificate = this.dir.resolve("certificate.pem");
		Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
				key.toString(), "-out", certificate.toString(), "-days", "2", "-subj", "/CN=localhost", "-addext",
				"subjectAltName=DNS:localhost,IP:127.0.0.1")
			.redirectErrorStream(true)
			.start();
		String output = new String(openssl.getInputStream().readAllBytes());
		assertThat(openssl.waitFor()).as(output).isZero();
		try (InProcessConsole console = InProcessConsole.start(this.dir.resolve("data"), ADMIN_PASSWORD,
				"--server.ssl.bundle=web", "--spring.ssl.bundle.pem.web.keystore.certificate=file:" + certificate,
				"--spring.ssl.bundle.pem.web.keystore.private-key=file:" + key)) {
			HttpClient client = HttpClient.newBuilder()
				.sslContext(trusting(certificate))
				.connectTimeout(Duration.ofSeconds(10))
				.build();
			HttpResponse<String> login = client
				.send(HttpRequest.newBuilder(URI.create("https://localhost:" + console.port() + "/login"))
					.timeout(Duration.ofSeconds(30))
					.build(), BodyHandlers.ofString());
			assertThat(login.statusCode()).isEqualTo(200);
			assertThat(login.headers().firstValue("Strict-Transport-Security")).contains(SecurityHeadersFilter.HSTS);
			assertThat(sessionCookie(login)).contains("Secure").contains("HttpOnly");
			HttpResponse<String> api = client
				.send(HttpRequest.newBuilder(URI.create("https://localhost:" + console.port() + "/api/v1/policies"))
					.timeout(Duration.ofSeconds(30))
					.build(), BodyHandlers.ofString());
			assertThat(api.statusCode()).isEqualTo(401);
			assertThat(api.headers().firstValue("Strict-Transport-Security")).contains(SecurityHeadersFilter.HSTS);
		}
	}

	@Test
	void trustsTheProxysWordOnTlsOnlyWhenToldTo() throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		try (InProcessConsole plain = InProcessConsole.start(this.dir.resolve("plain"), ADMIN_PASSWORD)) {
			HttpResponse<String> login = client.send(forwardedAsHttps(plain), BodyHandlers.ofString());
			assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
			assertThat(sessionCookie(login)).doesNotContain("Secure");
		}
		try (InProcessConsole proxied = InProcessConsole.start(this.dir.resolve("proxied"), ADMIN_PASSWORD,
				"--server.forward-headers-strategy=native")) {
			HttpResponse<String> login = client.send(forwardedAsHttps(proxied), BodyHandlers.ofString());
			assertThat(login.headers().firstValue("Strict-Transport-Security")).contains(SecurityHeadersFilter.HSTS);
			assertThat(sessionCookie(login)).contains("Secure");
		}
	}

	/** What a TLS-terminating proxy on this host sends on: plain HTTP, saying https. */
	private static HttpRequest forwardedAsHttps(InProcessConsole console) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + "/login"))
			.header("X-Forwarded-Proto", "https")
			.timeout(Duration.ofSeconds(30))
			.build();
	}

	private static String sessionCookie(HttpResponse<String> response) {
		List<String> cookies = response.headers().allValues("Set-Cookie");
		return cookies.stream().filter((cookie) -> cookie.startsWith("JSESSIONID=")).findFirst().orElse("");
	}

	private static SSLContext trusting(Path certificate) throws Exception {
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		try (InputStream in = Files.newInputStream(certificate)) {
			trusted.setCertificateEntry("console", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
