package org.smguard.policy;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.testing.ApiClient;
import org.smguard.testing.ConsoleProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The durability requirement: a save that was acknowledged survives {@code kill -9} of
 * the JVM. Each trial starts the console as a separate process, lets a client save
 * versions in a loop, kills the process with SIGKILL while a save is in flight, and then
 * reads the H2 file directly: every version answered with 201 must be there with the
 * content hash it was answered with. The trials share one data directory, so each later
 * start also recovers a database whose writer was killed.
 * <p>
 * To see what the database's own defaults would lose, run with
 * {@code -Dsmguard.durability.h2-defaults=true}: the console then uses
 * {@code jdbc:h2:file:
 *
<dir>
 * /smguard} without {@code WRITE_DELAY=0}. The figures are printed either way.
 */
class SaveDurabilityTests {

	private static final int TRIALS = 3;

	private static final String ADMIN_PASSWORD = "durability-operator-secret";

	private static final String DRAFT = "/api/v1/policies/default/draft";

	private static final String VERSIONS = "/api/v1/policies/default/versions";

	/** SIGKILL is signal 9; a JVM killed by a signal exits with 128 + the signal. */
	private static final int KILLED_BY_SIGKILL = 137;

	private final Random random = new Random();

	@TempDir
	Path workDir;

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void everyAcknowledgedSaveSurvivesKillDashNine() throws Exception {
		Path dataDir = Files.createDirectories(this.workDir.resolve("data"));
		boolean h2Defaults = Boolean.getBoolean("smguard.durability.h2-defaults");
		List<String> extraArgs = h2Defaults ? List.of("--spring.datasource.url=jdbc:h2:file:" + dataDir + "/smguard")
				: List.of();
		List<String> figures = new ArrayList<>();
		List<String> lost = new ArrayList<>();
		int acknowledged = 0;
		for (int trial = 1; trial <= TRIALS; trial++) {
			int target = 20 + this.random.nextInt(41);
			SaveLoop loop = killDuringSaves(dataDir, extraArgs, trial, target);
			Stored stored = Stored.read(dataDir);
			List<String> lostNow = lostSaves(loop, stored);
			long storedThisTrial = stored.versions()
				.keySet()
				.stream()
				.filter((n) -> loop.acknowledged.isEmpty() || n >= loop.acknowledged.get(0).number())
				.count();
			String figure = String.format(
					"trial %d: %d saves acknowledged (target %d), %d found (%d lost), %d stored"
							+ " from this trial (killed during %s), draft revision acknowledged %d / stored %d",
					trial, loop.acknowledged.size(), target, loop.acknowledged.size() - lostNow.size(), lostNow.size(),
					storedThisTrial, loop.inFlight, loop.lastAcknowledgedRevision, stored.draftRevision());
			System.out.println("[durability" + (h2Defaults ? ", H2 defaults" : ", WRITE_DELAY=0") + "] " + figure);
			figures.add(figure);
			for (String problem : lostNow) {
				lost.add("trial " + trial + ": " + problem);
			}
			acknowledged += loop.acknowledged.size();
			assertThat(stored.versions().keySet()).as("trial %d: version numbers without gaps", trial)
				.containsExactlyElementsOf(IntStream.rangeClosed(1, stored.versions().size()).boxed().toList());
		}
		String summary = String.join("\n", figures);
		assertThat(lost).as("acknowledged saves lost to kill -9:\n%s", summary).isEmpty();
		assertThat(acknowledged).as("saves acknowledged over %d trials:\n%s", TRIALS, summary)
			.isGreaterThanOrEqualTo(TRIALS * 20);
	}

	/**
	 * Starts the console, saves until {@code target} saves are acknowledged, then kills
	 * it with SIGKILL while the next save is in flight.
	 * @return the client loop, finished, with what was acknowledged
	 */
	private SaveLoop killDuringSaves(Path dataDir, List<String> extraArgs, int trial, int target) throws Exception {
		Path log = this.workDir.resolve("console-" + trial + ".log");
		try (ConsoleProcess console = ConsoleProcess.start(dataDir, ADMIN_PASSWORD, log, extraArgs)) {
			console.awaitHealthy(Duration.ofSeconds(90));
			SaveLoop loop = new SaveLoop(console.api().as("admin", ADMIN_PASSWORD), trial, target);
			Thread client = new Thread(loop, "save-loop-" + trial);
			client.setDaemon(true);
			client.start();
			boolean armed = loop.armed.await(60, TimeUnit.SECONDS);
			assertThat(armed && loop.failure == null)
				.as("trial %d: %d saves acknowledged within 60 s (%s); console log:\n%s", trial, target, loop.failure,
						console.logTail(20))
				.isTrue();
			Thread.sleep(this.random.nextInt(15));
			assertThat(console.kill()).as("trial %d: exit status of the killed console", trial)
				.isEqualTo(KILLED_BY_SIGKILL);
			client.join(TimeUnit.SECONDS.toMillis(40));
			assertThat(client.isAlive()).as("trial %d: client loop still running after the kill", trial).isFalse();
			assertThat(loop.failure).as("trial %d: unexpected answer before the kill", trial).isNull();
			return loop;
		}
	}

	/** What was acknowledged in this trial but is not in the file as acknowledged. */
	private static List<String> lostSaves(SaveLoop loop, Stored stored) {
		List<String> lost = new ArrayList<>();
		for (Ack ack : loop.acknowledged) {
			StoredVersion version = stored.versions().get(ack.number());
			if (version == null) {
				lost.add("version " + ack.number() + " is missing");
			}
			else if (!version.contentHash().equals(ack.contentHash())
					|| !version.settings().contains("\"" + ack.marker() + "\"")) {
				lost.add("version " + ack.number() + " has other content than acknowledged");
			}
		}
		if (stored.draftRevision() < loop.lastAcknowledgedRevision) {
			lost.add("draft revision " + loop.lastAcknowledgedRevision + " was acknowledged but the file holds "
					+ stored.draftRevision());
		}
		return lost;
	}

	/** A save answered with 201: its number, content hash and the name it added. */
	record Ack(int number, String contentHash, String marker) {
	}

	record StoredVersion(String contentHash, String settings) {
	}

	/** What the H2 file holds for the default policy, read without the console. */
	record Stored(Map<Integer, StoredVersion> versions, long draftRevision) {

		static Stored read(Path dataDir) throws SQLException {
			Map<Integer, StoredVersion> versions = new TreeMap<>();
			try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dataDir + "/smguard", "sa", "");
					Statement statement = connection.createStatement()) {
				try (ResultSet rs = statement.executeQuery("SELECT v.number, v.content_hash, v.settings"
						+ " FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE p.name = 'default'")) {
					while (rs.next()) {
						versions.put(rs.getInt(1), new StoredVersion(rs.getString(2), rs.getString(3)));
					}
				}
				try (ResultSet rs = statement.executeQuery("SELECT d.revision FROM policy_draft d"
						+ " JOIN policy p ON p.id = d.policy_id WHERE p.name = 'default'")) {
					rs.next();
					return new Stored(versions, rs.getLong(1));
				}
			}
		}

	}

	/**
	 * Changes the draft and saves it as a version, again and again, until the console
	 * goes away. Each round adds a trusted user (the round's marker) and sets LogLevel,
	 * so every version has content of its own. After {@code target} acknowledged saves it
	 * raises {@link #armed} just before sending the next save, so that the kill comes
	 * while that save is in flight.
	 */
	static final class SaveLoop implements Runnable {

		private static final int MAX_ROUNDS = 5000;

		final CountDownLatch armed = new CountDownLatch(1);

		final List<Ack> acknowledged = new ArrayList<>();

		volatile long lastAcknowledgedRevision;

		volatile String inFlight = "no request";

		volatile String failure;

		private final ApiClient api;

		private final int trial;

		private final int target;

		SaveLoop(ApiClient api, int trial, int target) {
			this.api = api;
			this.trial = trial;
			this.target = target;
		}

		@Override
		public void run() {
			try {
				ApiClient.Response current = this.api.sendOrThrow(this.api.request(DRAFT).GET());
				if (current.status() != 200) {
					this.failure = "GET draft: " + current;
					return;
				}
				ObjectNode draft = (ObjectNode) current.json();
				for (int round = 1; round <= MAX_ROUNDS; round++) {
					String marker = "t" + this.trial + "r" + round;
					((ArrayNode) draft.at("/trustedUsers/users")).add(marker);
					((ObjectNode) draft.get("options")).put("LogLevel", round % 100);
					this.inFlight = "a draft change";
					ApiClient.Response put = send(this.api.request(DRAFT).PUT(ApiClient.json(draft)));
					if (put.status() != 200) {
						this.failure = "PUT draft: " + put;
						return;
					}
					JsonNode changed = put.json();
					this.lastAcknowledgedRevision = changed.get("draftRevision").asLong();
					draft.put("draftRevision", this.lastAcknowledgedRevision);
					if (this.acknowledged.size() >= this.target) {
						this.armed.countDown();
					}
					this.inFlight = "a save";
					ApiClient.Response save = send(this.api.request(VERSIONS)
						.POST(ApiClient
							.json(Map.of("message", marker, "draftRevision", this.lastAcknowledgedRevision))));
					if (save.status() != 201) {
						this.failure = "POST version: " + save;
						return;
					}
					JsonNode version = save.json();
					this.acknowledged
						.add(new Ack(version.get("number").asInt(), version.get("contentHash").asString(), marker));
					draft.put("baseVersion", version.get("number").asInt());
					this.inFlight = "no request";
				}
				this.failure = "the console was not killed after " + MAX_ROUNDS + " rounds";
			}
			catch (IOException ex) {
				// The console died under the request: what the test is waiting for.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				this.failure = ex.toString();
			}
			finally {
				this.armed.countDown();
			}
		}

		private ApiClient.Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
			return this.api.sendOrThrow(request.header("Content-Type", "application/json"));
		}

	}

}
