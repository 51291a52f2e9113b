package org.smguard.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import org.smguard.testing.ApiClient;
import org.smguard.testing.InProcessConsole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment bundle through the running console: only approved and published versions
 * have one; it holds every rendered file at its path, the scripts and a MANIFEST signed
 * with the key the console publishes; a hostile user name never reaches an entry name.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BundleApiTests {

	private static final String ADMIN_PASSWORD = "lantern-orbit-harbour";

	private static final String REVIEWER_PASSWORD = "quartz-meadow-lighthouse";

	private static final String POLICY = "/api/v1/policies/default";

	private static final String VERSIONS = POLICY + "/versions";

	@TempDir
	static Path dataDir;

	private static InProcessConsole console;

	private static ApiClient admin;

	private static ApiClient reviewer;

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@BeforeAll
	static void versions() {
		console = InProcessConsole.start(dataDir, ADMIN_PASSWORD);
		admin = console.api().as("admin", ADMIN_PASSWORD);
		assertThat(admin
			.post("/api/v1/users",
					Map.of("username", "rhea", "password", REVIEWER_PASSWORD, "roles", List.of("REVIEWER")))
			.status()).isEqualTo(201);
		reviewer = console.api().as("rhea", REVIEWER_PASSWORD);
		ObjectNode draft = (ObjectNode) admin.get(POLICY + "/draft").json();
		((ObjectNode) draft.get("options")).put("ForwardPath", "/usr/local/etc/forwards/$u.forward:$z/.forward");
		List<Map<String, String>> overrides = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			overrides.add(Map.of("user", String.format("user%02d", i), "content", (i == 0) ? "" : "u@example.org\n"));
		}
		draft.set("forwards",
				ApiClient.JSON.valueToTree(Map.of("directory", "/usr/local/etc/forwards", "overrides", overrides)));
		assertThat(admin.put(POLICY + "/draft", draft).status()).isEqualTo(200);
		assertThat(admin.post(VERSIONS, Map.of("message", "thirty overrides")).status()).isEqualTo(201);
		assertThat(admin.post(VERSIONS + "/1/propose", Map.of("comment", "please")).status()).isEqualTo(200);
		assertThat(reviewer.post(VERSIONS + "/1/approve", Map.of("comment", "ok")).status()).isEqualTo(200);
		long revision = admin.get(POLICY + "/draft").json().get("draftRevision").asLong();
		assertThat(admin.put(POLICY + "/draft/overrides/newcomer", Map.of("content", "", "draftRevision", revision))
			.status()).isEqualTo(200);
		assertThat(admin.post(VERSIONS, Map.of("message", "one more, not reviewed")).status()).isEqualTo(201);
	}

	@AfterAll
	static void stopConsole() {
		if (console != null) {
			console.close();
		}
	}

	@Test
	void onlyApprovedOrPublishedVersionsHaveABundle() throws Exception {
		HttpResponse<byte[]> saved = download(admin, 2);
		HttpResponse<byte[]> missing = download(admin, 9);
		HttpResponse<byte[]> anonymous = download(admin.anonymous(), 1);

		assertThat(saved.statusCode()).isEqualTo(409);
		assertThat(new String(saved.body(), StandardCharsets.UTF_8))
			.contains("version 2 of policy 'default' is saved: only approved or published versions can be bundled");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	@Test
	void anApprovedVersionsBundleHoldsEveryFileAndASignedManifest() throws Exception {
		HttpResponse<byte[]> response = download(reviewer, 1);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/gzip");
		assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
			.contains("smguard-default-1.tar.gz");
		assertThat(response.headers().firstValue("Smguard-Bundle-Sha256")).hasValue(sha256(response.body()));
		Map<String, byte[]> entries = entries(response.body());
		assertThat(entries).containsKeys("MANIFEST", "MANIFEST.sig", "install.sh", "rollback.sh", "smguard-pull",
				"etc/mail/sendmail.cf", "etc/shells", "etc/mail/smguard/sm.bin.manifest",
				"usr/local/etc/forwards/user00.forward", "usr/local/etc/forwards/user29.forward");
		assertThat(entries.get("usr/local/etc/forwards/user00.forward")).isEmpty();
		String manifest = new String(entries.get("MANIFEST"), StandardCharsets.UTF_8);
		assertThat(manifest).startsWith("smguard-bundle 1\npolicy\tdefault\nversion\t1\n")
			.contains("\napproved-by\trhea\n")
			.contains("\npublished-at\t-\n")
			.contains("\nfile\tetc/mail/sendmail.cf\t0644\troot:smmsp\t" + sha256(entries.get("etc/mail/sendmail.cf")))
			.contains("\nfile\tusr/local/etc/forwards/user07.forward\t0644\troot:root\t")
			.contains("\ndir\tusr/local/etc/forwards\t0755\troot:root\toverrides\n")
			.endsWith("\nend\t" + (entries.size() - 5) + "\n");
		assertThat(verifies(manifest.getBytes(StandardCharsets.UTF_8), entries.get("MANIFEST.sig"))).isTrue();
		assertThat(verifies("something else".getBytes(StandardCharsets.UTF_8), entries.get("MANIFEST.sig"))).isFalse();
	}

	@Test
	void publishingMakesANewBundleThatSaysWhen() throws Exception {
		byte[] approved = download(admin, 1).body();
		assertThat(reviewer.post(VERSIONS + "/1/publish", Map.of()).status()).isEqualTo(200);

		byte[] published = download(admin, 1).body();

		assertThat(sha256(published)).isNotEqualTo(sha256(approved));
		assertThat(new String(entries(published).get("MANIFEST"), StandardCharsets.UTF_8))
			.containsPattern("\npublished-at\t20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\n");
		assertThat(download(admin, 1).body()).as("served from the same file").isEqualTo(published);
		try (var files = Files.list(dataDir.resolve("bundles"))) {
			files.forEach((file) -> file.toFile().delete());
		}
		assertThat(download(admin, 1).body()).as("written again, byte for byte").isEqualTo(published);
	}

	@Test
	void aHostileUserNameNeverBecomesAnEntry() {
		long revision = admin.get(POLICY + "/draft").json().get("draftRevision").asLong();
		for (String user : List.of("../../etc/passwd", "/root", "a/b", "..", "bob\n", "bob forward")) {
			ApiClient.Response refused = admin.put(POLICY + "/draft/overrides/" + encode(user),
					Map.of("content", "x@example.org\n", "draftRevision", revision));
			assertThat(refused.status()).as(user).isIn(400, 404);
		}
	}

	private static String encode(String user) {
		return java.net.URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static HttpResponse<byte[]> download(ApiClient client, int version) throws Exception {
		return HTTP.send(client.request(VERSIONS + "/" + version + "/bundle.tar.gz").setHeader("Accept", "*/*").build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	/**
	 * Every entry of the archive, by name, after checking each is a plain relative file.
	 */
	private static Map<String, byte[]> entries(byte[] archive) throws IOException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				assertThat(entry.isFile()).as(entry.getName()).isTrue();
				assertThat(entry.getName()).doesNotStartWith("/").doesNotContain("..").doesNotContain("//");
				assertThat(entries.put(entry.getName(), tar.readAllBytes())).as("twice: " + entry.getName()).isNull();
			}
		}
		return entries;
	}

	private static boolean verifies(byte[] data, byte[] signature) throws Exception {
		String pem = admin.get("/api/v1/signing-key").json().get("publicKey").asString();
		String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		PublicKey key = KeyFactory.getInstance("Ed25519")
			.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
		Signature check = Signature.getInstance("Ed25519");
		check.initVerify(key);
		check.update(data);
		return check.verify(signature);
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
