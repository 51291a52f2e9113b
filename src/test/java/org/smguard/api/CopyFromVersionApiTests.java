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
import tools.jackson.databind.node.ObjectNode;

import org.smguard.testing.ApiClient;
import org.smguard.testing.ApiClient.Response;
import org.smguard.testing.InProcessConsole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version copied into the draft, through the running console: a stale copy changes
 * nothing, a copy answers the draft as {@code GET .../draft} does and, saved again, gives
 * a version equal to the one it came from; bad requests name the field; and who may copy.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CopyFromVersionApiTests {

	private static final String ADMIN_PASSWORD = "lantern-orbit-harbour";

	private static final String VIEWER_PASSWORD = "quartz-meadow-lighthouse";

	private static final String EDITOR_PASSWORD = "copper-thistle-galaxy";

	private static final String POLICY = "/api/v1/policies/default";

	private static final String VERSIONS = POLICY + "/versions";

	private static final String COPY = POLICY + "/draft/copy-from-version";

	@TempDir
	static Path dataDir;

	private static InProcessConsole console;

	private static ApiClient admin;

	private static ApiClient editor;

	private static ApiClient viewer;

	/**
	 * Version 1: ForwardPath reads 120 override files, user000 to user119. Version 2:
	 * user007's file changed, user010's removed, newcomer's added.
	 */
	@BeforeAll
	static void twoVersions() {
		console = InProcessConsole.start(dataDir, ADMIN_PASSWORD);
		admin = console.api().as("admin", ADMIN_PASSWORD);
		ObjectNode draft = (ObjectNode) ok(admin.get(POLICY + "/draft"));
		((ObjectNode) draft.get("options")).put("ForwardPath", "/usr/local/etc/forwards/$u.forward:$z/.forward");
		List<Map<String, String>> overrides = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			overrides
				.add(Map.of("user", String.format("user%03d", i), "content", (i % 2 == 0) ? "" : "x@example.org\n"));
		}
		draft.set("forwards",
				ApiClient.JSON.valueToTree(Map.of("directory", "/usr/local/etc/forwards", "overrides", overrides)));
		ok(admin.put(POLICY + "/draft", draft));
		assertThat(admin.post(VERSIONS, Map.of("message", "120 override files")).status()).isEqualTo(201);
		ok(admin.put(POLICY + "/draft/overrides/user007",
				Map.of("content", "user007@elsewhere.example\n", "draftRevision", revision())));
		ok(admin.delete(POLICY + "/draft/overrides/user010?draftRevision=" + revision()));
		ok(admin.put(POLICY + "/draft/overrides/newcomer", Map.of("content", "", "draftRevision", revision())));
		assertThat(admin.post(VERSIONS, Map.of("message", "user007 elsewhere, no user010, newcomer")).status())
			.isEqualTo(201);
		account("viewer", VIEWER_PASSWORD, "VIEWER");
		account("editor", EDITOR_PASSWORD, "EDITOR");
		viewer = console.api().as("viewer", VIEWER_PASSWORD);
		editor = console.api().as("editor", EDITOR_PASSWORD);
	}

	@AfterAll
	static void stopConsole() {
		if (console != null) {
			console.close();
		}
	}

	private static void account(String name, String password, String role) {
		assertThat(admin.post("/api/v1/users", Map.of("username", name, "password", password, "roles", List.of(role)))
			.status()).isEqualTo(201);
	}

	private static JsonNode ok(Response response) {
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		return response.json();
	}

	private static long revision() {
		return ok(admin.get(POLICY + "/draft")).get("draftRevision").asLong();
	}

	@Test
	void copiesVersionOneIntoADraftThatMovedOnAndSavesItAgain() {
		long loaded = revision();
		ok(admin.put(POLICY + "/draft/overrides/user001",
				Map.of("content", "moved@example.org\n", "draftRevision", loaded)));
		long moved = revision();

		Response stale = editor.post(COPY, Map.of("version", 1, "draftRevision", loaded));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().get("draftRevision").asLong()).isEqualTo(moved);
		assertThat(stale.json().get("changes").toString()).contains("forwards.overrides[user001]");
		assertThat(revision()).isEqualTo(moved);
		assertThat(ok(admin.get(POLICY + "/draft/overrides/user001")).get("content").asString())
			.isEqualTo("moved@example.org\n");

		JsonNode copied = ok(editor.post(COPY, Map.of("version", 1, "draftRevision", moved)));
		JsonNode draft = ok(admin.get(POLICY + "/draft"));
		assertThat(copied.propertyNames()).containsExactlyElementsOf(draft.propertyNames());
		assertThat(copied).isEqualTo(draft);
		assertThat(copied.get("draftRevision").asLong()).isEqualTo(moved + 1);
		assertThat(copied.get("baseVersion").asInt()).as("the draft stays based on version 2").isEqualTo(2);
		assertThat(copied.get("updatedBy").asString()).isEqualTo("editor");
		JsonNode first = ok(viewer.get(VERSIONS + "/1"));
		assertThat(copied.get("forwards")).isEqualTo(first.get("forwards"));
		assertThat(copied.get("options")).isEqualTo(first.get("options"));
		assertThat(ok(admin.get(POLICY + "/draft/overrides/user010")).get("content").asString()).isEmpty();
		assertThat(admin.get(POLICY + "/draft/overrides/newcomer").status()).isEqualTo(404);

		Response saved = editor.post(VERSIONS, Map.of("message", "Back to version 1", "draftRevision", moved + 1));
		assertThat(saved.status()).isEqualTo(201);
		assertThat(saved.json().get("number").asInt()).isEqualTo(3);
		assertThat(saved.json().get("parent").asInt()).isEqualTo(2);
		assertThat(saved.json().get("contentHash")).isEqualTo(first.get("contentHash"));
		JsonNode diff = ok(viewer.get(VERSIONS + "/1/diff/3"));
		assertThat(diff.get("changed").asBoolean()).isFalse();
		assertThat(ok(viewer.get(VERSIONS + "/3/overrides?prefix=user010")).at("/page/totalElements").asInt())
			.isEqualTo(1);
	}

	@Test
	void refusesCopiesThatNameNoVersionOrNoRevisionOrAnUnknownVersion() {
		long before = revision();
		Response empty = editor.post(COPY, Map.of());
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.body()).contains("\"field\":\"version\"").contains("\"field\":\"draftRevision\"");
		Response noRevision = editor.post(COPY, Map.of("version", 1));
		assertThat(noRevision.status()).isEqualTo(400);
		assertThat(noRevision.body()).contains("\"field\":\"draftRevision\"").doesNotContain("\"field\":\"version\"");
		assertThat(editor.post(COPY, Map.of("version", 9, "draftRevision", before)).status()).isEqualTo(404);
		assertThat(revision()).isEqualTo(before);
	}

	@Test
	void refusesCopiesByViewers() {
		long before = revision();
		assertThat(viewer.post(COPY, Map.of("version", 1, "draftRevision", before)).status()).isEqualTo(403);
		assertThat(console.api().anonymous().post(COPY, Map.of("version", 1, "draftRevision", before)).status())
			.isEqualTo(401);
		assertThat(revision()).isEqualTo(before);
	}

}
