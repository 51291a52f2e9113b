package org.smguard.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin sets up a mail host in a real browser: registers it (a bad name is refused
 * beside its field), copies the token and the setup commands shown once, sees on the
 * Hosts page when the host asked, what it installed and what it reported about itself,
 * rotates the token (the old one stops working) and revokes the host.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(BrowserExtension.class)
@DirtiesContext
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HostsBrowserTests {

	private static final String ADMIN_PASSWORD = "browser-hosts-secret";

	private static final String HOST = "mx1.example.org";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void console(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> ADMIN_PASSWORD);
	}

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void adminRegistersAHostSeesItReportAndRotatesAndRevokesItsToken(BrowserSession browser) throws Exception {
		WebDriver driver = browser.driver();
		signIn(browser);
		driver.findElement(By.id("nav-hosts")).click();
		browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("new-host-form")));

		register(driver, "MX1.Example.org");
		assertThat(browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#new-host-form .field-errors")))
			.getText()).contains("must be in lower case");
		assertThat(driver.findElements(By.id("new-host-token"))).isEmpty();

		register(driver, HOST);
		String token = browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-host-token-value")))
			.getText();
		assertThat(token).startsWith("smh_");
		assertThat(driver.findElement(By.id("host-setup")).getText()).contains("/etc/smguard/host-token")
			.contains("url=%s")
			.contains("http://localhost:" + this.port)
			.contains("/var/lib/smguard/bin/smguard-pull");
		browser.screenshot("hosts-new-token");
		assertThat(row(driver).getText()).contains("never");

		String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> saved = this.http
			.send(HttpRequest.newBuilder(URI.create(url("/api/v1/policies/default/versions")))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"first\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
		assertThat(hostCall("POST", "/api/v1/hosts/self/report", token, "{\"version\": 2}")).as("no version 2")
			.isEqualTo(400);
		assertThat(hostCall("GET", "/api/v1/hosts/self/freshness", token, null)).isEqualTo(200);
		assertThat(hostCall("POST", "/api/v1/hosts/self/report", token,
				"{\"version\": 1, \"facts\": {\"missingShells\": [\"/bin/rbash\"], \"files\": []}}"))
			.isEqualTo(204);
		driver.get(url("/hosts"));
		assertThat(driver.findElements(By.id("new-host-token"))).as("the token is shown only once").isEmpty();
		String seen = row(driver).getText();
		assertThat(seen).contains("from 127.0.0.1").contains("drift");
		assertThat(row(driver).findElement(By.cssSelector(".problems")).getText()).isEqualTo("1 host problem");
		assertThat(row(driver).findElement(By.cssSelector(".installed")).getText()).isEqualTo("1");

		row(driver).findElement(By.xpath(".//button[normalize-space()='Rotate token']")).click();
		String rotated = browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-host-token-value")))
			.getText();
		assertThat(rotated).startsWith("smh_").isNotEqualTo(token);
		assertThat(hostCall("GET", "/api/v1/hosts/self/freshness", token, null)).isEqualTo(401);
		assertThat(hostCall("GET", "/api/v1/hosts/self/freshness", rotated, null)).isEqualTo(200);

		WebElement revoke = row(driver).findElement(By.xpath(".//button[normalize-space()='Revoke']"));
		revoke.click();
		browser.await().until(ExpectedConditions.stalenessOf(revoke));
		assertThat(driver.findElements(By.id("host-" + HOST))).isEmpty();
		assertThat(hostCall("GET", "/api/v1/hosts/self/freshness", rotated, null)).isEqualTo(401);
	}

	private static void register(WebDriver driver, String name) {
		WebElement field = driver.findElement(By.cssSelector("#new-host-form input[name=name]"));
		field.clear();
		field.sendKeys(name);
		driver.findElement(By.cssSelector("#new-host-form button[type=submit]")).click();
	}

	private static WebElement row(WebDriver driver) {
		return driver.findElement(By.id("host-" + HOST));
	}

	private int hostCall(String method, String path, String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json");
		request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private void signIn(BrowserSession browser) {
		WebDriver driver = browser.driver();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		browser.await().until((d) -> !d.getCurrentUrl().contains("/login"));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
