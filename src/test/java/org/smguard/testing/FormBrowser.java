package org.smguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser does with the console's forms, over real HTTP without a browser: keeps
 * the cookies, reads the CSRF token from the page and posts the form, following no
 * redirect so that a test sees each answer.
 */
public final class FormBrowser {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final int port;

	public FormBrowser(int port) {
		this.port = port;
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET());
	}

	/**
	 * Opens the sign-in page and sends its form.
	 * @param extraHeaders header names and values, in turn
	 */
	public HttpResponse<String> signIn(String username, String password, String... extraHeaders) {
		HttpResponse<String> page = get("/login");
		assertThat(page.statusCode()).as("GET /login").isEqualTo(200);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + encode(username) + "&password=" + encode(password)
					+ "&_csrf=" + encode(field(page.body(), "_csrf"))));
		for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
			request.header(extraHeaders[i], extraHeaders[i + 1]);
		}
		return send(request);
	}

	/**
	 * Posts a form to {@code path} with the CSRF token found on {@code page}.
	 * @param fields field names and values, in turn
	 */
	public HttpResponse<String> post(String path, String page, String... fields) {
		StringBuilder form = new StringBuilder("_csrf=").append(encode(field(page, "_csrf")));
		for (int i = 0; i + 1 < fields.length; i += 2) {
			form.append('&').append(encode(fields[i])).append('=').append(encode(fields[i + 1]));
		}
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form.toString())));
	}

	/** The value of a form field of a page. */
	public static String field(String html, String name) {
		Matcher value = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
		assertThat(value.find()).as("form field %s", name).isTrue();
		return value.group(1);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
