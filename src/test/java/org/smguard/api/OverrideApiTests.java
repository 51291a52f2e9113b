package org.smguard.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.testing.ApiClient;
import org.smguard.testing.ApiClient.Response;
import org.smguard.testing.InProcessConsole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The draft's override files as sub-resources, through the real stack: paged and filtered
 * reads, one-file PUT and DELETE carrying {@code draftRevision}, the conflicts they do
 * and do not meet, bad input refused without a trace, roles, and one rendered file served
 * alone.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OverrideApiTests {

	private static final String ADMIN_PASSWORD = "overrides-operator-secret";

	private static final String POLICY = "/api/v1/policies/default";

	private static final String OVERRIDES = POLICY + "/draft/overrides";

	@TempDir
	static Path dataDir;

	private static InProcessConsole console;

	private static ApiClient admin;

	/** Default policy with ForwardPath reading the override files, and 120 of them. */
	@BeforeAll
	static void startConsoleWithOverrides() {
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
		assertThat(
				admin
					.post("/api/v1/users",
							Map.of("username", "viewer", "password", "reader-account-secret", "roles",
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

	private static JsonNode ok(Response response) {
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		return response.json();
	}

	private static long revision() {
		return ok(admin.get(POLICY + "/draft")).get("draftRevision").asLong();
	}

	private static Response put(String user, String content, long revision) {
		Map<String, Object> body = new HashMap<>();
		body.put("content", content);
		body.put("draftRevision", revision);
		return admin.put(OVERRIDES + "/" + user, body);
	}

	@Test
	void pagesTheOverrideFilesWithTheDraftRevision() {
		JsonNode page = ok(admin.get(OVERRIDES + "?page=1&size=50"));
		assertThat(page.get("content")).hasSize(50);
		assertThat(page.at("/content/0/user").asString()).isEqualTo("user050");
		assertThat(page.at("/content/0/content").asString()).isEmpty();
		assertThat(page.at("/content/1/content").asString()).isEqualTo("x@example.org\n");
		assertThat(page.at("/page/number").asInt()).isEqualTo(1);
		assertThat(page.at("/page/size").asInt()).isEqualTo(50);
		assertThat(page.at("/page/totalElements").asLong()).isGreaterThanOrEqualTo(120);
		assertThat(page.at("/page/totalPages").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(page.get("draftRevision").asLong()).isPositive();
	}

	@Test
	void filtersByPrefixIgnoringCase() {
		JsonNode page = ok(admin.get(OVERRIDES + "?prefix=USER11&size=200"));
		assertThat(page.get("content")).extracting((node) -> node.get("user").asString())
			.containsExactly("user110", "user111", "user112", "user113", "user114", "user115", "user116", "user117",
					"user118", "user119");
		assertThat(page.at("/page/totalElements").asInt()).isEqualTo(10);
	}

	@Test
	void refusesPageSizesOverTheBound() {
		Response response = admin.get(OVERRIDES + "?size=201");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("size");
	}

	@Test
	void putsGetsAndDeletesOneOverrideFile() {
		JsonNode added = ok(put("newuser", "newuser@example.org\n", revision()));
		assertThat(added.get("user").asString()).isEqualTo("newuser");
		JsonNode read = ok(admin.get(OVERRIDES + "/newuser"));
		assertThat(read.get("content").asString()).isEqualTo("newuser@example.org\n");
		Response file = admin.get(POLICY + "/draft/files/newuser.forward");
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.body()).isEqualTo("newuser@example.org\n");
		JsonNode removed = ok(
				admin.delete(OVERRIDES + "/newuser?draftRevision=" + added.get("draftRevision").asLong()));
		assertThat(removed.get("draftRevision").asLong()).isEqualTo(added.get("draftRevision").asLong() + 1);
		assertThat(admin.get(OVERRIDES + "/newuser").status()).isEqualTo(404);
		assertThat(admin.get(POLICY + "/draft/files/newuser.forward").status()).isEqualTo(404);
		assertThat(admin.delete(OVERRIDES + "/newuser?draftRevision=" + revision()).status()).isEqualTo(404);
	}

	@Test
	void answersWithTheWarningsOfTheFile() {
		JsonNode added = ok(put("Upper", "", revision()));
		assertThat(added.get("warnings")).singleElement()
			.satisfies((warning) -> assertThat(warning.get("message").asString()).contains("upper-case"));
		ok(admin.delete(OVERRIDES + "/Upper?draftRevision=" + added.get("draftRevision").asLong()));
	}

	@Test
	void refusesAStaleChangeOfTheSameFileWithWhatChanged() {
		long loaded = revision();
		ok(put("user001", "first@example.org\n", loaded));
		Response stale = put("user001", "second@example.org\n", loaded);
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().get("changes").toString()).contains("forwards.overrides[user001]");
		assertThat(stale.json().get("draftRevision").asLong()).isEqualTo(revision());
		assertThat(ok(admin.get(OVERRIDES + "/user001")).get("content").asString()).isEqualTo("first@example.org\n");
		assertThat(admin.delete(OVERRIDES + "/USER001?draftRevision=" + loaded).status()).isEqualTo(409);
	}

	@Test
	void letsAChangeOfAnotherFileThroughAfterAChange() {
		long loaded = revision();
		ok(put("user003", "three@example.org\n", loaded));
		ok(put("user005", "five@example.org\n", loaded));
		assertThat(ok(admin.get(OVERRIDES + "/user005")).get("content").asString()).isEqualTo("five@example.org\n");
	}

	@Test
	void refusesBadInputNamingTheFieldAndChangesNothing() {
		long before = revision();
		Response badContent = put("user007", "a\r\nb", before);
		assertThat(badContent.status()).isEqualTo(400);
		assertThat(badContent.body()).contains("\"field\":\"content\"").contains("carriage return");
		Response badUser = put("a,b", "", before);
		assertThat(badUser.status()).isEqualTo(400);
		assertThat(badUser.body()).contains("\"field\":\"user\"");
		Response clash = put("USER009", "", before);
		assertThat(clash.status()).isEqualTo(400);
		assertThat(clash.body()).contains("already has an override as 'user009'");
		Response noRevision = admin.put(OVERRIDES + "/user011", Map.of("content", ""));
		assertThat(noRevision.status()).isEqualTo(400);
		assertThat(noRevision.body()).contains("draftRevision");
		assertThat(admin.delete(OVERRIDES + "/user011").status()).isEqualTo(400);
		assertThat(revision()).isEqualTo(before);
	}

	@Test
	void letsAViewerReadButNotChange() {
		ApiClient viewer = console.api().as("viewer", "reader-account-secret");
		assertThat(viewer.get(OVERRIDES).status()).isEqualTo(200);
		assertThat(viewer.get(OVERRIDES + "/user000").status()).isEqualTo(200);
		long before = revision();
		Map<String, Object> body = Map.of("content", "", "draftRevision", before);
		assertThat(viewer.put(OVERRIDES + "/viewerfile", body).status()).isEqualTo(403);
		assertThat(viewer.delete(OVERRIDES + "/user000?draftRevision=" + before).status()).isEqualTo(403);
		assertThat(console.api().anonymous().get(OVERRIDES).status()).isEqualTo(401);
		assertThat(revision()).isEqualTo(before);
	}

}
