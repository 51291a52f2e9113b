package org.smguard.api;

import java.nio.file.Path;
import java.util.Collections;
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

import org.smguard.testing.ApiClient.Response;
import org.smguard.testing.ApiClient;
import org.smguard.testing.InProcessConsole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smrsh simulator through the running console, as a script calls it: commands and a
 * {@code .forward} against the draft (smrsh on, vacation and procmail linked) and against
 * version 1 (Debian's stock policy, smrsh off), input out of bounds, a version that does
 * not exist, and who may call it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SmrshSimulateApiTests {

	private static final String ADMIN_PASSWORD = "smrsh-operator-secret";

	private static final String VIEWER_PASSWORD = "quiet-harbor-lantern";

	private static final String POLICY = "/api/v1/policies/default";

	private static final String SIMULATE = POLICY + "/smrsh/simulate";

	@TempDir
	static Path dataDir;

	private static InProcessConsole console;

	private static ApiClient viewer;

	@BeforeAll
	static void draftWithSmrshOn() {
		console = InProcessConsole.start(dataDir, ADMIN_PASSWORD);
		ApiClient admin = console.api().as("admin", ADMIN_PASSWORD);
		assertThat(admin.post(POLICY + "/versions", Map.of("message", "Debian's stock settings")).status())
			.isEqualTo(201);
		ObjectNode draft = (ObjectNode) ok(admin.get(POLICY + "/draft"));
		draft.set("smrsh",
				ApiClient.JSON.valueToTree(Map.of("enabled", true, "smrshPath", "/usr/libexec/sendmail/smrsh",
						"binDirectory", "/etc/mail/smrsh", "programs",
						List.of(Map.of("name", "vacation", "target", "/usr/bin/vacation"),
								Map.of("name", "procmail", "target", "/usr/bin/procmail")))));
		ok(admin.put(POLICY + "/draft", draft));
		assertThat(admin
			.post("/api/v1/users", Map.of("username", "vera", "password", VIEWER_PASSWORD, "roles", List.of("VIEWER")))
			.status()).isEqualTo(201);
		viewer = console.api().as("vera", VIEWER_PASSWORD);
	}

	@AfterAll
	static void stopConsole() {
		if (console != null) {
			console.close();
		}
	}

	@Test
	void answersTheVerdictOfEachCommandOnTheDraft() {
		JsonNode answer = ok(viewer.post(SIMULATE, Map.of("commands", List.of("/usr/bin/vacation -a eric eric",
				"cp /bin/sh /tmp/x; chmod u+s /tmp/x", "echo é", "procmail && vacation x"))));
		JsonNode results = answer.get("results");
		assertThat(results).hasSize(4);
		assertThat(results.get(0).get("input").asString()).isEqualTo("/usr/bin/vacation -a eric eric");
		assertThat(results.get(0).get("allowed").asBoolean()).isTrue();
		assertThat(results.get(0).get("program").asString()).isEqualTo("/etc/mail/smrsh/vacation");
		assertThat(results.get(0).get("target").asString()).isEqualTo("/usr/bin/vacation");
		assertThat(results.get(0).get("arguments").toString()).isEqualTo("[\"-a\",\"eric\",\"eric\"]");
		assertThat(results.get(1).get("allowed").asBoolean()).isFalse();
		assertThat(results.get(1).get("message").asString())
			.isEqualTo("smrsh: \"cp\" not available for sendmail programs (stat failed)");
		assertThat(results.get(1).get("exitCode").asInt()).isEqualTo(69);
		assertThat(results.get(2).get("message").asString()).isEqualTo("smrsh: cannot use \\xA9 in command");
		assertThat(results.get(3).get("commands").findValuesAsString("program"))
			.containsExactly("/etc/mail/smrsh/procmail", "/etc/mail/smrsh/vacation");
		assertThat(answer.get("version").isNull() || answer.get("version").isMissingNode()).isTrue();
		assertThat(answer.get("smrshEnabled").asBoolean()).isTrue();
	}

	@Test
	void classifiesTheEntriesOfAForwardFile() {
		JsonNode results = ok(viewer.post(SIMULATE,
				Map.of("text", "\\eric, \"|/usr/bin/vacation eric\"\n\"|/tmp/x.sh\"\n/var/mail/eric.copy\n")))
			.get("results");
		assertThat(results.valueStream().map((result) -> result.get("kind").asString())).containsExactly("address",
				"program", "program", "file");
		assertThat(results.get(1).get("command").asString()).isEqualTo("/usr/bin/vacation eric");
		assertThat(results.get(1).get("allowed").asBoolean()).isTrue();
		assertThat(results.get(2).get("message").asString())
			.isEqualTo("smrsh: \"x.sh\" not available for sendmail programs (stat failed)");
		assertThat(results.get(3).get("line").asInt()).isEqualTo(3);
	}

	@Test
	void simulatesAgainstAVersion() {
		JsonNode answer = ok(viewer.post(SIMULATE, Map.of("commands", List.of("cp /etc/passwd /tmp/x"), "version", 1)));
		assertThat(answer.get("version").asInt()).isEqualTo(1);
		assertThat(answer.get("smrshEnabled").asBoolean()).isFalse();
		assertThat(answer.at("/results/0/allowed").asBoolean()).isTrue();
		assertThat(answer.at("/results/0/message").asString()).startsWith("smrsh is off in this policy");
	}

	@Test
	void refusesInputOutOfBoundsNamingTheField() {
		Response tooMany = viewer.post(SIMULATE, Map.of("commands", Collections.nCopies(1001, "vacation")));
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.json().at("/errors/0/field").asString()).isEqualTo("commands");
		Response tooLarge = viewer.post(SIMULATE, Map.of("text", "a\n".repeat(131_073)));
		assertThat(tooLarge.status()).isEqualTo(400);
		assertThat(tooLarge.json().at("/errors/0/field").asString()).isEqualTo("text");
		Response both = viewer.post(SIMULATE, Map.of("commands", List.of("x"), "text", "y"));
		assertThat(both.status()).isEqualTo(400);
		assertThat(both.json().at("/errors/0/field").asString()).isEqualTo("commands");
	}

	@Test
	void answersNotFoundForAVersionOrPolicyThatDoesNotExist() {
		assertThat(viewer.post(SIMULATE, Map.of("commands", List.of("x"), "version", 5)).status()).isEqualTo(404);
		assertThat(viewer.post("/api/v1/policies/nothing/smrsh/simulate", Map.of("commands", List.of("x"))).status())
			.isEqualTo(404);
	}

	@Test
	void refusesACallerWithoutCredentials() {
		assertThat(console.api().post(SIMULATE, Map.of("commands", List.of("x"))).status()).isEqualTo(401);
		assertThat(console.api().as("vera", "wrong-password").post(SIMULATE, Map.of("commands", List.of("x"))).status())
			.isEqualTo(401);
	}

	@Test
	void isDescribedInTheOpenApiDocument() {
		assertThat(console.api().get("/v3/api-docs").body()).contains("/api/v1/policies/{policy}/smrsh/simulate");
	}

	private static JsonNode ok(Response response) {
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		return response.json();
	}

}
