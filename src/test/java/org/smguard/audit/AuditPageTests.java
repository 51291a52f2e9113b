package org.smguard.audit;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.testing.ApiClient;
import org.smguard.testing.FormBrowser;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail page of the running console over real HTTP: entries made by real failed
 * sign-ins and an account creation, found by action, actor and time, paged, and
 * downloaded as the same CSV; the check of the chain from its button; and nobody but an
 * admin gets the page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AuditPageTests {

	private static final String ADMIN_PASSWORD = "audit-page-lantern-orbit";

	private static final String CAROL_PASSWORD = "lantern-orbit-harbour";

	/** A name with a newline and markup, as a failed sign-in records it. */
	private static final String EVE = "eve\n<i>admin</i>";

	private static final Pattern ROW = Pattern.compile("<tr id=\"entry-(\\d+)\">");

	private static final Pattern ACTION = Pattern.compile("<td class=\"action\">([^<]*)</td>");

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void console(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> ADMIN_PASSWORD);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private AuditTrail audit;

	@Test
	void findsPagesAndDownloadsWhatRealActionsRecorded() throws IOException {
		String since = LocalDateTime
			.ofInstant(Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1), ZoneOffset.UTC)
			.toString();
		ApiClient api = ApiClient.forPort(this.port);
		ApiClient admin = api.as("admin", ADMIN_PASSWORD);
		assertThat(admin
			.post("/api/v1/users", Map.of("username", "carol", "password", CAROL_PASSWORD, "roles", List.of("VIEWER")))
			.status()).isEqualTo(201);
		assertThat(api.as("mallory", "not-the-password").get("/api/v1/policies").status()).isEqualTo(401);
		assertThat(api.as("mallory", "still-not-it").get("/api/v1/policies").status()).isEqualTo(401);
		assertThat(api.as(EVE, "guess").get("/api/v1/policies").status()).isEqualTo(401);
		FormBrowser browser = signedIn("admin", ADMIN_PASSWORD);

		HttpResponse<String> failed = browser.get("/audit?action=sign-in-failed&from=" + since);
		assertThat(failed.statusCode()).isEqualTo(200);
		assertThat(actions(failed.body())).containsExactly("sign-in-failed", "sign-in-failed", "sign-in-failed");
		assertThat(failed.body()).contains("<span id=\"total\">3</span>")
			.contains(">eve\\n&lt;i&gt;admin&lt;/i&gt;</a>")
			.doesNotContain("<i>admin</i>")
			.contains(">mallory</a>")
			.contains("page 1 of 1");
		assertThat(ids(failed.body())).as("newest first").isSortedAccordingTo((a, b) -> Long.compare(b, a));

		HttpResponse<String> created = browser.get("/audit?actor=admin&action=account.created");
		assertThat(actions(created.body())).isNotEmpty().containsOnly("account.created");
		assertThat(created.body()).contains("<td class=\"subject\">account carol</td>");
		assertThat(browser.get("/audit?from=" + LocalDateTime.now(ZoneOffset.UTC).plusHours(1).withNano(0)).body())
			.contains("No entries match.")
			.contains("<span id=\"total\">0</span>");
		assertThat(browser.get("/audit?page=-1").body()).contains("Page: &#39;-1&#39; is not a page number");
		HttpResponse<String> farAway = browser.get("/audit?page=" + Integer.MAX_VALUE);
		assertThat(farAway.statusCode()).isEqualTo(200);
		assertThat(farAway.body()).contains("No entries on this page.");

		// What the CSV holds is exactly what the page shows.
		HttpResponse<String> csv = browser.get("/audit.csv?action=sign-in-failed&from=" + since);
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
		assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"audit.csv\"");
		List<CSVRecord> records = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.body()))
			.getRecords();
		assertThat(records).extracting((r) -> Long.parseLong(r.get("id"))).isEqualTo(ids(failed.body()));
		assertThat(records).extracting((r) -> r.get("actor")).containsExactlyInAnyOrder(EVE, "mallory", "mallory");

		// The API filters by action too.
		JsonNode accounts = admin.get("/api/v1/audit?action=account.created").json();
		assertThat(accounts.findValuesAsString("action")).containsOnly("account.created");
		assertThat(accounts.findValuesAsString("subject")).contains("account carol");
		ApiClient.Response apiCsv = admin
			.send(admin.request("/api/v1/audit?action=sign-in-failed").setHeader("Accept", "text/csv").GET());
		assertThat(apiCsv.body().lines().skip(1)).allSatisfy((line) -> assertThat(line).doesNotContain("account."));

		HttpResponse<String> verified = browser.post("/audit/verify", failed.body(), "action", "sign-in-failed");
		assertThat(verified.statusCode()).isEqualTo(302);
		assertThat(verified.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/audit?action=sign-in-failed"));
		HttpResponse<String> result = browser.get("/audit?action=sign-in-failed");
		assertThat(result.body()).contains("<dd id=\"verified-intact\">yes</dd>")
			.contains("<dd id=\"first-broken\">none</dd>")
			.containsPattern("<dd id=\"verified-entries\">\\d+</dd>");
	}

	@Test
	void pagesFiftyEntriesAtATimeKeepingTheFilter() {
		// Sixty real sign-ins would be throttled; these stand in for them.
		for (int i = 1; i <= 55; i++) {
			this.audit.recordAs("bulk", "journey.bulk", "entry " + i, "");
		}
		FormBrowser browser = signedIn("admin", ADMIN_PASSWORD);
		HttpResponse<String> first = browser.get("/audit?action=journey.bulk");
		assertThat(ids(first.body())).hasSize(50);
		assertThat(first.body()).contains("page 1 of 2")
			.contains("<span id=\"total\">55</span>")
			.contains("<td class=\"subject\">entry 55</td>")
			.doesNotContain("rel=\"prev\"");
		Matcher next = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">").matcher(first.body());
		assertThat(next.find()).isTrue();
		HttpResponse<String> second = browser.get(next.group(1).replace("&amp;", "&"));
		assertThat(second.body()).contains("page 2 of 2").contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
		assertThat(ids(second.body())).hasSize(5)
			.allSatisfy((id) -> assertThat(id).isLessThan(ids(first.body()).get(49)));
		assertThat(actions(second.body())).containsOnly("journey.bulk");
	}

	@Test
	void showsThePageAndItsLinkToAdminsOnly() {
		ApiClient admin = ApiClient.forPort(this.port).as("admin", ADMIN_PASSWORD);
		for (String role : List.of("VIEWER", "EDITOR", "REVIEWER")) {
			String name = "pat-" + role.toLowerCase();
			assertThat(admin
				.post("/api/v1/users", Map.of("username", name, "password", CAROL_PASSWORD, "roles", List.of(role)))
				.status()).isEqualTo(201);
			FormBrowser person = signedIn(name, CAROL_PASSWORD);
			assertThat(person.get("/audit").statusCode()).as(role).isEqualTo(403);
			assertThat(person.get("/audit.csv").statusCode()).as(role).isEqualTo(403);
			assertThat(person.get("/policies").body()).as(role).doesNotContain("Audit trail");
		}
		assertThat(new FormBrowser(this.port).get("/audit").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		assertThat(signedIn("admin", ADMIN_PASSWORD).get("/policies").body()).contains("id=\"nav-audit\"");
	}

	private FormBrowser signedIn(String user, String password) {
		FormBrowser browser = new FormBrowser(this.port);
		HttpResponse<String> signIn = browser.signIn(user, password);
		assertThat(signIn.headers().firstValue("Location")).as("signed in as %s", user)
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		return browser;
	}

	private static List<Long> ids(String html) {
		List<Long> ids = new ArrayList<>();
		Matcher row = ROW.matcher(html);
		while (row.find()) {
			ids.add(Long.parseLong(row.group(1)));
		}
		return ids;
	}

	private static List<String> actions(String html) {
		List<String> actions = new ArrayList<>();
		Matcher action = ACTION.matcher(html);
		while (action.find()) {
			actions.add(action.group(1));
		}
		return actions;
	}

}
