package org.smguard.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.smguard.bundle.BundleDownload;
import org.smguard.policy.Draft;
import org.smguard.policy.DraftSection;
import org.smguard.policy.Forwards;
import org.smguard.policy.PolicyService;
import org.smguard.policy.ReviewService;
import org.smguard.policy.SecurityOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator does in a real browser to get the deployment bundle of a version: open
 * an approved version of a policy with {@value #OVERRIDES} override files, follow its
 * bundle link, watch the preparation and download the archive the page names by its
 * SHA-256; and what a saved version that nobody approved answers instead.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(BrowserExtension.class)
@DirtiesContext
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BundleBrowserTests {

	private static final String ADMIN_PASSWORD = "browser-bundle-secret";

	private static final int OVERRIDES = 5_000;

	private static final String DIRECTORY = Forwards.DEFAULT_DIRECTORY;

	private static final String NOT_APPROVED = "version 2 of policy 'default' is saved: only approved or published"
			+ " versions can be bundled";

	/**
	 * Run before the page's own scripts: notes whether the page arrived showing the
	 * preparation, and keeps every answer of the progress endpoint the page polls.
	 */
	private static final String WATCH_PROGRESS = """
			window.smguardWatch = { preparingShown: null, polls: [] };
			document.addEventListener('DOMContentLoaded', () => {
			  const preparing = document.getElementById('bundle-preparing');
			  window.smguardWatch.preparingShown = preparing !== null && !preparing.hidden;
			});
			const originalFetch = window.fetch;
			window.fetch = (...args) => originalFetch(...args).then((response) => {
			  if (String(args[0]).includes('/bundle/progress')) {
			    response.clone().json().then((body) => window.smguardWatch.polls.push(body));
			  }
			  return response;
			});
			""";

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
	private PolicyService policies;

	@Autowired
	private ReviewService reviews;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	/**
	 * Version 1 of the default policy reads {@value #OVERRIDES} override files and is
	 * approved by a second person; version 2 logs more and is only saved.
	 */
	@BeforeAll
	static void versions(@Autowired PolicyService policies, @Autowired ReviewService reviews) {
		as("admin", "ROLE_ADMIN", () -> {
			Draft draft = policies.draft("default");
			List<Forwards.OverrideFile> overrides = new ArrayList<>(OVERRIDES);
			for (int i = 0; i < OVERRIDES; i++) {
				overrides.add(new Forwards.OverrideFile(String.format("user%05d", i),
						(i % 10 == 0) ? String.format("user%05d@archive.example.org%n", i) : ""));
			}
			SecurityOptions o = draft.policy().options();
			policies.replaceDraft("default", draft.revision(), null,
					draft.policy()
						.withForwards(new Forwards(DIRECTORY, overrides))
						.withOptions(new SecurityOptions(o.defaultUser(), DIRECTORY + "/$u.forward:$z/.forward",
								o.logLevel(), o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(),
								o.tempFileMode())));
			policies.saveVersion("default", "Forward the archive users", null);
			return reviews.propose("default", 1, "Ready for the mail hosts");
		});
		as("rita", "ROLE_REVIEWER", () -> reviews.approve("default", 1, "Looks right"));
		as("admin", "ROLE_ADMIN", () -> {
			Draft draft = policies.draft("default");
			SecurityOptions o = draft.policy().options();
			policies.changeSection("default", draft.revision(), DraftSection.OPTIONS,
					(p) -> p.withOptions(new SecurityOptions(o.defaultUser(), o.forwardPath(), 12, o.postmasterCopy(),
							o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode())));
			return policies.saveVersion("default", "Log more", null);
		});
	}

	@Test
	void operatorWatchesTheBundlePreparedAndDownloadsTheArchiveItNames(BrowserSession browser) throws Exception {
		WebDriver driver = browser.driver();
		signIn(browser);
		((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
				Map.of("source", WATCH_PROGRESS));

		driver.get(url("/policies/default/versions/1"));
		driver.findElement(By.id("bundle-link")).click();
		browser.await()
			.withTimeout(Duration.ofSeconds(60))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("bundle-download")));

		assertThat(driver.getCurrentUrl()).endsWith("/policies/default/versions/1/bundle");
		assertThat(watched(driver, "preparingShown")).as("the page arrived showing the preparation").isEqualTo(true);
		List<Map<String, Object>> polls = watchedPolls(driver);
		assertThat(polls).as("the page polled the progress until the bundle was done").isNotEmpty();
		assertThat(polls.get(polls.size() - 1)).containsEntry("done", true).containsEntry("error", null);
		for (Map<String, Object> poll : polls) {
			assertThat(((Number) poll.get("total")).intValue()).isGreaterThan(OVERRIDES);
		}
		assertThat(driver.findElement(By.id("bundle-preparing")).isDisplayed()).isFalse();
		assertThat(driver.findElement(By.id("bundle-error")).isDisplayed()).isFalse();
		String shown = driver.findElement(By.id("bundle-sha256")).getText();
		assertThat(shown).matches("[0-9a-f]{64}");
		assertThat(driver.findElement(By.id("bundle-download")).getText())
			.isEqualTo("Download smguard-default-1.tar.gz");
		browser.screenshot("bundle");

		String href = driver.findElement(By.id("bundle-download")).getDomAttribute("href");
		HttpResponse<byte[]> download = this.http.send(
				HttpRequest.newBuilder(URI.create(url(href))).header("Cookie", sessionCookie(driver)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Type")).hasValue("application/gzip");
		assertThat(sha256(download.body())).as("the archive downloaded is the one the page names").isEqualTo(shown);
		assertThat(download.headers().firstValue(BundleDownload.SHA256_HEADER)).hasValue(shown);
	}

	@Test
	void savedVersionHasNoBundleAndItsBundlePageSaysWhy(BrowserSession browser) throws Exception {
		WebDriver driver = browser.driver();
		signIn(browser);

		driver.get(url("/policies/default/versions/2"));
		assertThat(driver.findElement(By.id("state")).getText()).isEqualTo("saved");
		assertThat(driver.findElements(By.id("bundle-link"))).isEmpty();

		driver.get(url("/policies/default/versions/2/bundle"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Conflict");
		assertThat(driver.findElement(By.cssSelector(".flash.error")).getText()).isEqualTo(NOT_APPROVED);
		assertThat(driver.findElements(By.id("bundle"))).isEmpty();

		String cookie = sessionCookie(driver);
		for (String path : List.of("/bundle", "/bundle/progress", "/bundle.tar.gz")) {
			HttpResponse<String> answer = this.http
				.send(HttpRequest.newBuilder(URI.create(url("/policies/default/versions/2" + path)))
					.header("Cookie", cookie)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(path).isEqualTo(409);
		}
		String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> api = this.http
			.send(HttpRequest.newBuilder(URI.create(url("/api/v1/policies/default/versions/2/bundle.tar.gz")))
				.header("Authorization", "Basic " + basic)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(api.statusCode()).isEqualTo(409);
		assertThat(api.body()).contains(NOT_APPROVED);
	}

	private void signIn(BrowserSession browser) {
		WebDriver driver = browser.driver();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		browser.await().until((d) -> !d.getCurrentUrl().contains("/login"));
	}

	private static Object watched(WebDriver driver, String field) {
		return ((JavascriptExecutor) driver).executeScript("return window.smguardWatch." + field);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> watchedPolls(WebDriver driver) {
		return (List<Map<String, Object>>) watched(driver, "polls");
	}

	private static String sessionCookie(WebDriver driver) {
		return "JSESSIONID=" + driver.manage().getCookieNamed("JSESSIONID").getValue();
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	private String url(String path) {
		return path.startsWith("http") ? path : "http://localhost:" + this.port + path;
	}

	private static <T> T as(String name, String role, Supplier<T> call) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null,
					AuthorityUtils.createAuthorityList(role)));
		try {
			return call.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
