package org.smguard.browser;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.smguard.testing.ApiClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person does with API tokens in a real browser: make one on the *API tokens*
 * page, copy it from the page that shows it this once, see a taken name refused beside
 * the field, and revoke the token, after which a script using it is refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(BrowserExtension.class)
@DirtiesContext
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ApiTokenBrowserTests {

	private static final String ADMIN_PASSWORD = "browser-operator-secret";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void console(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> ADMIN_PASSWORD);
	}

	@LocalServerPort
	private int port;

	@Test
	void makesATokenSeesItOnceAndRevokesIt(BrowserSession browser) {
		WebDriver driver = browser.driver();
		signIn(browser);
		driver.findElement(By.linkText("API tokens")).click();
		browser.await().until((d) -> d.getCurrentUrl().endsWith("/account/tokens"));
		assertThat(driver.findElement(By.id("tokens")).getText()).contains("You have no API tokens.");

		makeToken(driver, "deploy script");
		WebElement shown = browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-token-value")));
		String token = shown.getText();
		assertThat(token).matches("smg_[A-Za-z0-9_-]{43}");
		assertThat(driver.findElement(By.id("new-token")).getText()).contains("shown only this once");
		assertThat(driver.getCurrentUrl()).endsWith("/account/tokens");
		browser.screenshot("api-token-made");

		ApiClient script = ApiClient.forPort(this.port).withToken(token);
		assertThat(script.get("/api/v1/policies").status()).isEqualTo(200);

		driver.navigate().refresh();
		browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("tokens")));
		assertThat(driver.findElements(By.id("new-token"))).as("shown once only").isEmpty();
		assertThat(driver.getPageSource()).doesNotContain(token);
		WebElement row = driver.findElement(By.cssSelector("#tokens tbody tr"));
		assertThat(row.findElement(By.cssSelector(".token-name")).getText()).isEqualTo("deploy script");
		assertThat(row.getText()).as("expires").contains("never");

		makeToken(driver, "deploy script");
		WebElement error = browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(
					By.xpath("//input[@name='name']/following-sibling::ul[contains(@class,'field-errors')][1]")));
		assertThat(error.getText()).contains("you already have a token named 'deploy script'");
		assertThat(driver.findElements(By.cssSelector("#tokens tbody tr .token-name"))).hasSize(1);

		driver.findElement(By.cssSelector("#tokens tbody tr button.danger")).click();
		WebElement flash = browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.success")));
		assertThat(flash.getText()).isEqualTo("Revoked token deploy script: it no longer works.");
		assertThat(driver.findElement(By.id("tokens")).getText()).contains("You have no API tokens.");
		assertThat(script.get("/api/v1/policies").status()).isEqualTo(401);
		browser.screenshot("api-token-revoked");
	}

	private void signIn(BrowserSession browser) {
		WebDriver driver = browser.driver();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		browser.await().until((d) -> !d.getCurrentUrl().contains("/login"));
	}

	private static void makeToken(WebDriver driver, String name) {
		WebElement field = driver.findElement(By.id("name"));
		field.clear();
		field.sendKeys(name);
		driver.findElement(By.cssSelector("#new-token-form button[type=submit]")).click();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
