package org.smguard.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.bundle.SignedFreshness;
import org.smguard.testing.ApiClient;
import org.smguard.testing.ApiClient.Response;
import org.smguard.testing.FormBrowser;
import org.smguard.testing.InProcessConsole;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail hosts through the running console over real HTTP with the H2 file database:
 * registered by admins only, each with a token that opens {@code /api/v1/hosts/self/**}
 * and nothing else, while nothing else opens those paths; rotating and revoking stop a
 * token at once; the freshness statement verifies with the console's public key; the
 * bundle is the published one of the host's own policy, with ETag and 304; a report
 * records the installed version. Every test registers its own hosts.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostsApiTests {

	private static final String ADMIN_PASSWORD = "hosts-operator-secret";

	private static final String PASSWORD = "hosts-account-secret";

	private static final String HOSTS = "/api/v1/hosts";

	private static final String FRESHNESS = "/api/v1/hosts/self/freshness";

	private static final String BUNDLE = "/api/v1/hosts/self/bundle";

	private static final String REPORT = "/api/v1/hosts/self/report";

	@TempDir
	static Path dataDir;

	private static InProcessConsole console;

	private static ApiClient admin;

	private static ApiClient viewer;

	private static int published;

	@BeforeAll
	static void startConsoleAndPublishAVersion() {
		// Many refused tokens come from 127.0.0.1 here: the throttle is tested elsewhere.
		console = InProcessConsole.start(dataDir, ADMIN_PASSWORD, "--smguard.signin.address-failures=1000");
		admin = console.api().as("admin", ADMIN_PASSWORD);
		account("vi", "VIEWER");
		account("rhea", "REVIEWER");
		viewer = console.api().as("vi", PASSWORD);
		ApiClient reviewer = console.api().as("rhea", PASSWORD);
		Response saved = admin.post("/api/v1/policies/default/versions", Map.of("message", "first"));
		assertThat(saved.status()).as("%s", saved).isEqualTo(201);
		published = saved.json().get("number").asInt();
		String version = "/api/v1/policies/default/versions/" + published;
		expect(admin.post(version + "/propose", Map.of("comment", "hosts")), 200);
		expect(reviewer.post(version + "/approve", Map.of("comment", "ok")), 200);
		expect(reviewer.post(version + "/publish", Map.of()), 200);
		expect(admin.post("/api/v1/policies", Map.of("name", "unpublished", "description", "nothing yet")), 201);
	}

	@AfterAll
	static void stopConsole() {
		if (console != null) {
			console.close();
		}
	}

	@Test
	void onlyAdminsRegisterHostsAndTheTokenIsShownOnce() {
		Response refused = viewer.post(HOSTS, Map.of("name", "mx0.example.org", "policy", "default"));
		assertThat(refused.status()).as("%s", refused).isEqualTo(403);
		Response made = admin.post(HOSTS, Map.of("name", "mx1.example.org", "policy", "default"));
		assertThat(made.status()).as("%s", made).isEqualTo(201);
		assertThat(made.json().propertyNames()).containsExactlyInAnyOrder("name", "token");
		String token = made.json().get("token").asString();
		assertThat(token).matches("smh_[A-Za-z0-9_-]{43}");

		Response listed = viewer.get(HOSTS + "?size=500");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.body()).contains("\"mx1.example.org\"")
			.doesNotContain(token)
			.doesNotContain(token.substring(4));
		assertThat(listed.json().get("page").get("size").asInt()).isEqualTo(500);
		assertThat(viewer.delete(HOSTS + "/mx1.example.org").status()).isEqualTo(403);
		assertThat(viewer.post(HOSTS + "/mx1.example.org/token", Map.of()).status()).isEqualTo(403);
		assertThat(admin.post(HOSTS, Map.of("name", "mx1.example.org", "policy", "default")).status()).isEqualTo(409);
		assertThat(admin.get("/api/v1/audit?size=50").body()).contains("host.registered");
	}

	@Test
	void validationErrorsNameTheirField() {
		Response badName = admin.post(HOSTS, Map.of("name", "mx_1.example.org", "policy", "default"));
		assertThat(badName.status()).isEqualTo(400);
		assertThat(badName.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
		Response tooLong = admin.post(HOSTS, Map.of("name", "a".repeat(254), "policy", "default"));
		assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
		Response badPolicy = admin.post(HOSTS, Map.of("name", "mx2.example.org", "policy", "no-such-policy"));
		assertThat(badPolicy.status()).isEqualTo(400);
		JsonNode error = badPolicy.json().get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("policy");
		assertThat(error.get("message").asString()).contains("no policy named 'no-such-policy'");
	}

	@Test
	void missingWrongRevokedPersonalAndBasicCredentialsGetTheSame401() {
		String token = register("mx3.example.org", "default");
		ApiClient host = console.api().withToken(token);
		assertThat(host.get(FRESHNESS).status()).isEqualTo(200);
		String personal = admin.post("/api/v1/tokens", Map.of("name", "for the hosts test"))
			.json()
			.get("token")
			.asString();
		assertThat(console.api().withToken(personal).get("/api/v1/policies").status()).isEqualTo(200);

		String missing = refused(console.api().anonymous(), FRESHNESS);
		assertThat(refused(console.api().withToken("smh_" + "x".repeat(43)), FRESHNESS)).isEqualTo(missing);
		assertThat(refused(console.api().withToken(personal), FRESHNESS)).isEqualTo(missing);
		assertThat(refused(console.api().withToken(personal), BUNDLE)).isEqualTo(missing);
		assertThat(refused(admin, FRESHNESS)).isEqualTo(missing);
		assertThat(refused(admin, BUNDLE)).isEqualTo(missing);
		Response report = admin.post(REPORT, Map.of("version", 1));
		assertThat(report.status()).isEqualTo(401);

		assertThat(admin.delete(HOSTS + "/mx3.example.org").status()).isEqualTo(204);
		assertThat(refused(host, FRESHNESS)).isEqualTo(missing);
		assertThat(refused(host, BUNDLE)).isEqualTo(missing);
		assertThat(admin.get(HOSTS + "/mx3.example.org").status()).isEqualTo(404);
	}

	@Test
	void aHostTokenOpensNothingButTheHostPaths() throws Exception {
		ApiClient host = console.api().withToken(register("mx4.example.org", "default"));
		for (String path : List.of("/api/v1/policies", "/api/v1/policies/default/draft", HOSTS,
				HOSTS + "/mx4.example.org", "/api/v1/signing-key", "/api/v1/audit", "/api/v1/tokens")) {
			Response response = host.get(path);
			assertThat(response.status()).as(path).isEqualTo(401);
			assertThat(response.body()).as(path).doesNotContain("mx4.example.org").doesNotContain("default");
		}
		assertThat(host.post(HOSTS, Map.of("name", "mx40.example.org", "policy", "default")).status()).isEqualTo(401);
		HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		for (String page : List.of("/policies", "/hosts", "/policies/default/versions")) {
			HttpResponse<String> answer = browser.send(host.request(page).header("Accept", "text/html").GET().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(page).isEqualTo(302);
			assertThat(answer.headers().firstValue("Location")).as(page)
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
			assertThat(answer.body()).as(page).doesNotContain("mx4.example.org");
		}
	}

	@Test
	void rotatingKillsTheOldToken() {
		String old = register("mx5.example.org", "default");
		Response rotated = admin.post(HOSTS + "/mx5.example.org/token", Map.of());
		assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
		String fresh = rotated.json().get("token").asString();
		assertThat(fresh).isNotEqualTo(old).startsWith("smh_");
		assertThat(console.api().withToken(old).get(FRESHNESS).status()).isEqualTo(401);
		assertThat(console.api().withToken(fresh).get(FRESHNESS).status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/audit?size=50").body()).contains("host.token-rotated");
	}

	@Test
	void freshnessStatesThePublishedVersionSignedWithTheConsolesKey() throws Exception {
		ApiClient host = console.api().withToken(register("mx6.example.org", "default"));
		Response answer = host.get(FRESHNESS);
		assertThat(answer.status()).as("%s", answer).isEqualTo(200);
		JsonNode body = answer.json();
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("statement", "signature", "signedText");
		JsonNode statement = body.get("statement");
		assertThat(statement.propertyNames()).containsExactlyInAnyOrder("policy", "version", "issuedAt", "expiresAt");
		assertThat(statement.get("policy").asString()).isEqualTo("default");
		assertThat(statement.get("version").asInt()).isEqualTo(published);
		String signedText = body.get("signedText").asString();
		assertThat(signedText).contains("policy=default\nversion=" + published + "\n");
		assertThat(verifies(signedText, body.get("signature").asString())).isTrue();
		assertThat(verifies(signedText.replace("version=" + published, "version=" + (published + 1)),
				body.get("signature").asString()))
			.isFalse();

		ApiClient other = console.api().withToken(register("mx7.example.org", "unpublished"));
		JsonNode none = other.get(FRESHNESS).json();
		assertThat(none.get("statement").get("policy").asString()).isEqualTo("unpublished");
		assertThat(none.get("statement").get("version").asInt()).isZero();
		assertThat(verifies(none.get("signedText").asString(), none.get("signature").asString())).isTrue();
	}

	@Test
	void bundleIsThePublishedOneWithItsVersionAsETagAnd304WhenUnchanged() throws Exception {
		String token = register("mx8.example.org", "default");
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpResponse<byte[]> full = http.send(hostRequest(token, BUNDLE).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(full.statusCode()).isEqualTo(200);
		assertThat(full.headers().firstValue("Content-Type")).hasValue("application/gzip");
		assertThat(full.headers().firstValue("ETag")).hasValue("\"" + published + "\"");
		assertThat(full.headers().firstValueAsLong("Content-Length")).hasValue(full.body().length);
		assertThat(full.body()).startsWith((byte) 0x1f, (byte) 0x8b);
		assertSignedStatement(full, "default", published);

		HttpResponse<byte[]> same = http.send(
				hostRequest(token, BUNDLE).header("If-None-Match", "\"" + published + "\"").GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(same.statusCode()).isEqualTo(304);
		assertThat(same.body()).isEmpty();
		assertThat(same.headers().firstValue("ETag")).hasValue("\"" + published + "\"");
		assertSignedStatement(same, "default", published);

		HttpResponse<byte[]> older = http.send(
				hostRequest(token, BUNDLE).header("If-None-Match", "\"" + (published + 7) + "\"").GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(older.statusCode()).isEqualTo(200);
		assertThat(older.body()).isEqualTo(full.body());

		String unpublished = register("mx9.example.org", "unpublished");
		HttpResponse<String> none = http.send(hostRequest(unpublished, BUNDLE).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(none.statusCode()).isEqualTo(404);
		assertThat(none.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertSignedStatement(none, "unpublished", 0);
	}

	@Test
	void reportRecordsTheInstalledVersionAndEveryRequestTheLastAsked() {
		ApiClient host = console.api().withToken(register("mx10.example.org", "default"));
		JsonNode before = admin.get(HOSTS + "/mx10.example.org").json();
		assertThat(before.get("installedVersion").isNull()).isTrue();
		assertThat(before.get("drift").asBoolean()).isTrue();

		Response invalid = host.post(REPORT, Map.of("version", 0));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("version");
		assertThat(host.post(REPORT, Map.of("version", published)).status()).isEqualTo(204);
		assertThat(host.post(REPORT, Map.of("version", published)).status()).isEqualTo(204);

		JsonNode after = viewer.get(HOSTS + "/mx10.example.org").json();
		assertThat(after.get("installedVersion").asInt()).isEqualTo(published);
		assertThat(after.get("installedAt").isNull()).isFalse();
		assertThat(after.get("currentVersion").asInt()).isEqualTo(published);
		assertThat(after.get("drift").asBoolean()).isFalse();
		assertThat(after.get("lastAskedAt").isNull()).isFalse();
		assertThat(after.get("lastAskedFrom").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");

		JsonNode installed = admin.get("/api/v1/audit?actor=host:mx10.example.org&size=50").json();
		assertThat(installed.get("content").findValuesAsString("action")).containsExactly("host.installed");
	}

	@Test
	void theApiDescriptionListsTheHostPathsWithTheHostTokenAndWithoutTheHostAsAParameter() {
		JsonNode paths = console.api().anonymous().get("/v3/api-docs").json().get("paths");
		assertThat(paths.propertyNames()).contains(HOSTS, HOSTS + "/{name}", HOSTS + "/{name}/token", FRESHNESS, BUNDLE,
				REPORT);
		for (String path : List.of(FRESHNESS, BUNDLE, REPORT)) {
			assertThat(paths.get(path).toString()).as(path)
				.doesNotContain("\"in\":\"query\"")
				.contains("\"security\":[{\"hostToken\":[]}]");
		}
		assertThat(paths.get(HOSTS).toString()).doesNotContain("hostToken");
	}

	@Test
	void hostsPageShowsDriftToEveryoneAndRegistersForAdminsOnlyShowingTheTokenOnce() {
		ApiClient current = console.api().withToken(register("mx11.example.org", "default"));
		assertThat(current.post(REPORT, Map.of("version", published)).status()).isEqualTo(204);
		register("mx12.example.org", "default");

		FormBrowser viewing = signedIn("vi", PASSWORD);
		HttpResponse<String> page = viewing.get("/hosts");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(row(page.body(), "mx11.example.org")).doesNotContain(">drift<").doesNotContain(">silent<");
		assertThat(row(page.body(), "mx12.example.org")).contains(">drift<").doesNotContain(">silent<");
		assertThat(page.body()).doesNotContain("new-host-form").contains("id=\"nav-hosts\"");
		HttpResponse<String> refused = viewing.post("/hosts", page.body(), "name", "mx13.example.org", "policy",
				"default");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(admin.get(HOSTS + "/mx13.example.org").status()).isEqualTo(404);

		FormBrowser administering = signedIn("admin", ADMIN_PASSWORD);
		HttpResponse<String> form = administering.get("/hosts");
		assertThat(form.body()).contains("new-host-form");
		HttpResponse<String> invalid = administering.post("/hosts", form.body(), "name", "MX 13", "policy", "default");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("must be a DNS host name in lower case");
		HttpResponse<String> made = administering.post("/hosts", form.body(), "name", "mx13.example.org", "policy",
				"default");
		assertThat(made.statusCode()).isEqualTo(302);
		String shown = administering.get("/hosts").body();
		Matcher token = Pattern.compile("smh_[A-Za-z0-9_-]{43}").matcher(shown);
		assertThat(token.find()).as("the new token on the page").isTrue();
		assertThat(shown).contains("/etc/smguard/pull.conf").contains("chmod 0600 /etc/smguard/host-token");
		assertThat(console.api().withToken(token.group()).get(FRESHNESS).status()).isEqualTo(200);
		assertThat(administering.get("/hosts").body()).doesNotContain(token.group());
	}

	private static String register(String name, String policy) {
		Response made = admin.post(HOSTS, Map.of("name", name, "policy", policy));
		assertThat(made.status()).as("%s", made).isEqualTo(201);
		return made.json().get("token").asString();
	}

	/** Asks {@code path} expecting the host chain's 401, and answers its body. */
	private static String refused(ApiClient client, String path) {
		Response response = client.get(path);
		assertThat(response.status()).as("%s %s", path, response).isEqualTo(401);
		assertThat(response.body()).doesNotContain("policy=");
		return response.body();
	}

	private static FormBrowser signedIn(String user, String password) {
		FormBrowser browser = new FormBrowser(console.port());
		HttpResponse<String> signIn = browser.signIn(user, password);
		assertThat(signIn.headers().firstValue("Location")).as("signed in as %s", user)
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		return browser;
	}

	/** The table row of one host on the Hosts page. */
	private static String row(String page, String name) {
		int start = page.indexOf("id=\"host-" + name + "\"");
		assertThat(start).as(name).isPositive();
		return page.substring(start, page.indexOf("</tr>", start));
	}

	private static HttpRequest.Builder hostRequest(String token, String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + console.port() + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token);
	}

	private static void assertSignedStatement(HttpResponse<?> response, String policy, int version) throws Exception {
		String text = new String(
				Base64.getDecoder()
					.decode(response.headers().firstValue(SignedFreshness.STATEMENT_HEADER).orElseThrow()),
				StandardCharsets.US_ASCII);
		assertThat(text).contains("policy=" + policy + "\nversion=" + version + "\n");
		assertThat(verifies(text, response.headers().firstValue(SignedFreshness.SIGNATURE_HEADER).orElseThrow()))
			.isTrue();
	}

	/**
	 * Whether {@code signature} (base64) is the console key's Ed25519 signature of
	 * {@code text}.
	 */
	private static boolean verifies(String text, String signature) throws Exception {
		String pem = admin.get("/api/v1/signing-key").json().get("publicKey").asString();
		String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
		PublicKey key = KeyFactory.getInstance("Ed25519")
			.generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
		Signature check = Signature.getInstance("Ed25519");
		check.initVerify(key);
		check.update(text.getBytes(StandardCharsets.US_ASCII));
		return check.verify(Base64.getDecoder().decode(signature));
	}

	private static void account(String name, String role) {
		expect(admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD, "roles", List.of(role))),
				201);
	}

	private static void expect(Response response, int status) {
		assertThat(response.status()).as("%s", response).isEqualTo(status);
	}

}
