package org.smguard.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.policy.Forwards;
import org.smguard.policy.StockPolicy;
import org.smguard.testing.HostTools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code smguard-pull}, the real script, against a stand-in for the network between a
 * host and the console: it answers with real bundles and statements signed by the
 * console's key, and can replay, freeze or mix them as an attacker in the middle could.
 */
class SmguardPullTests {

	private static final String TOKEN = "smh_0123456789abcdefABCDEF_-xyz";

	@TempDir
	Path work;

	private SigningKey key;

	private Freshness freshness;

	private Path root;

	private Path config;

	private HttpServer server;

	private volatile Answer answer;

	private final List<String> reports = new CopyOnWriteArrayList<>();

	private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();

	/** What the stand-in answers to a bundle request. */
	record Answer(int status, Path bundle, String etag, SignedFreshness statement) {
	}

	@BeforeEach
	void setUp() throws Exception {
		HostTools.assumeSendmail();
		this.key = SigningKey.in(this.work.resolve("console"));
		this.freshness = new Freshness(this.key, Clock.systemUTC(), Duration.ofHours(24));
		this.root = Files.createDirectories(this.work.resolve("root"));
		Path etc = Files.createDirectories(this.root.resolve("etc/smguard"));
		Files.writeString(etc.resolve("smguard.pub"), this.key.publicKeyPem());
		Files.writeString(etc.resolve("host-token"), TOKEN + "\n");
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/v1/hosts/self/bundle", this::bundle);
		this.server.createContext("/api/v1/hosts/self/report", this::report);
		this.server.start();
		this.config = etc.resolve("pull.conf");
		Files.writeString(this.config, "# the console\nurl=http://127.0.0.1:" + this.server.getAddress().getPort()
				+ "/\ntoken-file=" + etc.resolve("host-token") + "\nkey=" + etc.resolve("smguard.pub") + "\n");
	}

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void installsTheCurrentVersionReportsItAndThenFindsItCurrent() throws Exception {
		this.answer = new Answer(200, bundle("default", 3), "\"3\"", this.freshness.issue("default", 3));

		Bundles.Run first = pull();

		assertThat(first.status()).as(first.output()).isZero();
		assertThat(first.output()).contains("installed policy 'default' version 3");
		assertThat(this.root.resolve("etc/mail/sendmail.cf")).exists();
		assertThat(this.reports).singleElement().asString().startsWith("{\"version\": 3, \"facts\": {");
		assertThat(this.ifNoneMatch).containsExactly("\"0\"");

		this.answer = new Answer(304, null, "\"3\"", this.freshness.issue("default", 3));
		Bundles.Run second = pull();

		assertThat(second.status()).as(second.output()).isZero();
		assertThat(second.output()).contains("version 3 is current");
		assertThat(this.ifNoneMatch).containsExactly("\"0\"", "\"3\"");
		assertThat(this.reports).hasSize(2);
	}

	@Test
	void reportsWhatTheHostChangedSinceTheInstall() throws Exception {
		this.answer = new Answer(200,
				bundle("default", 3,
						List.of(new Forwards.OverrideFile("bob", "b\n"), new Forwards.OverrideFile("carol", "c\n"))),
				"\"3\"", this.freshness.issue("default", 3));
		for (String shell : StockPolicy.debian().shells().entries()) {
			Path file = Files.createDirectories(this.root.resolve(shell.substring(1)).getParent())
				.resolve(Path.of(shell).getFileName());
			Files.writeString(file, "#!/bin/sh\n");
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		assertThat(pull().status()).isZero();
		assertThat(this.reports.get(0)).as("nothing missing or changed yet")
			.endsWith("\"facts\": {\"missingShells\": [], \"files\": []}}");
		Path forwards = this.root.resolve("usr/local/etc/forwards");
		Files.setPosixFilePermissions(forwards.resolve("bob.forward"), PosixFilePermissions.fromString("rw-rw-r--"));
		Files.delete(forwards.resolve("carol.forward"));
		Files.writeString(this.root.resolve("etc/shells"), "/bin/sh\n/usr/local/bin/zsh-gone\n");
		this.answer = new Answer(304, null, "\"3\"", this.freshness.issue("default", 3));

		Bundles.Run run = pull();

		assertThat(run.status()).as(run.output()).isZero();
		JsonNode report = JsonMapper.builder().build().readTree(this.reports.get(1));
		assertThat(report.get("version").asInt()).isEqualTo(3);
		assertThat(report.at("/facts/missingShells").toString()).isEqualTo("[\"/usr/local/bin/zsh-gone\"]");
		assertThat(report.at("/facts/files").toString()).contains(
				"{\"path\":\"/usr/local/etc/forwards/bob.forward\",\"problem\":\"mode\",\"actual\":\"0664\",\"expected\":\"0644\"}",
				"{\"path\":\"/usr/local/etc/forwards/carol.forward\",\"problem\":\"missing\"}",
				"{\"path\":\"/etc/shells\",\"problem\":\"content\"}");
		assertThat(report.at("/facts/files")).hasSize(3);
	}

	@Test
	void refusesAnExpiredStatementLoudlyAndInstallsNothing() throws Exception {
		Instant yesterday = Instant.now().minus(2, ChronoUnit.DAYS);
		this.answer = new Answer(200, bundle("default", 3), "\"3\"", this.freshness
			.sign(new FreshnessStatement("default", 3, yesterday, yesterday.plus(1, ChronoUnit.DAYS))));

		Bundles.Run run = pull();

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.output()).contains("REFUSED: the freshness statement expired at")
			.contains("may be frozen on an old version");
		assertThat(this.root.resolve("etc/mail/sendmail.cf")).doesNotExist();
		assertThat(this.reports).isEmpty();
	}

	@Test
	void refusesAStatementForAnotherPolicyOrAnOlderVersion() throws Exception {
		this.answer = new Answer(200, bundle("default", 5), "\"5\"", this.freshness.issue("default", 5));
		assertThat(pull().status()).isZero();

		this.answer = new Answer(200, bundle("mx-gateways", 7), "\"7\"", this.freshness.issue("mx-gateways", 7));
		Bundles.Run mixed = pull();
		this.answer = new Answer(200, bundle("default", 4), "\"4\"", this.freshness.issue("default", 4));
		Bundles.Run older = pull();

		assertThat(mixed.status()).isEqualTo(1);
		assertThat(mixed.output()).contains("speaks of policy 'mx-gateways'; this host runs policy 'default'");
		assertThat(older.status()).isEqualTo(1);
		assertThat(older.output()).contains("version 4 is current, below the installed version 5");
		assertThat(this.root.resolve("var/lib/smguard/installed")).content().contains("version\t5\n");
	}

	@Test
	void refusesAStatementSignedByAnotherKeyAndABundleOtherThanTheOneItNames() throws Exception {
		Freshness forger = new Freshness(SigningKey.in(this.work.resolve("forger")), Clock.systemUTC(),
				Duration.ofHours(24));
		this.answer = new Answer(200, bundle("default", 3), "\"3\"", forger.issue("default", 3));
		Bundles.Run forged = pull();
		this.answer = new Answer(200, bundle("default", 2), "\"2\"", this.freshness.issue("default", 3));
		Bundles.Run swapped = pull();

		assertThat(forged.status()).isEqualTo(1);
		assertThat(forged.output()).contains("the freshness statement does not verify");
		assertThat(swapped.status()).isEqualTo(1);
		assertThat(swapped.output()).contains("the bundle is version 2 but the freshness statement names version 3");
		assertThat(this.root.resolve("etc/mail/sendmail.cf")).doesNotExist();
	}

	@Test
	void refusesAnArchiveWithALinkAmongItsEntries() throws Exception {
		Path archive = this.work.resolve("linked.tar.gz");
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
				new GzipCompressorOutputStream(Files.newOutputStream(archive)))) {
			TarArchiveEntry link = new TarArchiveEntry("etc", TarArchiveEntry.LF_SYMLINK);
			link.setLinkName("/");
			tar.putArchiveEntry(link);
			tar.closeArchiveEntry();
			byte[] shells = "/bin/sh\n".getBytes(StandardCharsets.US_ASCII);
			TarArchiveEntry file = new TarArchiveEntry("etc/shells");
			file.setSize(shells.length);
			tar.putArchiveEntry(file);
			tar.write(shells);
			tar.closeArchiveEntry();
		}
		this.answer = new Answer(200, archive, "\"3\"", this.freshness.issue("default", 3));

		Bundles.Run run = pull();

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.output()).contains("the bundle has entries that are not plain files");
	}

	@Test
	void talksTlsToAConsoleWhoseCertificateTheConfigurationNames() throws Exception {
		Path tls = Files.createDirectories(this.work.resolve("tls"));
		Bundles.Run made = Bundles.Run.of(tls,
				List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
						"/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", "key.pem", "-out",
						"cert.pem"),
				List.of());
		assertThat(made.status()).as(made.output()).isZero();
		Bundles.Run packed = Bundles.Run.of(tls, List.of("openssl", "pkcs12", "-export", "-in", "cert.pem", "-inkey",
				"key.pem", "-out", "console.p12", "-passout", "pass:changeit"), List.of());
		assertThat(packed.status()).as(packed.output()).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (var in = Files.newInputStream(tls.resolve("console.p12"))) {
			store.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, "changeit".toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		https.setHttpsConfigurator(new HttpsConfigurator(context));
		https.createContext("/api/v1/hosts/self/bundle", this::bundle);
		https.createContext("/api/v1/hosts/self/report", this::report);
		https.start();
		try {
			String base = "url=https://127.0.0.1:" + https.getAddress().getPort() + "\ntoken-file="
					+ this.root.resolve("etc/smguard/host-token") + "\nkey="
					+ this.root.resolve("etc/smguard/smguard.pub") + "\n";
			this.answer = new Answer(200, bundle("default", 3), "\"3\"", this.freshness.issue("default", 3));
			Files.writeString(this.config, base);
			Bundles.Run untrusted = pull();
			Files.writeString(this.config, base + "cacert=" + tls.resolve("cert.pem") + "\n");
			Bundles.Run trusted = pull();

			assertThat(untrusted.status()).isEqualTo(1);
			assertThat(untrusted.output()).contains("cannot reach the console");
			assertThat(trusted.status()).as(trusted.output()).isZero();
			assertThat(trusted.output()).contains("installed policy 'default' version 3");
			assertThat(this.reports).hasSize(1);
		}
		finally {
			https.stop(0);
		}
	}

	@Test
	void saysSoWhenTheConsoleRefusesTheToken() throws Exception {
		this.answer = new Answer(401, null, null, null);

		Bundles.Run run = pull();

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.output()).contains("does not accept this host's token");
	}

	private Bundles.Run pull() throws Exception {
		Path script = this.work.resolve("smguard-pull");
		Files.write(script, new BundleScripts().bytes(BundleScripts.PULL));
		return Bundles.Run.of(this.work, List.of("sh", script.toString(), "--config", this.config.toString()),
				List.of("DESTDIR=" + this.root));
	}

	private Path bundle(String policy, int version) throws IOException {
		return bundle(policy, version, List.of());
	}

	private Path bundle(String policy, int version, List<Forwards.OverrideFile> overrides) throws IOException {
		Path archive = Files.createTempFile(this.work, policy + "-" + version, ".tar.gz");
		Bundles.write(Bundles.content(policy, version, Bundles.policy(overrides)), this.key, archive);
		return archive;
	}

	private void bundle(HttpExchange exchange) throws IOException {
		Answer now = this.answer;
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		this.ifNoneMatch.add(String.valueOf(exchange.getRequestHeaders().getFirst("If-None-Match")));
		if (now.status() == 401 || !("Bearer " + TOKEN).equals(authorization)) {
			exchange.sendResponseHeaders(401, -1);
			exchange.close();
			return;
		}
		exchange.getResponseHeaders().add(SignedFreshness.STATEMENT_HEADER, now.statement().statementHeader());
		exchange.getResponseHeaders().add(SignedFreshness.SIGNATURE_HEADER, now.statement().signature());
		exchange.getResponseHeaders().add("ETag", now.etag());
		if (now.status() == 304) {
			exchange.sendResponseHeaders(304, -1);
			exchange.close();
			return;
		}
		byte[] body = Files.readAllBytes(now.bundle());
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private void report(HttpExchange exchange) throws IOException {
		if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			this.reports.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(204, -1);
		}
		else {
			exchange.sendResponseHeaders(401, -1);
		}
		exchange.close();
	}

}
