package org.smguard.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.testing.ApiClient;
import org.smguard.testing.ApiClient.Response;
import org.smguard.testing.InProcessConsole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review as two people use it through the API of the running console: an editor
 * edits, saves and proposes; a reviewer approves and publishes; a bad second version is
 * rolled back to the first through review, and the current version's rendered files are
 * then the first version's, byte for byte.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReviewJourneyTests {

	private static final String ADMIN_PASSWORD = "review-journey-operator-secret";

	private static final String ACCOUNT_PASSWORD = "ledger-account-secret";

	private static final String POLICY = "/api/v1/policies/default";

	private static final String VERSIONS = POLICY + "/versions";

	@TempDir
	Path dataDir;

	@Test
	void editProposeApprovePublishRollBackApprovePublish() {
		try (InProcessConsole console = InProcessConsole.start(this.dataDir, ADMIN_PASSWORD)) {
			ApiClient admin = console.api().as("admin", ADMIN_PASSWORD);
			account(admin, "erin", "EDITOR");
			account(admin, "rhea", "REVIEWER");
			ApiClient editor = console.api().as("erin", ACCOUNT_PASSWORD);
			ApiClient reviewer = console.api().as("rhea", ACCOUNT_PASSWORD);

			int first = saveWithShell(editor, "/bin/bash", "Allow bash");
			status(editor.post(VERSIONS + "/" + first + "/propose", Map.of("comment", "bash for the admins")), 200);
			status(editor.post(VERSIONS + "/" + first + "/approve", Map.of("comment", "mine")), 403);
			assertThat(ok(reviewer.get("/api/v1/proposals")).findValuesAsString("policy")).contains("default");
			JsonNode approved = ok(reviewer.post(VERSIONS + "/" + first + "/approve", Map.of("comment", "ok")));
			assertThat(approved.get("approvedBy").asString()).isEqualTo("rhea");
			status(reviewer.post(VERSIONS + "/" + first + "/publish", Map.of()), 200);
			assertThat(ok(admin.get(VERSIONS + "/current")).get("number").asInt()).isEqualTo(first);
			String firstCf = admin.get(VERSIONS + "/" + first + "/files/sendmail.cf").body();
			String firstShells = admin.get(VERSIONS + "/" + first + "/files/shells").body();

			int second = saveWithShell(editor, "/usr/bin/evil", "Allow a bad shell");
			status(editor.post(VERSIONS + "/" + second + "/propose", Map.of()), 200);
			status(reviewer.post(VERSIONS + "/" + second + "/approve", Map.of()), 200);
			status(editor.post(VERSIONS + "/" + second + "/publish", Map.of()), 200);
			status(reviewer.post(VERSIONS + "/" + second + "/publish", Map.of()), 409);

			Response rollback = editor.post(VERSIONS + "/" + first + "/rollback",
					Map.of("reason", "the shell broke delivery"));
			assertThat(rollback.status()).as("%s", rollback).isEqualTo(201);
			int third = rollback.json().get("number").asInt();
			assertThat(rollback.json().get("state").asString()).isEqualTo("proposed");
			assertThat(rollback.json().get("parent").asInt()).isEqualTo(second);
			assertThat(ok(admin.get(VERSIONS + "/current")).get("number").asInt()).isEqualTo(second);
			status(editor.post(VERSIONS + "/" + third + "/approve", Map.of()), 403);
			status(reviewer.post(VERSIONS + "/" + third + "/approve", Map.of("comment", "back to v1")), 200);
			status(reviewer.post(VERSIONS + "/" + third + "/publish", Map.of()), 200);

			JsonNode current = ok(admin.get(VERSIONS + "/current"));
			assertThat(current.get("number").asInt()).isEqualTo(third);
			assertThat(current.get("contentHash").asString())
				.isEqualTo(ok(admin.get(VERSIONS + "/" + first)).get("contentHash").asString());
			assertThat(admin.get(VERSIONS + "/" + third + "/files/sendmail.cf").body()).isEqualTo(firstCf);
			assertThat(admin.get(VERSIONS + "/" + third + "/files/shells").body()).isEqualTo(firstShells)
				.doesNotContain("/usr/bin/evil");
			assertThat(ok(admin.get(VERSIONS + "/" + third + "/reviews")).findValuesAsString("action"))
				.containsExactly("proposed", "approved", "published");
			assertThat(ok(admin.get(POLICY)).get("currentVersion").asInt()).isEqualTo(third);

			// Every step is in the audit trail, with a failed sign-in; only an ADMIN
			// reads it.
			status(console.api().as("rhea", "not-her-password").get("/api/v1/policies"), 401);
			JsonNode audit = ok(admin.get("/api/v1/audit?size=100"));
			assertThat(audit.findValuesAsString("action")).contains("version.proposed", "version.approved",
					"version.published", "sign-in-failed");
			assertThat(audit.at("/content/0/action").asString()).as("newest first").isEqualTo("sign-in-failed");
			assertThat(audit.at("/content/0/actor").asString()).isEqualTo("rhea");
			assertThat(ok(admin.get("/api/v1/audit?actor=rhea&size=100")).findValuesAsString("actor"))
				.containsOnly("rhea");
			JsonNode verified = ok(admin.get("/api/v1/audit/verify"));
			assertThat(verified.get("intact").asBoolean()).isTrue();
			status(editor.get("/api/v1/audit"), 403);
			Response csv = admin.send(admin.request("/api/v1/audit").setHeader("Accept", "text/csv").GET());
			assertThat(csv.status()).isEqualTo(200);
			assertThat(csv.body()).startsWith("id,at,actor,address,action,subject,detail,prev_hash,hash")
				.contains("version.published");
		}
	}

	private static void account(ApiClient admin, String name, String role) {
		status(admin.post("/api/v1/users",
				Map.of("username", name, "password", ACCOUNT_PASSWORD, "roles", List.of(role))), 201);
	}

	/** Saves a version whose shells are /bin/sh and {@code shell}; answers its number. */
	private static int saveWithShell(ApiClient editor, String shell, String message) {
		ObjectNode draft = (ObjectNode) ok(editor.get(POLICY + "/draft"));
		ArrayNode entries = ((ObjectNode) draft.get("shells")).putArray("entries");
		entries.add("/bin/sh").add(shell);
		JsonNode saved = ok(editor.put(POLICY + "/draft", draft));
		Response version = editor.post(VERSIONS,
				Map.of("message", message, "draftRevision", saved.get("draftRevision").asLong()));
		status(version, 201);
		return version.json().get("number").asInt();
	}

	private static JsonNode ok(Response response) {
		status(response, 200);
		return response.json();
	}

	private static void status(Response response, int expected) {
		assertThat(response.status()).as("%s", response).isEqualTo(expected);
	}

}
