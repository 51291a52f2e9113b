package org.smguard.api;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.account.AccountService;
import org.smguard.testing.ApiClient.Response;
import org.smguard.testing.ApiClient;
import org.smguard.testing.InProcessConsole;
import org.smguard.testing.SignedIn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal API tokens through the running console over real HTTP: made with the password
 * and shown once, used with the owner's roles of the moment, and refused alike (401, one
 * answer) once revoked, expired, or while the owner is disabled. Every test uses its own
 * accounts.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ApiTokenTests {

	private static final String ADMIN_PASSWORD = "token-operator-secret";

	private static final String PASSWORD = "token-account-secret";

	private static final String TOKENS = "/api/v1/tokens";

	private static final String DRAFT = "/api/v1/policies/default/draft";

	@TempDir
	static Path dataDir;

	private static InProcessConsole console;

	private static ApiClient admin;

	@BeforeAll
	static void startConsole() {
		console = InProcessConsole.start(dataDir, ADMIN_PASSWORD);
		admin = console.api().as("admin", ADMIN_PASSWORD);
	}

	@AfterAll
	static void stopConsole() {
		if (console != null) {
			console.close();
		}
	}

	@Test
	void tokenIsShownOnceAndNeverListedAgain() throws Exception {
		ApiClient owner = account("shown-once", "VIEWER");
		Response made = owner.post(TOKENS, Map.of("name", "nightly export"));
		assertThat(made.status()).as("%s", made).isEqualTo(201);
		JsonNode body = made.json();
		String token = body.get("token").asString();
		assertThat(token).matches("smg_[A-Za-z0-9_-]{43}");
		assertThat(body.get("name").asString()).isEqualTo("nightly export");
		assertThat(body.get("owner").asString()).isEqualTo("shown-once");
		assertThat(body.get("expiresAt").isNull()).isTrue();

		Response listed = owner.get(TOKENS);
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.json()).hasSize(1);
		JsonNode entry = listed.json().get(0);
		assertThat(entry.propertyNames()).containsExactlyInAnyOrder("id", "name", "owner", "createdAt", "expiresAt",
				"lastUsedAt", "expired");
		assertThat(entry.get("id").asLong()).isEqualTo(body.get("id").asLong());
		Response one = owner.get(TOKENS + "/" + body.get("id").asLong());
		for (Response shown : List.of(listed, one, admin.get(TOKENS + "?all=true"))) {
			assertThat(shown.body()).doesNotContain(token)
				.doesNotContain(token.substring(4))
				.doesNotContain(sha256(token));
		}
	}

	@Test
	void tokenActsWithItsOwnersRoles() {
		String token = token(account("viewer-t", "VIEWER"), "reader");
		ApiClient viewer = console.api().withToken(token);
		Response draft = viewer.get(DRAFT);
		assertThat(draft.status()).as("%s", draft).isEqualTo(200);
		Response put = viewer.put(DRAFT, draft.json());
		assertThat(put.status()).as("viewer's token PUTs the draft: %s", put).isEqualTo(403);
		assertThat(viewer.get("/api/v1/users").status()).isEqualTo(403);
		assertThat(admin.get(DRAFT).body()).isEqualTo(draft.body());

		ApiClient editor = console.api().withToken(token(account("editor-t", "EDITOR"), "writer"));
		ObjectNode changed = (ObjectNode) editor.get(DRAFT).json().deepCopy();
		int logLevel = (changed.at("/options/LogLevel").asInt() == 13) ? 14 : 13;
		((ObjectNode) changed.get("options")).put("LogLevel", logLevel);
		Response saved = editor.put(DRAFT, changed);
		assertThat(saved.status()).as("editor's token PUTs the draft: %s", saved).isEqualTo(200);
		assertThat(saved.json().get("updatedBy").asString()).isEqualTo("editor-t");
	}

	@Test
	void roleChangeOfTheOwnerAppliesAtTheNextCall() {
		ApiClient byToken = console.api().withToken(token(account("promoted", "VIEWER"), "script"));
		assertThat(byToken.get("/api/v1/users").status()).isEqualTo(403);
		assertThat(admin.patch("/api/v1/users/promoted", Map.of("roles", List.of("ADMIN"))).status()).isEqualTo(200);
		assertThat(byToken.get("/api/v1/users").status()).isEqualTo(200);
		assertThat(admin.patch("/api/v1/users/promoted", Map.of("roles", List.of("VIEWER"))).status()).isEqualTo(200);
		assertThat(byToken.get("/api/v1/users").status()).isEqualTo(403);
	}

	@Test
	void revokedExpiredUnknownAndMalformedTokensGetTheSameAnswer() throws Exception {
		ApiClient owner = account("refused", "VIEWER");
		JsonNode revoked = owner.post(TOKENS, Map.of("name", "to revoke")).json();
		ApiClient byRevoked = console.api().withToken(revoked.get("token").asString());
		assertThat(byRevoked.get(DRAFT).status()).isEqualTo(200);
		Response revoke = owner.delete(TOKENS + "/" + revoked.get("id").asLong());
		assertThat(revoke.status()).as("%s", revoke).isEqualTo(204);
		assertThat(owner.get(TOKENS).json()).isEmpty();

		String soon = Instant.now().plusSeconds(2).toString();
		String expiring = owner.post(TOKENS, Map.of("name", "short-lived", "expiresAt", soon))
			.json()
			.get("token")
			.asString();
		ApiClient byExpiring = console.api().withToken(expiring);
		assertThat(byExpiring.get(DRAFT).status()).as("before it expires").isEqualTo(200);
		Thread.sleep(Duration.between(Instant.now(), Instant.parse(soon)).toMillis() + 200);

		String unknown = "smg_" + "A".repeat(43);
		List<HttpResponse<String>> answers = List.of(raw(byRevoked.request(DRAFT)), raw(byExpiring.request(DRAFT)),
				raw(console.api().withToken(unknown).request(DRAFT)),
				raw(console.api().withToken("not-a-token").request(DRAFT)),
				raw(console.api().request(DRAFT).header("Authorization", "Bearer ")));
		for (HttpResponse<String> answer : answers) {
			assertThat(answer.statusCode()).isEqualTo(401);
			assertThat(answer.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(answer.headers().firstValue("WWW-Authenticate"))
				.contains("Bearer realm=\"smguard\", error=\"invalid_token\"");
			assertThat(answer.body()).isEqualTo(answers.get(0).body());
		}
		assertThat(owner.get(TOKENS).json().get(0).get("expired").asBoolean()).isTrue();
	}

	@Test
	void disabledOwnersTokensStopUntilTheAccountIsEnabledAgain() {
		ApiClient byToken = console.api().withToken(token(account("leaver-t", "EDITOR"), "deploy"));
		assertThat(byToken.get(DRAFT).status()).isEqualTo(200);
		assertThat(admin.patch("/api/v1/users/leaver-t", Map.of("enabled", false)).status()).isEqualTo(200);
		assertThat(byToken.get(DRAFT).status()).isEqualTo(401);
		assertThat(admin.patch("/api/v1/users/leaver-t", Map.of("enabled", true)).status()).isEqualTo(200);
		assertThat(byToken.get(DRAFT).status()).isEqualTo(200);
	}

	@Test
	void adminSeesAndRevokesAnotherAccountsToken() {
		String token = token(account("worker", "EDITOR"), "cron");
		Response theirs = admin.get(TOKENS + "?user=worker");
		assertThat(theirs.status()).isEqualTo(200);
		assertThat(theirs.json()).hasSize(1);
		long id = theirs.json().get(0).get("id").asLong();
		assertThat(admin.get(TOKENS + "?all=true").json().valueStream().map((t) -> t.get("id").asLong())).contains(id);
		assertThat(admin.get(TOKENS).json().valueStream().map((t) -> t.get("id").asLong())).doesNotContain(id);
		assertThat(admin.get(TOKENS + "?user=nobody").status()).isEqualTo(404);

		assertThat(admin.delete(TOKENS + "/" + id).status()).isEqualTo(204);
		assertThat(console.api().withToken(token).get(DRAFT).status()).isEqualTo(401);
		assertThat(admin.get(TOKENS + "?user=worker").json()).isEmpty();
	}

	@Test
	void userCannotSeeOrRevokeAnotherUsersToken() {
		ApiClient alice = account("alice-t", "EDITOR");
		ApiClient bob = account("bob-t", "EDITOR");
		JsonNode alices = alice.post(TOKENS, Map.of("name", "alice's")).json();
		long id = alices.get("id").asLong();
		Response seen = bob.get(TOKENS + "/" + id);
		assertThat(seen.status()).isEqualTo(404);
		Response revoke = bob.delete(TOKENS + "/" + id);
		assertThat(revoke.status()).isEqualTo(404);
		assertThat(revoke.json().get("detail").asString()).isEqualTo("no API token with id " + id);
		assertThat(bob.delete(TOKENS + "/999999").json().get("detail").asString())
			.isEqualTo("no API token with id 999999");
		ApiClient bobsToken = console.api().withToken(token(bob, "bob's"));
		assertThat(bobsToken.delete(TOKENS + "/" + id).status()).isEqualTo(404);
		assertThat(bob.get(TOKENS + "?user=alice-t").status()).isEqualTo(403);
		assertThat(bob.get(TOKENS + "?all=true").status()).isEqualTo(403);
		assertThat(bob.get(TOKENS + "?user=bob-t").json()).hasSize(1);
		assertThat(console.api().withToken(alices.get("token").asString()).get(DRAFT).status()).isEqualTo(200);
	}

	@Test
	void tokenRevokesItselfButCannotMakeTokens() {
		ApiClient owner = account("self-revoker", "EDITOR");
		JsonNode made = owner.post(TOKENS, Map.of("name", "ci")).json();
		ApiClient byToken = console.api().withToken(made.get("token").asString());
		Response more = byToken.post(TOKENS, Map.of("name", "successor"));
		assertThat(more.status()).as("%s", more).isEqualTo(403);
		assertThat(more.json().get("detail").asString()).contains("password");
		assertThat(byToken.get(TOKENS).json()).hasSize(1);
		assertThat(byToken.delete(TOKENS + "/" + made.get("id").asLong()).status()).isEqualTo(204);
		assertThat(byToken.get(TOKENS).status()).isEqualTo(401);
	}

	@Test
	void badNamesAndExpiriesAreRefusedNamingTheField() {
		ApiClient owner = account("careless", "VIEWER");
		Instant now = Instant.now();
		assertRefused(owner.post(TOKENS, Map.of("name", "")), "name", "is required");
		assertRefused(owner.post(TOKENS, Map.of("name", "x".repeat(101))), "name", "at most 100 characters");
		assertRefused(owner.post(TOKENS, Map.of("name", "two\nlines")), "name", "control characters");
		assertRefused(owner.post(TOKENS, Map.of("name", " padded")), "name", "white space");
		assertRefused(owner.post(TOKENS, Map.of("name", "past", "expiresAt", now.minusSeconds(60).toString())),
				"expiresAt", "in the future");
		assertRefused(
				owner.post(TOKENS, Map.of("name", "too long", "expiresAt", now.plus(366, ChronoUnit.DAYS).toString())),
				"expiresAt", "at most 365 days");
		assertRefused(owner.post(TOKENS, Map.of("name", "bad date", "expiresAt", "next tuesday")), "expiresAt",
				"such as 2026-12-31T00:00:00Z");
		assertThat(owner
			.post(TOKENS, Map.of("name", "x".repeat(100), "expiresAt", now.plus(364, ChronoUnit.DAYS).toString()))
			.status()).isEqualTo(201);
		assertThat(owner.post(TOKENS, Map.of("name", "dup")).status()).isEqualTo(201);
		assertRefused(owner.post(TOKENS, Map.of("name", "dup")), "name", "already have a token named 'dup'");
		assertThat(owner.get(TOKENS).json()).hasSize(2);
	}

	@Test
	void accountHoldsAtMostFiftyTokens() {
		ApiClient owner = account("collector", "VIEWER");
		for (int i = 1; i <= 50; i++) {
			assertThat(owner.post(TOKENS, Map.of("name", "token " + i)).status()).isEqualTo(201);
		}
		assertRefused(owner.post(TOKENS, Map.of("name", "token 51")), "tokens", "revoke one first");
		long first = owner.get(TOKENS).json().get(0).get("id").asLong();
		assertThat(owner.delete(TOKENS + "/" + first).status()).isEqualTo(204);
		assertThat(owner.post(TOKENS, Map.of("name", "token 51")).status()).isEqualTo(201);
	}

	@Test
	void accountThatMustChangeItsPasswordGetsOnlyThePasswordChange() {
		String token = token(account("reset-t", "EDITOR"), "script");
		asAdmin(() -> console.context()
			.getBean(AccountService.class)
			.resetPassword("reset-t", "temporary-secret", true));
		ApiClient byToken = console.api().withToken(token);
		Response refused = byToken.get(DRAFT);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("title").asString()).isEqualTo("Password change required");
		Response change = byToken.post("/api/v1/account/password",
				Map.of("currentPassword", "wrong-password", "newPassword", "another-long-secret"));
		assertThat(change.status()).as("the password change is reached: %s", change).isEqualTo(400);
	}

	@Test
	void makingRevokingAndRefusedUsesAreInTheAuditTrail() {
		ApiClient owner = account("audited", "EDITOR");
		JsonNode made = owner.post(TOKENS, Map.of("name", "audited script")).json();
		String subject = "API token " + made.get("id").asLong() + " of audited";
		ApiClient byToken = console.api().withToken(made.get("token").asString());
		assertThat(admin.patch("/api/v1/users/audited", Map.of("enabled", false)).status()).isEqualTo(200);
		assertThat(byToken.get(DRAFT).status()).isEqualTo(401);
		assertThat(admin.patch("/api/v1/users/audited", Map.of("enabled", true)).status()).isEqualTo(200);
		assertThat(owner.delete(TOKENS + "/" + made.get("id").asLong()).status()).isEqualTo(204);
		assertThat(byToken.get(DRAFT).status()).isEqualTo(401);

		List<String> entries = admin.get("/api/v1/audit?actor=audited&size=10")
			.json()
			.get("content")
			.valueStream()
			.map((e) -> e.get("action").asString() + " | " + e.get("subject").asString() + " | "
					+ e.get("detail").asString())
			.toList();
		assertThat(entries).containsExactly("token.revoked | " + subject + " | audited script",
				"sign-in-failed | account | DisabledException", "token.created | " + subject + " | audited script");
		assertThat(admin.get("/api/v1/audit?actor=(unknown API token)&size=50".replace(" ", "%20"))
			.json()
			.get("content")
			.valueStream()
			.map((e) -> e.get("action").asString())).contains("sign-in-failed");
		assertThat(admin.get("/api/v1/audit/verify").json().get("intact").asBoolean()).isTrue();
	}

	@Test
	void lastUseIsRecorded() {
		ApiClient owner = account("user-of-tokens", "VIEWER");
		String token = token(owner, "used");
		assertThat(owner.get(TOKENS).json().get(0).get("lastUsedAt").isNull()).isTrue();
		Instant before = Instant.now().minusSeconds(1);
		assertThat(console.api().withToken(token).get(DRAFT).status()).isEqualTo(200);
		Instant lastUsed = Instant.parse(owner.get(TOKENS).json().get(0).get("lastUsedAt").asString());
		assertThat(lastUsed).isAfter(before);
	}

	@Test
	void tokenOpensNoBrowserPage() throws Exception {
		String token = token(account("browser-t", "ADMIN"), "pages");
		for (String page : List.of("/policies", "/admin/users", "/account/tokens")) {
			HttpResponse<String> answer = raw(console.api().withToken(token).request(page));
			assertThat(answer.statusCode()).as(page).isEqualTo(302);
			assertThat(answer.headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		}
	}

	@Test
	void httpBasicKeepsWorkingAndTheApiDescriptionListsTokens() {
		assertThat(admin.get(DRAFT).status()).isEqualTo(200);
		JsonNode paths = console.api().get("/v3/api-docs").json().get("paths");
		assertThat(paths.propertyNames()).contains(TOKENS, TOKENS + "/{id}");
		assertThat(paths.at("/~1api~1v1~1tokens/post/parameters").isMissingNode())
			.as("POST parameters: %s", paths.at("/~1api~1v1~1tokens/post"))
			.isTrue();
		assertThat(paths.at("/~1api~1v1~1tokens/post/requestBody").isMissingNode()).isFalse();
	}

	private static void assertRefused(Response response, String field, String message) {
		assertThat(response.status()).as("%s", response).isEqualTo(400);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
		assertThat(response.json().get("errors").get(0).get("message").asString()).contains(message);
	}

	private static ApiClient account(String username, String role) {
		Response response = admin.post("/api/v1/users",
				Map.of("username", username, "password", PASSWORD, "roles", List.of(role)));
		assertThat(response.status()).as("creating %s: %s", username, response).isEqualTo(201);
		return console.api().as(username, PASSWORD);
	}

	private static String token(ApiClient owner, String name) {
		Response made = owner.post(TOKENS, Map.of("name", name));
		assertThat(made.status()).as("making token %s: %s", name, made).isEqualTo(201);
		return made.json().get("token").asString();
	}

	/** The answer with its headers; the client never follows redirects. */
	private static HttpResponse<String> raw(HttpRequest.Builder request) throws Exception {
		return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static void asAdmin(Runnable call) {
		SignedIn.as("admin", () -> {
			call.run();
			return null;
		}, "ADMIN");
	}

}
