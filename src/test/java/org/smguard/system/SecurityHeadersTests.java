package org.smguard.system;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.testing.InProcessConsole;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route the console maps, found from its handler mappings (not a hand-kept list),
 * asked with every method it takes, as an anonymous client and as a signed-in one; plus
 * what no route answers: unknown paths, wrong methods and requests the firewall rejects.
 * Each answer must carry the security headers.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecurityHeadersTests {

	private static final String ADMIN_PASSWORD = "headers-operator-secret";

	private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(?::[^}]*)?}");

	private static final Map<String, String> SAMPLES = Map.of("policy", "default", "number", "1", "name", "sendmail.cf",
			"user", "bob", "username", "admin", "id", "1");

	@TempDir
	static Path dataDir;

	private static InProcessConsole console;

	private static HttpClient anonymous;

	private static HttpClient signedIn;

	private final List<String> failures = new ArrayList<>();

	private int answers;

	@BeforeAll
	static void start() throws Exception {
		console = InProcessConsole.start(dataDir, ADMIN_PASSWORD);
		anonymous = client();
		signedIn = client();
		HttpResponse<String> login = signedIn.send(request("/login").GET().build(), BodyHandlers.ofString());
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
		assertThat(csrf.find()).as("CSRF token on the sign-in page").isTrue();
		String form = "username=admin&password=" + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> signIn = signedIn
			.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString(form))
				.build(), BodyHandlers.ofString());
		assertThat(signIn.headers().firstValue("Location")).as("signed in")
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
	}

	@AfterAll
	static void stop() {
		if (console != null) {
			console.close();
		}
	}

	@Test
	void everyRouteAndEveryRefusalCarriesTheSecurityHeaders() throws Exception {
		Set<String> routes = new TreeSet<>();
		for (RequestMappingInfoHandlerMapping mapping : console.context()
			.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				for (String pattern : info.getPatternValues()) {
					for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
						routes.add(method + " " + pattern);
					}
				}
			}
		}
		assertThat(routes).as("routes found")
			.contains("GET /policies/{policy}/shells", "PUT /api/v1/policies/{policy}/draft/overrides/{user}",
					"GET /v3/api-docs", "GET /actuator/health");
		for (String route : routes) {
			String method = route.substring(0, route.indexOf(' '));
			String path = expand(route.substring(route.indexOf(' ') + 1));
			check(anonymous, method, path, null);
			check(path.startsWith("/api/") ? anonymous : signedIn, method, path,
					path.startsWith("/api/") ? basic("admin", ADMIN_PASSWORD) : null);
		}
		// What no route answers: unknown paths, wrong methods, the firewall's refusals.
		for (String path : List.of("/no/such/page", "/api/v1/no/such/thing", "/api/v1/policies/%2e%2e/draft",
				"/policies/default;x=y/shells", "/policies/default/%2e%2e/%2e%2e/etc/passwd", "/api/v1/policies%5cx",
				"/v3/api-docs.yaml")) {
			check(anonymous, "GET", path, null);
			check(signedIn, "GET", path, null);
			check(anonymous, "GET", path, basic("admin", ADMIN_PASSWORD));
		}
		check(anonymous, "DELETE", "/api/v1/policies", basic("admin", ADMIN_PASSWORD));
		check(anonymous, "GET", "/api/v1/policies", basic("admin", "wrong-password"));
		System.out.println("[headers] " + routes.size() + " routes, " + this.answers + " answers checked");
		assertThat(this.failures).isEmpty();
	}

	@Test
	void theApiDescriptionAnswersAlikeInJsonAndYaml() throws Exception {
		for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml")) {
			HttpResponse<String> response = anonymous.send(request(path).GET().build(), BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Security-Policy"))
				.contains(SecurityHeadersFilter.API_POLICY);
		}
	}

	@Test
	void strictTransportSecurityOnlyOverTls() throws Exception {
		HttpResponse<String> plain = anonymous.send(request("/login").GET().build(), BodyHandlers.ofString());
		assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	private void check(HttpClient client, String method, String path, String authorization)
			throws IOException, InterruptedException {
		HttpRequest.Builder builder = request(path);
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		boolean api = SecurityHeadersFilter.isApi(path);
		if (Set.of("POST", "PUT", "PATCH").contains(method)) {
			builder.header("Content-Type", api ? "application/json" : "application/x-www-form-urlencoded")
				.method(method, BodyPublishers.ofString(api ? "{}" : ""));
		}
		else {
			builder.method(method, BodyPublishers.noBody());
		}
		HttpResponse<String> response = client.send(builder.build(), BodyHandlers.ofString());
		this.answers++;
		String who = method + " " + path + ((client == signedIn) ? " (signed in)" : "")
				+ ((authorization != null) ? " (Basic)" : "") + " -> " + response.statusCode();
		expect(response, who, "Content-Security-Policy",
				api ? SecurityHeadersFilter.API_POLICY : SecurityHeadersFilter.PAGE_POLICY);
		expect(response, who, "X-Content-Type-Options", "nosniff");
		expect(response, who, "X-Frame-Options", "DENY");
		expect(response, who, "Referrer-Policy", "no-referrer");
		expect(response, who, "Cache-Control", "no-store");
	}

	private void expect(HttpResponse<String> response, String who, String header, String value) {
		List<String> values = response.headers().allValues(header);
		if (!values.equals(List.of(value))) {
			this.failures.add(who + ": " + header + " is " + values + ", not " + value);
		}
	}

	private static String expand(String pattern) {
		Matcher variable = VARIABLE.matcher(pattern);
		StringBuilder path = new StringBuilder();
		while (variable.find()) {
			variable.appendReplacement(path, SAMPLES.getOrDefault(variable.group(1), "x"));
		}
		variable.appendTail(path);
		return path.toString().replace("/**", "/x");
	}

	private static HttpClient client() {
		return HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.cookieHandler(new CookieManager())
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	private static HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + console.port() + path))
			.timeout(Duration.ofSeconds(30));
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
