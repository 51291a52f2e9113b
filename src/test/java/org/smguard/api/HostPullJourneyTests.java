package org.smguard.api;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.testing.ApiClient;
import org.smguard.testing.ApiClient.Response;
import org.smguard.testing.HostTools;
import org.smguard.testing.InProcessConsole;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code smguard-pull} (with curl and openssl) against the running console: a
 * host registered for a policy pulls its published version, verifies and installs it,
 * reports it (no more drift), is told the next time that it is current (304), and is
 * refused once its token is rotated.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostPullJourneyTests {

	private static final String ADMIN_PASSWORD = "pull-operator-secret";

	private static final String PASSWORD = "pull-account-secret";

	@TempDir
	Path dataDir;

	@TempDir
	Path work;

	@Test
	void aHostPullsInstallsAndReportsItsPublishedVersion() throws Exception {
		HostTools.assumeSendmail();
		try (InProcessConsole console = InProcessConsole.start(this.dataDir, ADMIN_PASSWORD)) {
			ApiClient admin = console.api().as("admin", ADMIN_PASSWORD);
			expect(admin.post("/api/v1/users",
					Map.of("username", "rhea", "password", PASSWORD, "roles", List.of("REVIEWER"))), 201);
			ApiClient reviewer = console.api().as("rhea", PASSWORD);
			Response saved = admin.post("/api/v1/policies/default/versions", Map.of("message", "first"));
			expect(saved, 201);
			int version = saved.json().get("number").asInt();
			String path = "/api/v1/policies/default/versions/" + version;
			expect(admin.post(path + "/propose", Map.of()), 200);
			expect(reviewer.post(path + "/approve", Map.of()), 200);
			expect(reviewer.post(path + "/publish", Map.of()), 200);
			Response registered = admin.post("/api/v1/hosts", Map.of("name", "mx1.example.org", "policy", "default"));
			expect(registered, 201);

			Path root = Files.createDirectories(this.work.resolve("root"));
			Path etc = Files.createDirectories(root.resolve("etc/smguard"));
			Files.writeString(etc.resolve("host-token"), registered.json().get("token").asString() + "\n");
			Files.writeString(etc.resolve("smguard.pub"),
					admin.get("/api/v1/signing-key").json().get("publicKey").asString());
			Path config = etc.resolve("pull.conf");
			Files.writeString(config, "url=http://127.0.0.1:" + console.port() + "\ntoken-file="
					+ etc.resolve("host-token") + "\nkey=" + etc.resolve("smguard.pub") + "\n");
			Path script = this.work.resolve("smguard-pull");
			try (InputStream in = getClass().getClassLoader().getResourceAsStream("bundle/smguard-pull")) {
				Files.write(script, in.readAllBytes());
			}
			List<String> pull = List.of("sh", script.toString(), "--config", config.toString());

			Run first = Run.of(this.work, pull, root);
			assertThat(first.status()).as(first.output()).isZero();
			assertThat(first.output()).contains("installing policy 'default' version " + version);
			assertThat(root.resolve("etc/mail/sendmail.cf")).exists();
			JsonNode host = admin.get("/api/v1/hosts/mx1.example.org").json();
			assertThat(host.get("installedVersion").asInt()).isEqualTo(version);
			assertThat(host.get("drift").asBoolean()).isFalse();
			// The trial root has none of the shells the policy lists: the host says so,
			// the advisor too.
			assertThat(admin.get("/api/v1/policies/default/draft/advice").json().get("findings").toString())
				.contains("\"title\":\"/bin/dash is listed but does not exist on mx1.example.org\"");

			Run second = Run.of(this.work, pull, root);
			assertThat(second.status()).as(second.output()).isZero();
			assertThat(second.output()).contains("version " + version + " is current");

			expect(admin.post("/api/v1/hosts/mx1.example.org/token", Map.of()), 200);
			Run refused = Run.of(this.work, pull, root);
			assertThat(refused.status()).as(refused.output()).isEqualTo(1);
			assertThat(refused.output()).contains("does not accept this host's token");
		}
	}

	private static void expect(Response response, int status) {
		assertThat(response.status()).as("%s", response).isEqualTo(status);
	}

	/** A finished process: its exit status and everything it printed. */
	record Run(int status, String output) {

		static Run of(Path directory, List<String> command, Path destdir) throws Exception {
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true);
			builder.environment().put("DESTDIR", destdir.toString());
			Process process = builder.start();
			process.getOutputStream().close();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(180, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("timed out: " + command);
			}
			return new Run(process.exitValue(), new String(output));
		}

	}

}
