package org.smguard.browser;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.smguard.policy.PolicyService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an admin does in a real browser: sign in, add a trusted user, get a bad name
 * refused beside the field with nothing changed, and save the draft as a version that
 * then shows in the history. Ends with a screenshot in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(BrowserExtension.class)
@DirtiesContext
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BrowserJourneyTests {

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

	@Autowired
	private PolicyService policies;

	@Test
	@WithMockUser(roles = "VIEWER") // for reading the draft through the service
	void adminAddsATrustedUserAndSavesAVersion(BrowserSession browser) {
		WebDriver driver = browser.driver();
		signIn(browser, "admin", ADMIN_PASSWORD);
		assertThat(driver.getCurrentUrl()).endsWith("/policies");

		driver.get(url("/policies/default/trusted-users"));
		appendLine(driver.findElement(By.name("users")), "majordomo");
		submitTrustedUsers(driver);
		WebElement flash = browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.success")));
		assertThat(flash.getText()).isEqualTo("Trusted users saved in the draft.");
		assertThat(driver.getCurrentUrl()).endsWith("/policies/default/trusted-users");
		assertThat(lines(driver.findElement(By.name("users")))).containsExactly("root", "daemon", "uucp", "majordomo");
		long revision = this.policies.draft("default").revision();
		assertThat(shownRevision(driver)).isEqualTo(revision);

		appendLine(driver.findElement(By.name("users")), "bad;user");
		submitTrustedUsers(driver);
		WebElement error = browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(
					By.xpath("//textarea[@name='users']/following-sibling::ul[contains(@class,'field-errors')][1]")));
		assertThat(error.getText()).contains("line 5", "'bad;user'",
				"must be 1-32 characters of A-Z a-z 0-9 . _ - and not start with '-' or '.'");
		assertThat(driver.findElement(By.name("users")).getDomAttribute("class")).contains("invalid");
		assertThat(driver.findElements(By.cssSelector(".flash.success"))).isEmpty();
		assertThat(shownRevision(driver)).isEqualTo(revision);
		assertThat(this.policies.draft("default").revision()).as("draft revision after the refused name")
			.isEqualTo(revision);
		assertThat(this.policies.draft("default").policy().trustedUsers().users()).containsExactly("root", "daemon",
				"uucp", "majordomo");

		driver.findElement(By.linkText("Versions")).click();
		String message = "Trust majordomo for the list server";
		browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("message"))).sendKeys(message);
		driver.findElement(By.id("save-version")).click();
		assertThat(browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.success")))
			.getText()).isEqualTo("Saved version 1.");
		List<String> row = driver.findElements(By.cssSelector("#history tbody tr"))
			.stream()
			.map((tr) -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
			.filter((cells) -> cells.get(1).equals(message))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no row with message '" + message + "' in #history"));
		assertThat(row.get(0)).isEqualTo("1");
		assertThat(row.get(2)).isEqualTo("admin");
		assertThat(row.get(5)).isEqualTo("saved");
		browser.screenshot("browser-journey");
	}

	private void signIn(BrowserSession browser, String username, String password) {
		WebDriver driver = browser.driver();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		browser.await().until((d) -> !d.getCurrentUrl().contains("/login"));
	}

	private static void appendLine(WebElement textarea, String line) {
		textarea.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), Keys.ENTER, line);
	}

	private static void submitTrustedUsers(WebDriver driver) {
		driver.findElement(By.cssSelector("#trusted-users-form button[type=submit]")).click();
	}

	private static List<String> lines(WebElement textarea) {
		return textarea.getDomProperty("value").lines().map(String::strip).filter((l) -> !l.isEmpty()).toList();
	}

	private static long shownRevision(WebDriver driver) {
		return Long.parseLong(driver.findElement(By.cssSelector(".draft-state strong")).getText());
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
