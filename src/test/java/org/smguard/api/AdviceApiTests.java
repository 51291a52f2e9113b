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
import org.smguard.testing.ApiClient;
import org.smguard.testing.InProcessConsole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security advisor through the running console: findings on the draft and on a
 * version, following what each holds, and the roles that may read them.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AdviceApiTests {

	private static final String ADMIN_PASSWORD = "advice-operator-secret";

	private static final String POLICY = "/api/v1/policies/default";

	@TempDir
	static Path dataDir;

	private static InProcessConsole console;

	private static ApiClient admin;

	@BeforeAll
	static void start() {
		console = InProcessConsole.start(dataDir, ADMIN_PASSWORD);
		admin = console.api().as("admin", ADMIN_PASSWORD);
	}

	@AfterAll
	static void stop() {
		if (console != null) {
			console.close();
		}
	}

	@Test
	void adviseOnTheDraftAndOnAVersionSeparately() {
		JsonNode stock = ok(admin.get(POLICY + "/draft/advice"));
		assertThat(rules(stock)).contains("privacy-options", "default-user", "temp-file-mode", "smrsh-off")
			.doesNotContain("smrsh-is-a-shell");
		assertThat(stock.at("/summary/critical").asInt()).isZero();
		assertThat(stock.at("/sections/options/warning").asInt()).isPositive();
		JsonNode tempFileMode = finding(stock, "temp-file-mode");
		assertThat(tempFileMode.get("severity").asString()).isEqualTo("warning");
		assertThat(tempFileMode.get("field").asString()).isEqualTo("options.TempFileMode");
		assertThat(tempFileMode.get("recommended").asString()).isEqualTo("0600");
		assertThat(admin.post(POLICY + "/versions", Map.of("message", "Stock")).status()).isEqualTo(201);

		ObjectNode draft = (ObjectNode) ok(admin.get(POLICY + "/draft"));
		((ObjectNode) draft.get("smrsh")).put("enabled", true).put("smrshPath", "/bin/sh");
		((ObjectNode) draft.get("options")).put("TempFileMode", "0600");
		ok(admin.put(POLICY + "/draft", draft));

		JsonNode changed = ok(admin.get(POLICY + "/draft/advice"));
		assertThat(rules(changed)).contains("smrsh-is-a-shell").doesNotContain("temp-file-mode", "smrsh-off");
		assertThat(changed.at("/summary/critical").asInt()).isEqualTo(1);
		assertThat(changed.get("findings").get(0).get("rule").asString()).as("most serious first")
			.isEqualTo("smrsh-is-a-shell");
		assertThat(rules(ok(admin.get(POLICY + "/versions/1/advice")))).as("version 1 as it was saved")
			.contains("temp-file-mode", "smrsh-off")
			.doesNotContain("smrsh-is-a-shell");
		assertThat(admin.get(POLICY + "/versions/9/advice").status()).isEqualTo(404);
		assertThat(console.api().anonymous().get(POLICY + "/draft/advice").status()).isEqualTo(401);
	}

	@Test
	void approvingAVersionWithACriticalFindingNeedsAnAcknowledgement() {
		String policy = "/api/v1/policies/critical";
		assertThat(admin.post("/api/v1/policies", Map.of("name", "critical", "description", "")).status())
			.isEqualTo(201);
		ObjectNode draft = (ObjectNode) ok(admin.get(policy + "/draft"));
		((ObjectNode) draft.get("shells")).put("allowAnyShell", true);
		ok(admin.put(policy + "/draft", draft));
		int number = ok(admin.post(policy + "/versions", Map.of("message", "Any shell"))).get("number").asInt();
		ok(admin.post(policy + "/versions/" + number + "/propose", Map.of()));
		assertThat(
				admin
					.post("/api/v1/users",
							Map.of("username", "rhea", "password", "lantern-orbit-harbour", "roles",
									List.of("REVIEWER")))
					.status())
			.isEqualTo(201);
		ApiClient reviewer = console.api().as("rhea", "lantern-orbit-harbour");
		String finding = "any-shell@shells.allowAnyShell";

		ApiClient.Response refused = reviewer.post(policy + "/versions/" + number + "/approve",
				Map.of("comment", "ok"));
		assertThat(refused.status()).as("%s", refused).isEqualTo(400);
		assertThat(refused.json().get("errors").get(0).get("field").asString())
			.isEqualTo("acknowledgements." + finding);
		ok(reviewer.post(policy + "/versions/" + number + "/approve",
				Map.of("comment", "ok", "acknowledgements", Map.of(finding, "restricted logins only"))));
		JsonNode acknowledged = ok(admin.get(policy + "/versions/" + number + "/acknowledgements"));
		assertThat(acknowledged.get(0).get("finding").asString()).isEqualTo(finding);
		assertThat(acknowledged.get(0).get("reason").asString()).isEqualTo("restricted logins only");
		assertThat(acknowledged.get(0).get("actor").asString()).isEqualTo("rhea");
	}

	@Test
	void checksAHostsPasswordFile() {
		JsonNode report = ok(admin.post(POLICY + "/advice/passwd", Map.of("passwd",
				"bin:x:2:2:bin:/bin:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/zsh\n", "hostName", "mx.example.org")));
		assertThat(report.get("accounts").asInt()).isEqualTo(2);
		assertThat(report.get("pseudoUsersWithValidShell").get(0).get("name").asString()).isEqualTo("bin");
		assertThat(report.get("usersWithoutValidShell").get(0).get("consequence").asString())
			.contains("User bob@mx.example.org doesn't have a valid shell for mailing to programs");
		ApiClient.Response empty = admin.post(POLICY + "/advice/passwd", Map.of("passwd", ""));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().get("errors").get(0).get("field").asString()).isEqualTo("passwd");
	}

	@Test
	void saysWhereMailForAUserGoes() {
		assertThat(admin.post("/api/v1/policies", Map.of("name", "routes", "description", "")).status()).isEqualTo(201);
		String policy = "/api/v1/policies/routes";
		ObjectNode draft = (ObjectNode) ok(admin.get(policy + "/draft"));
		((ObjectNode) draft.get("options")).put("ForwardPath", "/usr/local/etc/forwards/$u.forward:$z/.forward");
		ok(admin.put(policy + "/draft", draft));
		long revision = ok(admin.get(policy + "/draft")).get("draftRevision").asLong();
		ok(admin.put(policy + "/draft/overrides/bob", Map.of("content", "", "draftRevision", revision)));

		JsonNode bob = ok(admin.get(policy + "/mail-route?user=bob&home=/home/bob"));
		assertThat(bob.get("steps").get(0).get("outcome").asString()).isEqualTo("OVERRIDE");
		assertThat(bob.get("steps").get(1).get("outcome").asString()).isEqualTo("NOT_REACHED");
		JsonNode alice = ok(admin.get(policy + "/mail-route?user=alice&home=/home/alice"));
		assertThat(alice.get("steps").get(0).get("outcome").asString()).isEqualTo("NO_OVERRIDE");
		assertThat(alice.get("steps").get(1).get("path").asString()).isEqualTo("/home/alice/.forward");
		assertThat(admin.get(policy + "/mail-route?user=bob%2F..").status()).isEqualTo(400);

		revision = ok(admin.get(policy + "/draft")).get("draftRevision").asLong();
		ok(admin.put(policy + "/draft/overrides/carol", Map.of("content",
				"\"|/usr/bin/vacation carol\"\ncarol@elsewhere.example\n", "draftRevision", revision)));
		JsonNode carol = ok(admin.get(policy + "/mail-route?user=carol"));
		assertThat(carol.get("deliveries").findValuesAsString("kind")).containsExactly("program", "address");
		assertThat(carol.get("deliveries").get(0).get("message").asString()).contains("/bin/sh");
		assertThat(bob.get("deliveries")).as("an empty override has no entries").isEmpty();

		String passwd = "carol:x:1002:1002::/srv/home/carol:/no/shell\nalice:x:1003:1003::/srv/home/alice:/bin/bash\n";
		JsonNode fromPasswd = ok(admin.post(policy + "/mail-route", Map.of("user", "alice", "passwd", passwd)));
		assertThat(fromPasswd.get("steps").get(1).get("path").asString()).as("the home from the password file")
			.isEqualTo("/srv/home/alice/.forward");
		JsonNode badShell = ok(admin.post(policy + "/mail-route",
				Map.of("user", "carol", "passwd", passwd, "host", "mx.example.org")));
		assertThat(badShell.get("summary").asString()).contains(
				"carol's shell /no/shell is not a valid shell, so program and file entries bounce (\"550 5.7.1 User carol@mx.example.org doesn't have a valid shell for mailing to programs\")");
		JsonNode unknown = ok(admin.post(policy + "/mail-route", Map.of("user", "dave", "passwd", passwd)));
		assertThat(unknown.get("summary").asString()).contains("550 5.1.1 dave... User unknown");
		assertThat(unknown.get("steps")).isEmpty();
	}

	private static List<String> rules(JsonNode advice) {
		return advice.get("findings").valueStream().map((f) -> f.get("rule").asString()).toList();
	}

	private static JsonNode finding(JsonNode advice, String rule) {
		return advice.get("findings")
			.valueStream()
			.filter((f) -> f.get("rule").asString().equals(rule))
			.findFirst()
			.orElseThrow();
	}

	private static JsonNode ok(ApiClient.Response response) {
		assertThat(response.status()).as("%s", response).isBetween(200, 201);
		return response.json();
	}

}
