package org.smguard.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.testing.ApiClient;
import org.smguard.testing.InProcessConsole;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing key through the running console: made at first start in the data directory,
 * served as JSON and PEM to signed-in clients only, and the same after a restart.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SigningKeyApiTests {

	private static final String ADMIN_PASSWORD = "signing-operator-secret";

	@TempDir
	Path dataDir;

	@Test
	void servesTheSameKeyAcrossRestarts() {
		String fingerprint;
		try (InProcessConsole console = InProcessConsole.start(this.dataDir, ADMIN_PASSWORD)) {
			ApiClient admin = console.api().as("admin", ADMIN_PASSWORD);
			ApiClient.Response json = admin.get("/api/v1/signing-key");
			assertThat(json.status()).isEqualTo(200);
			JsonNode key = json.json();
			assertThat(key.get("algorithm").asString()).isEqualTo("Ed25519");
			assertThat(key.get("publicKey").asString()).startsWith("-----BEGIN PUBLIC KEY-----");
			fingerprint = key.get("fingerprint").asString();
			assertThat(Files.exists(this.dataDir.resolve("signing-key.pem"))).isTrue();
			ApiClient.Response pem = admin
				.send(admin.request("/api/v1/signing-key").setHeader("Accept", "application/x-pem-file").GET());
			assertThat(pem.status()).isEqualTo(200);
			assertThat(pem.body()).isEqualTo(key.get("publicKey").asString());
			assertThat(console.api().anonymous().get("/api/v1/signing-key").status()).isEqualTo(401);
		}
		try (InProcessConsole console = InProcessConsole.start(this.dataDir, ADMIN_PASSWORD)) {
			assertThat(console.api()
				.as("admin", ADMIN_PASSWORD)
				.get("/api/v1/signing-key")
				.json()
				.get("fingerprint")
				.asString()).isEqualTo(fingerprint);
		}
	}

}
