package org.smguard.importer;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.smguard.policy.StockPolicy;
import org.smguard.testing.HostTools;
import org.smguard.testing.RunningConsole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/policies/{p}/import} through the running console: an imported cf
 * becomes the base and is served back byte for byte, the draft then validates with the
 * real sendmail, and a file the importer cannot read is answered 400 with the draft
 * unchanged.
 */
class ImportApiTests extends RunningConsole {

	@Test
	void importsACfThatIsServedBackByteForByteAndPassesTheSendmailCheck() throws IOException {
		byte[] cf = Files.isReadable(HostTools.DEBIAN_CF) ? Files.readAllBytes(HostTools.DEBIAN_CF)
				: StockPolicy.debianBaseCf().getBytes(StandardCharsets.UTF_8);
		String policy = newPolicy();
		JsonNode report = json(postFiles("/api/v1/policies/" + policy + "/import", Map.of("cf", cf)));
		assertThat(report.get("taken").toString()).contains("cf: kept as the base of sendmail.cf");
		assertThat(report.get("draftRevision").asLong()).isEqualTo(revision(policy));

		HttpResponse<byte[]> served = get("/api/v1/policies/" + policy + "/draft/files/sendmail.cf");
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(served.body()).isEqualTo(cf);

		HttpResponse<byte[]> validate = post("/api/v1/policies/" + policy + "/draft/validate");
		assertThat(validate.statusCode()).isEqualTo(200);
		JsonNode answer = json(validate);
		assertThat(answer.propertyNames()).contains("errors", "warnings", "sendmailCheck");
		assertThat(answer.get("errors").size()).as(answer.toString()).isZero();
		assertThat(answer.get("sendmailCheck").asString()).as(answer.toString())
			.isEqualTo(HostTools.hasSendmail() ? "passed" : "skipped");
	}

	@Test
	void importsACfWithOverrideFilesFromAGzippedTar(@TempDir Path dir) throws IOException {
		Path forwards = Files.createDirectories(dir.resolve("forwards"));
		Files.writeString(forwards.resolve("bob.forward"), "");
		Files.writeString(forwards.resolve("alice.forward"), "alice@elsewhere.example\n");
		Path tar = dir.resolve("forwards.tar.gz");
		assertThat(HostTools.run(dir, "", "tar", "-C", forwards.toString(), "-czf", tar.toString(), ".").exitCode())
			.isZero();
		String cf = HostImporterTests.base("O ForwardPath=$z/.forward.$w:$z/.forward\n",
				"O ForwardPath=/usr/local/etc/forwards/$u.forward:$z/.forward\n");
		Map<String, byte[]> parts = new LinkedHashMap<>();
		parts.put("cf", cf.getBytes(StandardCharsets.UTF_8));
		parts.put("forwards", Files.readAllBytes(tar));
		parts.put("shells", "/bin/sh\n/SENDMAIL/ANY/SHELL/\n".getBytes(StandardCharsets.UTF_8));
		String policy = newPolicy();
		json(postFiles("/api/v1/policies/" + policy + "/import", parts));

		JsonNode draft = json(get("/api/v1/policies/" + policy + "/draft"));
		assertThat(draft.get("forwards").get("overrides").findValuesAsString("user")).containsExactly("alice", "bob");
		assertThat(draft.get("shells").get("allowAnyShell").asBoolean()).isTrue();
		JsonNode files = json(get("/api/v1/policies/" + policy + "/draft/files"));
		assertThat(files.findValuesAsString("path")).contains("/usr/local/etc/forwards/alice.forward",
				"/usr/local/etc/forwards/bob.forward");
		JsonNode answer = json(post("/api/v1/policies/" + policy + "/draft/validate"));
		assertThat(answer.get("warnings").findValuesAsString("field")).contains("shells.allowAnyShell");
	}

	@Test
	void refusesACfWithAnOptionLineSendmailRejectsAndChangesNothing() {
		HostTools.assumeSendmail();
		assertRefusedWithoutChange(Map.of("cf", bytes(HostImporterTests.base("O LogLevel=9\n", "O  LogLevel=9\n"))),
				"cf", "line 258: sendmail refuses it: 'readcf: unknown option name  LogLevel'");
	}

	@Test
	void takesALogLevelAsSendmailReadsItAndSaysSo() {
		String policy = newPolicy();
		JsonNode report = json(postFiles("/api/v1/policies/" + policy + "/import",
				Map.of("cf", bytes(HostImporterTests.base("O LogLevel=9\n", "O LogLevel=abc\n")))));
		assertThat(report.get("taken").toString())
			.contains("cf line 258: LogLevel=0 (the cf says 'abc', which sendmail reads as this)");
		assertThat(json(get("/api/v1/policies/" + policy + "/draft")).get("options").get("LogLevel").asInt()).isZero();
	}

	@Test
	void neverRunsAProgramNorLeaksAFileThroughImportOrValidate(@TempDir Path dir) throws IOException {
		Path witness = dir.resolve("ran");
		Path program = dir.resolve("marker");
		Files.writeString(program, "#!/bin/sh\ntouch " + witness + "\n");
		program.toFile().setExecutable(true);
		String secret = "s3cret-" + System.nanoTime();
		Path secretFile = dir.resolve("secret");
		Files.writeString(secretFile, secret + "\n");
		for (String line : new String[] { "Fx|" + program, "Fx\u000b|" + program, "Fx\f|" + program,
				"Fx -oX |" + program, "Fx key@program:" + program + " args", "Fx \"|" + program + "\"",
				"F{ t}" + secretFile, "Ft" + secretFile + " %s", "F{t}-o " + secretFile }) {
			String policy = newPolicy();
			String cf = StockPolicy.debianBaseCf() + line + "\n";
			HttpResponse<byte[]> imported = postFiles("/api/v1/policies/" + policy + "/import",
					Map.of("cf", bytes(cf)));
			assertThat(text(imported)).as(line).doesNotContain(secret);
			if (imported.statusCode() == 200) {
				HttpResponse<byte[]> validate = post("/api/v1/policies/" + policy + "/draft/validate");
				assertThat(text(validate)).as(line).doesNotContain(secret);
			}
			else {
				assertThat(imported.statusCode()).as(line).isEqualTo(400);
				assertThat(text(imported)).as(line).contains("line 1942");
			}
		}
		assertThat(witness).doesNotExist();
	}

	@Test
	void refusesACfWhoseSettingsBreakTheRulesAndChangesNothing() {
		assertRefusedWithoutChange(
				Map.of("cf", bytes(HostImporterTests.base("O DefaultUser=mail:mail\n", "O DefaultUser=root\n"))),
				"options.DefaultUser", "privileged");
	}

	@Test
	void refusesACfThatIsNotUtf8AndChangesNothing() {
		byte[] latin1 = HostImporterTests.base("# Copyright", "# Copyright \u00a9")
			.getBytes(StandardCharsets.ISO_8859_1);
		assertRefusedWithoutChange(Map.of("cf", latin1), "cf", "UTF-8");
	}

	@Test
	void refusesForwardsThatAreNotATarAndChangesNothing() {
		assertRefusedWithoutChange(
				Map.of("cf", bytes(StockPolicy.debianBaseCf()), "forwards", bytes("bob.forward\nalice.forward\n")),
				"forwards", "tar");
	}

	private void assertRefusedWithoutChange(Map<String, byte[]> parts, String field, String message) {
		String policy = newPolicy();
		long revision = revision(policy);
		byte[] cf = get("/api/v1/policies/" + policy + "/draft/files/sendmail.cf").body();
		HttpResponse<byte[]> response = postFiles("/api/v1/policies/" + policy + "/import", parts);
		assertThat(response.statusCode()).as(text(response)).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("errors")).anySatisfy((error) -> {
			assertThat(error.get("field").asString()).startsWith(field);
			assertThat(error.get("message").asString()).contains(message);
		});
		assertThat(revision(policy)).isEqualTo(revision);
		assertThat(get("/api/v1/policies/" + policy + "/draft/files/sendmail.cf").body()).isEqualTo(cf);
	}

	private long revision(String policy) {
		return json(get("/api/v1/policies/" + policy + "/draft")).get("draftRevision").asLong();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
