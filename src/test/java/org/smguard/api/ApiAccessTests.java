package org.smguard.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.testing.ApiClient.Response;
import org.smguard.testing.ApiClient;
import org.smguard.testing.InProcessConsole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what through the real stack: public health and API description, then one
 * account per role, created through the API as a script would.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ApiAccessTests {

	private static final String ADMIN_PASSWORD = "access-operator-secret";

	private static final String PASSWORD = "role-account-secret";

	private static final String DRAFT = "/api/v1/policies/default/draft";

	private static final String VERSIONS = "/api/v1/policies/default/versions";

	private static final List<String> SECTIONS = List.of("trustedUsers", "shells", "smrsh", "forwards", "options");

	@TempDir
	static Path dataDir;

	private static InProcessConsole console;

	private static ApiClient admin;

	@BeforeAll
	static void startConsoleWithOneAccountPerRole() {
		console = InProcessConsole.start(dataDir, ADMIN_PASSWORD);
		admin = console.api().as("admin", ADMIN_PASSWORD);
		createAccount("viewer", "VIEWER");
		createAccount("editor", "EDITOR");
		createAccount("reviewer", "REVIEWER");
	}

	@AfterAll
	static void stopConsole() {
		if (console != null) {
			console.close();
		}
	}

	@Test
	void healthIsUpForAnonymousClients() {
		Response health = console.api().get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void apiDescriptionListsThePolicyPathsForAnonymousClients() {
		Response docs = console.api().get("/v3/api-docs");
		assertThat(docs.status()).as("GET /v3/api-docs: %s", docs).isEqualTo(200);
		assertThat(docs.json().get("paths").propertyNames()).contains("/api/v1/policies",
				"/api/v1/policies/{policy}/draft", "/api/v1/policies/{policy}/versions",
				"/api/v1/policies/{policy}/versions/{number}", "/api/v1/users");
	}

	@Test
	void anonymousApiRequestsAreRefused() {
		Response response = console.api().get(DRAFT);
		assertThat(response.status()).isEqualTo(401);
	}

	@Test
	void accountCreatedThroughTheApiWorksAtOnce() {
		createAccount("newcomer", "VIEWER");
		assertThat(admin.get("/api/v1/users/newcomer").json().get("mustChangePassword").asBoolean()).isFalse();
		assertThat(as("newcomer").get("/api/v1/policies").status()).isEqualTo(200);
	}

	@Test
	void viewerReadsTheDraftButCannotChangeIt() {
		ApiClient viewer = as("viewer");
		Response draft = viewer.get(DRAFT);
		assertThat(draft.status()).isEqualTo(200);
		assertRefusedByTheService(viewer.put(DRAFT, withLogLevel(draft.json(), 7)));
		assertRefusedByTheService(viewer.post(VERSIONS, Map.of("message", "viewer save")));
		assertThat(admin.get(DRAFT).body()).isEqualTo(draft.body());
	}

	@Test
	void editorEditsAndSavesButManagesNeitherAccountsNorPolicies() {
		ApiClient editor = as("editor");
		JsonNode draft = editor.get(DRAFT).json();
		int logLevel = (draft.at("/options/LogLevel").asInt() == 11) ? 12 : 11;
		Response changed = editor.put(DRAFT, withLogLevel(draft, logLevel));
		assertThat(changed.status()).as("editor PUT: %s", changed).isEqualTo(200);
		assertThat(changed.json().get("updatedBy").asString()).isEqualTo("editor");
		Response saved = editor.post(VERSIONS, Map.of("message", "Editor raises the log level", "draftRevision",
				changed.json().get("draftRevision").asLong()));
		assertThat(saved.status()).as("editor save: %s", saved).isEqualTo(201);
		assertThat(saved.json().get("author").asString()).isEqualTo("editor");

		Response account = editor.post("/api/v1/users",
				Map.of("username", "intruder", "password", PASSWORD, "roles", List.of("ADMIN")));
		assertThat(account.status()).isEqualTo(403);
		Response policy = editor.post("/api/v1/policies", Map.of("name", "editors-own", "description", ""));
		assertThat(policy.status()).isEqualTo(403);
		assertThat(admin.get("/api/v1/users/intruder").status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/policies/editors-own").status()).isEqualTo(404);
	}

	@Test
	void reviewerCannotChangeTheDraft() {
		ApiClient reviewer = as("reviewer");
		Response draft = reviewer.get(DRAFT);
		assertThat(draft.status()).isEqualTo(200);
		assertRefusedByTheService(reviewer.put(DRAFT, withLogLevel(draft.json(), 3)));
		assertRefusedByTheService(reviewer.post(VERSIONS, Map.of("message", "reviewer save")));
		assertThat(admin.get(DRAFT).body()).isEqualTo(draft.body());
	}

	@Test
	void disabledAccountIsRefused() {
		createAccount("leaver", "EDITOR");
		assertThat(as("leaver").get(DRAFT).status()).isEqualTo(200);
		Response disabled = admin.patch("/api/v1/users/leaver", Map.of("enabled", false));
		assertThat(disabled.status()).as("PATCH enabled=false: %s", disabled).isEqualTo(200);
		assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
		assertThat(as("leaver").get(DRAFT).status()).isEqualTo(401);
	}

	@Test
	void adminCreatesAPolicyCopiedFromAnother() {
		JsonNode source = admin.get(DRAFT).json();
		Response created = admin.post("/api/v1/policies",
				Map.of("name", "list-server", "description", "Mailing list hosts", "copyFrom", "default"));
		assertThat(created.status()).as("POST /api/v1/policies: %s", created).isEqualTo(201);
		assertThat(created.json().get("name").asString()).isEqualTo("list-server");
		JsonNode copy = admin.get("/api/v1/policies/list-server/draft").json();
		for (String section : SECTIONS) {
			assertThat(copy.get(section)).as(section).isEqualTo(source.get(section));
		}
		assertThat(copy.get("baseVersion").isNull()).isTrue();
	}

	/**
	 * A 403 problem that the URL rules let through and the service's method security
	 * refused.
	 */
	private static void assertRefusedByTheService(Response response) {
		assertThat(response.status()).as("%s", response).isEqualTo(403);
		assertThat(response.json().get("status").asInt()).isEqualTo(403);
		assertThat(response.json().get("detail").asString()).isEqualTo("your account's roles do not allow this action");
	}

	private static void createAccount(String username, String role) {
		Response response = admin.post("/api/v1/users",
				Map.of("username", username, "password", PASSWORD, "roles", List.of(role)));
		assertThat(response.status()).as("creating %s: %s", username, response).isEqualTo(201);
	}

	private static ApiClient as(String username) {
		return console.api().as(username, PASSWORD);
	}

	private static ObjectNode withLogLevel(JsonNode draft, int logLevel) {
		ObjectNode changed = (ObjectNode) draft.deepCopy();
		((ObjectNode) changed.get("options")).put("LogLevel", logLevel);
		return changed;
	}

}
