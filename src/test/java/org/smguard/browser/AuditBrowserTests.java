package org.smguard.browser;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.smguard.testing.ApiClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an admin does with the audit trail in a real browser: open it from the navigation,
 * choose an action, and find the failed sign-in a script made.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(BrowserExtension.class)
@DirtiesContext
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AuditBrowserTests {

	private static final String ADMIN_PASSWORD = "audit-browser-lantern-orbit";

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
	void findsAFailedSignInByItsAction(BrowserSession browser) {
		assertThat(ApiClient.forPort(this.port).as("mallory", "not-the-password").get("/api/v1/policies").status())
			.isEqualTo(401);
		WebDriver driver = browser.driver();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		browser.await().until((d) -> !d.getCurrentUrl().contains("/login"));

		driver.findElement(By.linkText("Audit trail")).click();
		browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("entries")));
		assertThat(driver.findElement(By.id("entries")).getText()).as("the admin's own sign-in").contains("sign-in");

		new Select(driver.findElement(By.id("action"))).selectByVisibleText("sign-in-failed");
		driver.findElement(By.cssSelector("#audit-filter button[type=submit]")).click();
		browser.await().until((d) -> d.getCurrentUrl().contains("action=sign-in-failed"));
		List<WebElement> rows = driver.findElements(By.cssSelector("#entries tbody tr"));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).findElement(By.cssSelector(".actor")).getText()).isEqualTo("mallory");
		assertThat(rows.get(0).findElement(By.cssSelector(".detail")).getText()).isEqualTo("BadCredentialsException");
		assertThat(new Select(driver.findElement(By.id("action"))).getFirstSelectedOption().getText())
			.isEqualTo("sign-in-failed");
		assertThat(driver.findElement(By.id("csv-download")).getAttribute("href"))
			.endsWith("/audit.csv?action=sign-in-failed");
		browser.screenshot("audit-filtered");
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
