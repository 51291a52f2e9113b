package org.smguard.browser;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console started without {@code SMGUARD_ADMIN_PASSWORD} prints a one-time password for
 * {@code admin}; signing in with it leads straight to the password change, which refuses
 * a password that is easy to guess and takes a good one.
 */
@ExtendWith({ OutputCaptureExtension.class, BrowserExtension.class })
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "smguard.admin-password=")
@DirtiesContext
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class FirstSignInBrowserTests {

	private static final Pattern ONE_TIME_PASSWORD = Pattern.compile("one-time password: (\\S+)");

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void console(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
	}

	@LocalServerPort
	private int port;

	@Test
	void oneTimePasswordFromTheLogLeadsToThePasswordChange(CapturedOutput output, BrowserSession browser) {
		Matcher generated = ONE_TIME_PASSWORD.matcher(output.getAll());
		assertThat(generated.find()).as("a one-time admin password in the startup log").isTrue();

		WebDriver driver = browser.driver();
		driver.get("http://localhost:" + this.port + "/login");
		driver.findElement(By.id("username")).sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys(generated.group(1));
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		browser.await().until((d) -> d.getCurrentUrl().contains("/account/password"));
		assertThat(driver.getCurrentUrl()).contains("/account/password");

		changePassword(driver, generated.group(1), "password1234");
		WebElement error = browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".field-errors li")));
		assertThat(error.getText()).startsWith("is too easy to guess: This is a very common password.");
		browser.screenshot("first-sign-in-weak-password");

		changePassword(driver, generated.group(1), "harbour-violet-quill");
		browser.await().until((d) -> d.getCurrentUrl().endsWith("/policies"));
		assertThat(driver.findElement(By.cssSelector("[role=status]")).getText())
			.isEqualTo("Your password has been changed.");
	}

	private static void changePassword(WebDriver driver, String current, String chosen) {
		driver.findElement(By.id("currentPassword")).sendKeys(current);
		driver.findElement(By.id("newPassword")).sendKeys(chosen);
		driver.findElement(By.id("repeatPassword")).sendKeys(chosen);
		driver.findElement(By.cssSelector("#password-change button[type=submit]")).click();
	}

}
