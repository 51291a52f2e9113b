package org.smguard.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.smguard.testing.ApiClient.Response;
import org.smguard.testing.ApiClient;
import org.smguard.testing.InProcessConsole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diff of two versions through the running console, as a script asks for it: JSON by
 * default, unified diffs with {@code Accept: text/x-diff}, either order, a version
 * against itself, a version that does not exist, and who may ask.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DiffApiTests {

	private static final String ADMIN_PASSWORD = "diff-operator-secret";

	private static final String POLICY = "/api/v1/policies/default";

	private static final String VERSIONS = POLICY + "/versions";

	@TempDir
	static Path dataDir;

	private static InProcessConsole console;

	private static ApiClient admin;

	/**
	 * Version 1: ForwardPath reads 30 override files. Version 2: one of them changed, one
	 * added, LogLevel 12 and one more trusted user.
	 */
	@BeforeAll
	static void twoVersions() {
		console = InProcessConsole.start(dataDir, ADMIN_PASSWORD);
		admin = console.api().as("admin", ADMIN_PASSWORD);
		ObjectNode draft = (ObjectNode) ok(admin.get(POLICY + "/draft"));
		((ObjectNode) draft.get("options")).put("ForwardPath", "/usr/local/etc/forwards/$u.forward:$z/.forward");
		List<Map<String, String>> overrides = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			overrides
				.add(Map.of("user", String.format("user%02d", i), "content", (i % 3 == 0) ? "" : "x@example.org\n"));
		}
		draft.set("forwards",
				ApiClient.JSON.valueToTree(Map.of("directory", "/usr/local/etc/forwards", "overrides", overrides)));
		ok(admin.put(POLICY + "/draft", draft));
		assertThat(admin.post(VERSIONS, Map.of("message", "Thirty override files")).status()).isEqualTo(201);

		long revision = ok(admin.get(POLICY + "/draft")).get("draftRevision").asLong();
		revision = ok(admin.put(POLICY + "/draft/overrides/user07",
				Map.of("content", "user07@elsewhere.example\n", "draftRevision", revision)))
			.get("draftRevision")
			.asLong();
		ok(admin.put(POLICY + "/draft/overrides/newcomer", Map.of("content", "", "draftRevision", revision)));
		ObjectNode second = (ObjectNode) ok(admin.get(POLICY + "/draft"));
		((ObjectNode) second.get("options")).put("LogLevel", 12);
		((ArrayNode) second.at("/trustedUsers/users")).add("listmaster");
		ok(admin.put(POLICY + "/draft", second));
		assertThat(admin.post(VERSIONS, Map.of("message", "user07 elsewhere, newcomer, log more")).status())
			.isEqualTo(201);
		assertThat(
				admin
					.post("/api/v1/users",
							Map.of("username", "viewer", "password", "lantern-reader-secret", "roles",
									List.of("VIEWER")))
					.status())
			.isEqualTo(201);
	}

	@AfterAll
	static void stopConsole() {
		if (console != null) {
			console.close();
		}
	}

	@Test
	void answersTheStructuredDiffOfTwoVersions() {
		JsonNode diff = ok(admin.get(VERSIONS + "/1/diff/2"));
		assertThat(diff.get("from").asInt()).isEqualTo(1);
		assertThat(diff.get("to").asInt()).isEqualTo(2);
		assertThat(diff.get("changed").asBoolean()).isTrue();
		assertThat(diff.get("baseCfChanged").asBoolean()).isFalse();
		assertThat(diff.at("/trustedUsers/added").toString()).isEqualTo("[\"listmaster\"]");
		assertThat(diff.at("/options/0/name").asString()).isEqualTo("LogLevel");
		assertThat(diff.at("/options/0/from").asInt()).isEqualTo(9);
		assertThat(diff.at("/options/0/to").asInt()).isEqualTo(12);
		assertThat(diff.at("/forwards/added").toString()).isEqualTo("[{\"user\":\"newcomer\",\"content\":\"\"}]");
		assertThat(diff.at("/forwards/removed").isEmpty()).isTrue();
		assertThat(diff.at("/forwards/changed/0/user").asString()).isEqualTo("user07");
		assertThat(diff.at("/forwards/changed/0/diff").toString())
			.isEqualTo("[\"@@ -1 +1 @@\",\"-x@example.org\",\"+user07@elsewhere.example\"]");
		assertThat(diff.get("files").findValuesAsString("name")).containsExactly("sendmail.cf", "smguard-security.m4",
				"newcomer.forward", "user07.forward");
		assertThat(diff.get("files").findValuesAsString("status")).containsExactly("modified", "modified", "added",
				"modified");
	}

	@Test
	void answersUnifiedDiffsOfTheRenderedFilesForTextXDiff() throws Exception {
		Response response = admin
			.sendOrThrow(admin.request(VERSIONS + "/1/diff/2").setHeader("Accept", "text/x-diff").GET());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).startsWith("diff --git a/sendmail.cf b/sendmail.cf\n--- a/sendmail.cf\n")
			.contains("\n-O LogLevel=9\n+O LogLevel=12\n")
			.contains("\n+Tlistmaster\n")
			.contains("diff --git a/newcomer.forward b/newcomer.forward\nnew file mode 100644\n")
			.endsWith("diff --git a/user07.forward b/user07.forward\n--- a/user07.forward\n+++ b/user07.forward\n"
					+ "@@ -1 +1 @@\n-x@example.org\n+user07@elsewhere.example\n")
			.doesNotContain("user08");
	}

	@Test
	void answersTheOtherWayRoundWithAddedAndRemovedSwapped() throws Exception {
		JsonNode diff = ok(admin.get(VERSIONS + "/2/diff/1"));
		assertThat(diff.at("/trustedUsers/removed").toString()).isEqualTo("[\"listmaster\"]");
		assertThat(diff.at("/options/0/from").asInt()).isEqualTo(12);
		assertThat(diff.at("/forwards/removed/0/user").asString()).isEqualTo("newcomer");
		assertThat(diff.at("/forwards/changed/0/diff").toString())
			.isEqualTo("[\"@@ -1 +1 @@\",\"-user07@elsewhere.example\",\"+x@example.org\"]");
		Response unified = admin
			.sendOrThrow(admin.request(VERSIONS + "/2/diff/1").setHeader("Accept", "text/x-diff").GET());
		assertThat(unified.body()).contains("\n-O LogLevel=12\n+O LogLevel=9\n")
			.contains("diff --git a/newcomer.forward b/newcomer.forward\ndeleted file mode 100644\n");
	}

	@Test
	void answersAnEmptyDiffForAVersionAndItself() throws Exception {
		JsonNode diff = ok(admin.get(VERSIONS + "/2/diff/2"));
		assertThat(diff.get("changed").asBoolean()).isFalse();
		assertThat(diff.get("files").isEmpty()).isTrue();
		assertThat(diff.get("options").isEmpty()).isTrue();
		Response unified = admin
			.sendOrThrow(admin.request(VERSIONS + "/2/diff/2").setHeader("Accept", "text/x-diff").GET());
		assertThat(unified.status()).isEqualTo(200);
		assertThat(unified.body()).isEmpty();
	}

	@Test
	void answersNotFoundForAVersionOrPolicyThatDoesNotExist() {
		Response missing = admin.get(VERSIONS + "/1/diff/3");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().get("detail").asString()).isEqualTo("policy 'default' has no version 3");
		assertThat(admin.get("/api/v1/policies/nothing/versions/1/diff/2").status()).isEqualTo(404);
	}

	@Test
	void letsAViewerReadItAndNobodyWithoutCredentials() {
		assertThat(console.api().as("viewer", "lantern-reader-secret").get(VERSIONS + "/1/diff/2").status())
			.isEqualTo(200);
		assertThat(console.api().get(VERSIONS + "/1/diff/2").status()).isEqualTo(401);
		assertThat(console.api().as("admin", "wrong-password").get(VERSIONS + "/1/diff/2").status()).isEqualTo(401);
	}

	private static JsonNode ok(Response response) {
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		return response.json();
	}

}
