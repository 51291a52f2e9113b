package org.smguard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.smguard.policy.Policy;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole console on a random port with its own data directory, for tests that go
 * through HTTP like a script would. Subclasses share one running application; each test
 * works on a policy of its own ({@link #newPolicy()}), so that they do not depend on one
 * another's drafts. Requests are sent with {@link HttpClient} because it sends a path
 * exactly as written ({@code ..}, {@code %2F}), where other clients normalise it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RunningConsole {

	private static final Path DATA = HostTools.tempDirectory("smguard-test-data");

	private static final String PASSWORD = "a-long-test-password-" + UUID.randomUUID();

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> HostTools.delete(DATA)));
	}

	@DynamicPropertySource
	static void console(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", DATA::toString);
		registry.add("smguard.admin-password", () -> PASSWORD);
	}

	/** The password of the console's {@code admin}, for tests that sign in. */
	protected static String adminPassword() {
		return PASSWORD;
	}

	protected int port() {
		return this.port;
	}

	/** A new policy, a copy of Debian's stock settings and base cf; its name. */
	protected String newPolicy() {
		String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<byte[]> created = send("POST", "/api/v1/policies", "application/json",
				("{\"name\":\"" + name + "\",\"description\":\"test\"}").getBytes(StandardCharsets.UTF_8));
		assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
		return name;
	}

	/** Replaces a policy's draft with {@code policy}. */
	protected void putDraft(String name, Policy policy) {
		JsonNode draft = json(get("/api/v1/policies/" + name + "/draft"));
		ObjectNode body = (ObjectNode) JSON.valueToTree(policy);
		body.put("draftRevision", draft.get("draftRevision").asLong());
		HttpResponse<byte[]> put = send("PUT", "/api/v1/policies/" + name + "/draft", "application/json",
				JSON.writeValueAsBytes(body));
		assertThat(put.statusCode()).as(text(put)).isEqualTo(200);
	}

	/** A GET of {@code rawPath}, sent exactly as written. */
	protected HttpResponse<byte[]> get(String rawPath) {
		return send("GET", rawPath, null, null);
	}

	protected HttpResponse<byte[]> post(String rawPath) {
		return send("POST", rawPath, null, new byte[0]);
	}

	/** A multipart/form-data POST of files: part name to content. */
	protected HttpResponse<byte[]> postFiles(String rawPath, Map<String, byte[]> parts) {
		String boundary = "smguard-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		try {
			for (Map.Entry<String, byte[]> part : parts.entrySet()) {
				body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey()
						+ "\"; filename=\"" + part.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
				body.write(part.getValue());
				body.write("\r\n".getBytes(StandardCharsets.UTF_8));
			}
			body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return send("POST", rawPath, "multipart/form-data; boundary=" + boundary, body.toByteArray());
	}

	protected HttpResponse<byte[]> send(String method, String rawPath, String contentType, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + rawPath))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected static JsonNode json(HttpResponse<byte[]> response) {
		assertThat(response.statusCode()).as(text(response)).isBetween(200, 299);
		return JSON.readTree(response.body());
	}

	protected static String text(HttpResponse<byte[]> response) {
		return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
	}

}
