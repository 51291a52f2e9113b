package org.smguard.files;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.render.CfEdits;
import org.smguard.render.CfRenderer;
import org.smguard.render.TestPolicies;
import org.smguard.testing.RunningConsole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered files of a draft through the running console: the list names each file
 * without a {@code /}, and each file is served with the size and SHA-256 the list gives.
 * A name that tries to climb out ({@code ../}, {@code %2F}, NUL) is answered 400 or 404
 * and never with a file from the disk.
 */
class RenderApiTests extends RunningConsole {

	@Test
	void servesEveryListedFileWithItsSizeAndHash() throws Exception {
		String policy = newPolicy();
		Policy draft = TestPolicies.changedEverywhere()
			.withForwards(new Forwards("/usr/local/etc/forwards",
					List.of(new Forwards.OverrideFile("a.b", ""), new Forwards.OverrideFile("bob", "bob@example.org"),
							new Forwards.OverrideFile("x..y", "\\x..y\n"))));
		putDraft(policy, draft);
		JsonNode files = json(get("/api/v1/policies/" + policy + "/draft/files"));
		assertThat(files.size()).isEqualTo(8);
		for (JsonNode file : files) {
			String name = file.get("name").asString();
			assertThat(name).doesNotContain("/", "\0").isNotIn(".", "..");
			HttpResponse<byte[]> raw = get("/api/v1/policies/" + policy + "/draft/files/" + name);
			assertThat(raw.statusCode()).as(name).isEqualTo(200);
			assertThat(raw.body()).hasSize(file.get("size").asInt());
			assertThat(sha256(raw.body())).as(name).isEqualTo(file.get("sha256").asString());
			assertThat(raw.headers().firstValue("X-File-Path")).contains(file.get("path").asString());
		}
		assertThat(files.findValuesAsString("path")).contains("/usr/local/etc/forwards/x..y.forward");
		String cf = new String(get("/api/v1/policies/" + policy + "/draft/files/sendmail.cf").body(),
				StandardCharsets.UTF_8);
		assertThat(cf).isEqualTo(CfRenderer.render(draft, CfEdits.BASE));
	}

	@ParameterizedTest
	@ValueSource(strings = { "..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "..%2Fsendmail.cf",
			"..%2fsendmail.cf", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%2e%2e", "..", "sendmail.cf%00",
			"sendmail.cf%00.forward", "..%5C..%5Cetc%5Cpasswd", "..;/..;/etc/passwd", "%252e%252e%252fetc%252fpasswd",
			"../../../../../../etc/passwd", "bob.forward%2F..%2F..%2Fsendmail.cf" })
	void answersANameThatClimbsOutWithoutAFile(String name) {
		String policy = newPolicy();
		HttpResponse<byte[]> response = get("/api/v1/policies/" + policy + "/draft/files/" + name);
		assertThat(response.statusCode()).as(name).isIn(400, 404);
		String body = new String(response.body(), StandardCharsets.UTF_8);
		assertThat(body).doesNotContain("root:x:0:0", "SENDMAIL CONFIGURATION FILE", "Mprog");
	}

	private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
