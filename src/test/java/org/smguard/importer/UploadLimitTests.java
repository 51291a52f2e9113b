package org.smguard.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.smguard.testing.RunningConsole;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upload over a size limit, through the running console with limits of 1 MB per file
 * and 2 MB per request: the API answers 413 problem+json naming the part (or the upload)
 * and the limit, the browser gets a page that says the same with 413 and leads back to
 * the Import page, and the draft stays as it was.
 */
@TestPropertySource(
		properties = { "spring.servlet.multipart.max-file-size=1MB", "spring.servlet.multipart.max-request-size=2MB" })
class UploadLimitTests extends RunningConsole {

	private static final int MB = 1024 * 1024;

	@Test
	void answers413NamingThePartOverTheLimitForOneFile() {
		String policy = newPolicy();
		long revision = revision(policy);
		HttpResponse<byte[]> response = postFiles("/api/v1/policies/" + policy + "/import",
				Map.of("forwards", new byte[MB + 1]));
		assertThat(response.statusCode()).as(text(response)).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("title").asString()).isEqualTo("Upload too large");
		assertThat(problem.get("errors")).singleElement().satisfies((error) -> {
			assertThat(error.get("field").asString()).isEqualTo("forwards");
			assertThat(error.get("message").asString())
				.isEqualTo("is larger than 1 MB (1,048,576 bytes), the limit for one uploaded file");
		});
		assertThat(revision(policy)).isEqualTo(revision);
	}

	@Test
	void answers413NamingTheUploadOverTheLimitForARequest() {
		String policy = newPolicy();
		Map<String, byte[]> parts = new LinkedHashMap<>();
		parts.put("cf", new byte[MB - 1000]);
		parts.put("smbin", new byte[MB - 1000]);
		parts.put("forwards", new byte[MB - 1000]);
		HttpResponse<byte[]> response = postFiles("/api/v1/policies/" + policy + "/import", parts);
		assertThat(response.statusCode()).as(text(response)).isEqualTo(413);
		assertThat(JSON.readTree(response.body()).get("errors")).singleElement().satisfies((error) -> {
			assertThat(error.get("field").asString()).isEqualTo("upload");
			assertThat(error.get("message").asString())
				.isEqualTo("is larger than 2 MB (2,097,152 bytes), the limit for all the files of one upload together");
		});
	}

	@Test
	void showsThePartAndTheLimitWith413ToTheBrowser() throws Exception {
		String policy = newPolicy();
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String login = page(browser, "/login");
		HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
					+ URLEncoder.encode(adminPassword(), StandardCharsets.UTF_8) + "&_csrf=" + field(login, "_csrf")))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		String form = page(browser, "/policies/" + policy + "/import");
		assertThat(form).contains("Each file at most <span>1 MB (1,048,576 bytes)</span>");

		Map<String, byte[]> parts = new LinkedHashMap<>();
		parts.put("_csrf", field(form, "_csrf").getBytes(StandardCharsets.UTF_8));
		parts.put("draftRevision", field(form, "draftRevision").getBytes(StandardCharsets.UTF_8));
		parts.put("forwards", new byte[MB + 1]);
		String boundary = "b-" + UUID.randomUUID();
		HttpResponse<String> response = browser.send(HttpRequest.newBuilder(uri("/policies/" + policy + "/import"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, parts)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.body()).contains("<h1>Upload too large</h1>",
				"<code>forwards</code>:\n    <span>is larger than 1 MB (1,048,576 bytes), the limit for one uploaded"
						+ " file</span>",
				"href=\"/policies/" + policy + "/import\" id=\"back\"");
		assertThat(field(page(browser, "/policies/" + policy + "/import"), "draftRevision"))
			.isEqualTo(field(form, "draftRevision"));
	}

	private String page(HttpClient browser, String path) throws IOException, InterruptedException {
		HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri(path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).as(path).isEqualTo(200);
		return page.body();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port() + path);
	}

	private static String field(String html, String name) {
		Matcher value = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
		assertThat(value.find()).as(name).isTrue();
		return value.group(1);
	}

	private static byte[] multipart(String boundary, Map<String, byte[]> parts) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Map.Entry<String, byte[]> part : parts.entrySet()) {
			String file = part.getKey().equals("forwards") ? "; filename=\"forwards.tar\"" : "";
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey() + "\"" + file
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.write(part.getValue());
			body.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	private long revision(String policy) {
		return json(get("/api/v1/policies/" + policy + "/draft")).get("draftRevision").asLong();
	}

}
