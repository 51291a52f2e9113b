package org.smguard.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.testing.ApiClient.Response;
import org.smguard.testing.ApiClient;
import org.smguard.testing.InProcessConsole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API as a script uses it, through the real stack (HTTP, security, service, H2 file):
 * every section edited, two versions saved, stale and invalid changes refused without a
 * trace, and the versions intact after the console is stopped and started again on the
 * same data directory.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ApiJourneyTests {

	private static final String ADMIN_PASSWORD = "journey-operator-secret";

	private static final String DRAFT = "/api/v1/policies/default/draft";

	private static final String VERSIONS = "/api/v1/policies/default/versions";

	private static final List<String> SECTIONS = List.of("trustedUsers", "shells", "smrsh", "forwards", "options");

	private static final List<String> METADATA = List.of("number", "message", "author", "createdAt", "parent", "state",
			"contentHash", "approvedBy");

	@TempDir
	Path dataDir;

	@Test
	void editsEverySectionSavesTwoVersionsAndKeepsThemAcrossARestart() {
		ObjectNode first;
		ObjectNode second;
		JsonNode version1;
		JsonNode version2;
		try (InProcessConsole console = InProcessConsole.start(this.dataDir, ADMIN_PASSWORD)) {
			ApiClient admin = console.api().as("admin", ADMIN_PASSWORD);

			first = everySection(ok(admin.get(DRAFT)).get("draftRevision").asLong());
			JsonNode afterFirst = ok(admin.put(DRAFT, first));
			assertSameSections(afterFirst, first);
			assertSameSections(ok(admin.get(DRAFT)), first);
			JsonNode saved1 = created(admin.post(VERSIONS, Map.of("message", "Lock down the default policy",
					"draftRevision", afterFirst.get("draftRevision").asLong())));
			assertThat(saved1.get("number").asInt()).isEqualTo(1);
			assertThat(saved1.get("parent").isNull()).isTrue();
			assertThat(saved1.get("author").asString()).isEqualTo("admin");
			assertThat(saved1.get("state").asString()).isEqualTo("saved");

			second = first.deepCopy();
			JsonNode draft = ok(admin.get(DRAFT));
			second.put("draftRevision", draft.get("draftRevision").asLong());
			second.put("baseVersion", 1);
			((ArrayNode) second.at("/trustedUsers/users")).add("listmaster");
			((ObjectNode) second.get("options")).put("LogLevel", 12);
			((ArrayNode) second.at("/forwards/overrides")).add(override("carol", "carol@example.org\n"));
			JsonNode afterSecond = ok(admin.put(DRAFT, second));
			assertSameSections(afterSecond, second);

			refusesStaleChangesWithoutATrace(admin, afterSecond);
			refusesInvalidValuesWithoutATrace(admin, afterSecond);

			JsonNode saved2 = created(admin.post(VERSIONS, Map.of("message", "Trust listmaster, log more",
					"draftRevision", afterSecond.get("draftRevision").asLong())));
			assertThat(saved2.get("number").asInt()).isEqualTo(2);
			assertThat(saved2.get("parent").asInt()).isEqualTo(1);
			assertThat(saved2.get("contentHash").asString()).isNotEqualTo(saved1.get("contentHash").asString());
			refusesChangeBasedOnReplacedVersion(admin, afterSecond);

			version1 = ok(admin.get(VERSIONS + "/1"));
			version2 = ok(admin.get(VERSIONS + "/2"));
			assertSameMetadata(version1, saved1);
			assertSameMetadata(version2, saved2);
			assertSameSections(version1, first);
			assertSameSections(version2, second);
		}

		try (InProcessConsole restarted = InProcessConsole.start(this.dataDir, ADMIN_PASSWORD)) {
			ApiClient admin = restarted.api().as("admin", ADMIN_PASSWORD);
			JsonNode reloaded1 = ok(admin.get(VERSIONS + "/1"));
			JsonNode reloaded2 = ok(admin.get(VERSIONS + "/2"));
			assertSameMetadata(reloaded1, version1);
			assertSameMetadata(reloaded2, version2);
			assertThat(reloaded1.get("parent").isNull()).isTrue();
			assertThat(reloaded2.get("parent").asInt()).isEqualTo(1);
			assertThat(reloaded2.get("state").asString()).isEqualTo("saved");
			assertSameSections(reloaded1, first);
			assertSameSections(reloaded2, second);
			assertThat(ok(admin.get(VERSIONS)).at("/page/totalElements").asInt()).isEqualTo(2);
			JsonNode draft = ok(admin.get(DRAFT));
			assertThat(draft.get("baseVersion").asInt()).isEqualTo(2);
			assertSameSections(draft, second);
		}
	}

	/**
	 * A change or save based on an old draft revision gets 409 and leaves the draft and
	 * the history as they were.
	 */
	private void refusesStaleChangesWithoutATrace(ApiClient admin, JsonNode current) {
		String before = admin.get(DRAFT).body();
		int versions = ok(admin.get(VERSIONS)).at("/page/totalElements").asInt();
		long revision = current.get("draftRevision").asLong();

		ObjectNode staleRevision = (ObjectNode) current.deepCopy();
		staleRevision.put("draftRevision", revision - 1);
		((ObjectNode) staleRevision.get("options")).put("LogLevel", 3);
		Response put = admin.put(DRAFT, staleRevision);
		assertThat(put.status()).as("PUT with stale draftRevision: %s", put).isEqualTo(409);
		assertThat(put.json().get("draftRevision").asLong()).isEqualTo(revision);

		Response save = admin.post(VERSIONS, Map.of("message", "stale save", "draftRevision", revision - 1));
		assertThat(save.status()).as("save with stale draftRevision: %s", save).isEqualTo(409);

		assertThat(admin.get(DRAFT).body()).as("draft after stale changes").isEqualTo(before);
		assertThat(ok(admin.get(VERSIONS)).at("/page/totalElements").asInt()).isEqualTo(versions);
	}

	/**
	 * Saving version 2 rebases the draft without changing its revision: a change still
	 * based on version 1 gets 409 and leaves the draft as it was.
	 */
	private void refusesChangeBasedOnReplacedVersion(ApiClient admin, JsonNode basedOnVersion1) {
		String before = admin.get(DRAFT).body();
		assertThat(ApiClient.JSON.readTree(before).get("draftRevision"))
			.isEqualTo(basedOnVersion1.get("draftRevision"));
		ObjectNode change = (ObjectNode) basedOnVersion1.deepCopy();
		assertThat(change.get("baseVersion").asInt()).isEqualTo(1);
		options(change).put("LogLevel", 3);
		Response put = admin.put(DRAFT, change);
		assertThat(put.status()).as("PUT based on version 1 after version 2: %s", put).isEqualTo(409);
		assertThat(put.json().get("baseVersion").asInt()).isEqualTo(2);
		assertThat(admin.get(DRAFT).body()).as("draft after stale change").isEqualTo(before);
	}

	/**
	 * A bad value in any section, or one that breaks the rule across forwards and
	 * options, gets 400 naming the field and leaves the draft as it was.
	 */
	private void refusesInvalidValuesWithoutATrace(ApiClient admin, JsonNode current) {
		String before = admin.get(DRAFT).body();
		assertRefused(admin, before, current, "options.LogLevel", (d) -> options(d).put("LogLevel", 100));
		assertRefused(admin, before, current, "options.LogLevel", (d) -> options(d).put("LogLevel", 9.5));
		assertRefused(admin, before, current, "options.ForwardPath",
				(d) -> options(d).put("ForwardPath", "$z/.forward:/usr/local/etc/forwards/$u.forward"));
		assertRefused(admin, before, current, "options.PrivacyOptions[1]",
				(d) -> ((ArrayNode) d.at("/options/PrivacyOptions")).set(1, "RestrictMailq"));
		assertRefused(admin, before, current, "options.Bogus", (d) -> options(d).put("Bogus", "x"));
		int users = current.at("/trustedUsers/users").size();
		assertRefused(admin, before, current, "trustedUsers.users[" + users + "]",
				(d) -> ((ArrayNode) d.at("/trustedUsers/users")).add("bad;user"));
		assertRefused(admin, before, current, "trustedUsers.file.path",
				(d) -> ((ObjectNode) d.at("/trustedUsers/file")).put("path", "/etc/mail/../trusted"));
		assertRefused(admin, before, current, "shells.entries[0]",
				(d) -> ((ArrayNode) d.at("/shells/entries")).set(0, "/SENDMAIL/ANY/SHELL/"));
		assertRefused(admin, before, current, "smrsh.programs[0].name",
				(d) -> ((ObjectNode) d.at("/smrsh/programs/0")).put("name", "../sh"));
		assertRefused(admin, before, current, "forwards.overrides[0].content",
				(d) -> ((ObjectNode) d.at("/forwards/overrides/0")).put("content", "a\r\nb"));
		assertThat(admin.get(DRAFT).body()).as("draft after refused changes").isEqualTo(before);
	}

	private void assertRefused(ApiClient admin, String before, JsonNode current, String field,
			Consumer<ObjectNode> change) {
		ObjectNode body = (ObjectNode) current.deepCopy();
		change.accept(body);
		Response response = admin.put(DRAFT, body);
		assertThat(response.status()).as("PUT with bad %s: %s", field, response).isEqualTo(400);
		assertThat(response.json().get("errors").findValuesAsString("field")).as("fields named for bad %s", field)
			.contains(field);
		assertThat(admin.get(DRAFT).body()).as("draft after bad %s", field).isEqualTo(before);
	}

	/**
	 * A draft with every section set away from Debian's stock values, including the
	 * optional trusted-users file and overrides that ForwardPath reads before the user's
	 * own {@code .forward}.
	 */
	private static ObjectNode everySection(long draftRevision) {
		ObjectNode draft = ApiClient.object();
		draft.put("draftRevision", draftRevision);
		ObjectNode trusted = draft.putObject("trustedUsers");
		trusted.put("lineStyle", "Ct");
		trusted.putArray("users").add("root").add("daemon").add("uucp");
		ObjectNode file = trusted.putObject("file");
		file.put("path", "/etc/mail/trusted-users");
		file.put("optional", true);
		file.putArray("users").add("majordomo").add("mailman");
		ObjectNode shells = draft.putObject("shells");
		shells.putArray("entries").add("/bin/sh").add("/bin/bash").add("/usr/bin/zsh");
		shells.put("allowAnyShell", false);
		ObjectNode smrsh = draft.putObject("smrsh");
		smrsh.put("enabled", true);
		smrsh.put("smrshPath", "/usr/libexec/sendmail/smrsh");
		smrsh.put("binDirectory", "/etc/mail/smrsh");
		ArrayNode programs = smrsh.putArray("programs");
		programs.addObject().put("name", "vacation").put("target", "/usr/bin/vacation");
		programs.addObject().put("name", "procmail").put("target", "/usr/bin/procmail");
		ObjectNode forwards = draft.putObject("forwards");
		forwards.put("directory", "/usr/local/etc/forwards");
		forwards.putArray("overrides").add(override("alice", "alice@example.org\n")).add(override("bob", ""));
		ObjectNode options = draft.putObject("options");
		options.put("DefaultUser", "mailnull:mailnull");
		options.put("ForwardPath", "/usr/local/etc/forwards/$u.forward:$z/.forward");
		options.put("LogLevel", 9);
		options.put("PostmasterCopy", "postmaster");
		options.putArray("PrivacyOptions").add("goaway").add("restrictmailq").add("restrictqrun");
		options.put("SafeFileEnvironment", "/");
		options.put("TempFileMode", "0600");
		return draft;
	}

	private static ObjectNode override(String user, String content) {
		return ApiClient.object().put("user", user).put("content", content);
	}

	private static ObjectNode options(ObjectNode draft) {
		return (ObjectNode) draft.get("options");
	}

	private static JsonNode ok(Response response) {
		assertThat(response.status()).as("status of %s", response).isEqualTo(200);
		return response.json();
	}

	private static JsonNode created(Response response) {
		assertThat(response.status()).as("status of %s", response).isEqualTo(201);
		return response.json();
	}

	private static void assertSameSections(JsonNode actual, JsonNode expected) {
		for (String section : SECTIONS) {
			assertThat(actual.get(section)).as(section).isEqualTo(expected.get(section));
		}
	}

	private static void assertSameMetadata(JsonNode actual, JsonNode expected) {
		for (String field : METADATA) {
			assertThat(actual.get(field)).as(field).isEqualTo(expected.get(field));
		}
	}

}
