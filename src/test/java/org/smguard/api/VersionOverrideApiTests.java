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
 * A version's override files a page or one file at a time, through the running console:
 * each version shows its own files, ordered and filtered by user ignoring case, in the
 * shape of the draft's pages; a missing file or version is 404; and who may ask.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class VersionOverrideApiTests {

	private static final String ADMIN_PASSWORD = "lantern-orbit-harbour";

	private static final String VIEWER_PASSWORD = "quartz-meadow-lighthouse";

	private static final String POLICY = "/api/v1/policies/default";

	private static final String VERSIONS = POLICY + "/versions";

	@TempDir
	static Path dataDir;

	private static InProcessConsole console;

	private static ApiClient admin;

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
		viewer = console.api().as("viewer", VIEWER_PASSWORD);
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

	private static List<String> users(JsonNode page) {
		List<String> users = new ArrayList<>();
		page.get("content").forEach((file) -> users.add(file.get("user").asString()));
		return users;
	}

	@Test
	void pagesEachVersionWithItsOwnOverrideFiles() {
		JsonNode first = ok(viewer.get(VERSIONS + "/1/overrides?page=0&size=50"));
		assertThat(first.propertyNames()).containsExactly("content", "page", "prefix");
		assertThat(first.get("content")).hasSize(50);
		assertThat(first.at("/content/7/user").asString()).isEqualTo("user007");
		assertThat(first.at("/content/7/content").asString()).isEqualTo("x@example.org\n");
		assertThat(first.at("/content/10/user").asString()).isEqualTo("user010");
		assertThat(first.at("/page/totalElements").asInt()).isEqualTo(120);
		assertThat(first.at("/page/totalPages").asInt()).isEqualTo(3);
		JsonNode second = ok(viewer.get(VERSIONS + "/2/overrides?page=0&size=50"));
		assertThat(second.at("/content/0/user").asString()).isEqualTo("newcomer");
		assertThat(second.at("/content/8/user").asString()).isEqualTo("user007");
		assertThat(second.at("/content/8/content").asString()).isEqualTo("user007@elsewhere.example\n");
		assertThat(second.at("/content/11/user").asString()).isEqualTo("user011");
		assertThat(second.at("/page/totalElements").asInt()).isEqualTo(120);
		JsonNode last = ok(viewer.get(VERSIONS + "/2/overrides?page=2&size=50"));
		assertThat(users(last)).hasSize(20).startsWith("user100").endsWith("user119");
	}

	@Test
	void filtersByPrefixIgnoringCase() {
		assertThat(users(ok(viewer.get(VERSIONS + "/1/overrides?prefix=USER01")))).containsExactly("user010", "user011",
				"user012", "user013", "user014", "user015", "user016", "user017", "user018", "user019");
		JsonNode second = ok(viewer.get(VERSIONS + "/2/overrides?prefix=User01"));
		assertThat(users(second)).hasSize(9).doesNotContain("user010");
		assertThat(second.at("/page/totalElements").asInt()).isEqualTo(9);
		assertThat(second.get("prefix").asString()).isEqualTo("User01");
		assertThat(users(ok(viewer.get(VERSIONS + "/1/overrides?prefix=new")))).isEmpty();
		assertThat(users(ok(viewer.get(VERSIONS + "/2/overrides?prefix=NEW")))).containsExactly("newcomer");
	}

	@Test
	void readsOneOverrideFileOfAVersionOrAnswersNotFound() {
		assertThat(ok(viewer.get(VERSIONS + "/1/overrides/user007")).get("content").asString())
			.isEqualTo("x@example.org\n");
		assertThat(ok(viewer.get(VERSIONS + "/2/overrides/user007")).get("content").asString())
			.isEqualTo("user007@elsewhere.example\n");
		assertThat(ok(viewer.get(VERSIONS + "/1/overrides/user010")).get("user").asString()).isEqualTo("user010");
		assertThat(viewer.get(VERSIONS + "/2/overrides/user010").status()).isEqualTo(404);
		assertThat(viewer.get(VERSIONS + "/1/overrides/newcomer").status()).isEqualTo(404);
		assertThat(viewer.get(VERSIONS + "/9/overrides").status()).isEqualTo(404);
		assertThat(viewer.get(VERSIONS + "/9/overrides/user007").status()).isEqualTo(404);
	}

	@Test
	void refusesPageSizesOverTheBoundAndAnonymousReaders() {
		Response tooLarge = viewer.get(VERSIONS + "/1/overrides?size=201");
		assertThat(tooLarge.status()).isEqualTo(400);
		assertThat(tooLarge.body()).contains("\"field\":\"size\"");
		assertThat(console.api().anonymous().get(VERSIONS + "/1/overrides").status()).isEqualTo(401);
	}

	@Test
	void keepsTheWholeVersionInItsOwnDocument() {
		JsonNode version = ok(viewer.get(VERSIONS + "/1"));
		assertThat(version.at("/forwards/overrides")).hasSize(120);
	}

}
