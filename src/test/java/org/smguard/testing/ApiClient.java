package org.smguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small JSON client for the console's API over real HTTP, with HTTP Basic or a personal
 * API token. Every request has a timeout, so that a test against a dead or hung console
 * fails instead of waiting forever.
 */
public final class ApiClient {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient http;

	private final String baseUrl;

	private final String authorization;

	private ApiClient(HttpClient http, String baseUrl, String authorization) {
		this.http = http;
		this.baseUrl = baseUrl;
		this.authorization = authorization;
	}

	/** An anonymous client for the console listening on {@code port} of localhost. */
	public static ApiClient forPort(int port) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		return new ApiClient(http, "http://localhost:" + port, null);
	}

	/** The same client signed in as {@code username}. */
	public ApiClient as(String username, String password) {
		String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new ApiClient(this.http, this.baseUrl, "Basic " + token);
	}

	/** The same client with a personal API token ({@code Authorization: Bearer}). */
	public ApiClient withToken(String token) {
		return new ApiClient(this.http, this.baseUrl, "Bearer " + token);
	}

	public ApiClient anonymous() {
		return new ApiClient(this.http, this.baseUrl, null);
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public Response get(String path) {
		return send(request(path).GET());
	}

	public Response put(String path, Object body) {
		return send(request(path).PUT(json(body)));
	}

	public Response post(String path, Object body) {
		return send(request(path).POST(json(body)));
	}

	public Response delete(String path) {
		return send(request(path).DELETE());
	}

	public Response patch(String path, Object body) {
		return send(request(path).method("PATCH", json(body)));
	}

	/**
	 * Sends the request and lets {@link IOException} through: what a client sees when the
	 * console dies under it.
	 */
	public Response sendOrThrow(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request.build(), BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

	public HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(REQUEST_TIMEOUT)
			.header("Accept", "application/json, application/problem+json");
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		return builder;
	}

	public static HttpRequest.BodyPublisher json(Object body) {
		String text = (body instanceof String string) ? string : JSON.writeValueAsString(body);
		return BodyPublishers.ofString(text, StandardCharsets.UTF_8);
	}

	public Response send(HttpRequest.Builder request) {
		try {
			return sendOrThrow(request.header("Content-Type", "application/json"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An empty JSON object to fill in. */
	public static ObjectNode object() {
		return JSON.createObjectNode();
	}

	/** Status and body of one answer. */
	public record Response(int status, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
