package org.smguard.browser;

import java.nio.file.Files;
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
import org.smguard.policy.StockPolicy;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an admin does in a real browser to take over a running host: upload its
 * sendmail.cf, read what the import took, find the rendered cf line by line, and check
 * the draft with real sendmail.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(BrowserExtension.class)
@DirtiesContext
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ImportAndFilesBrowserTests {

	private static final String ADMIN_PASSWORD = "browser-import-secret";

	@TempDir
	static Path dataDir;

	@TempDir
	static Path uploads;

	@DynamicPropertySource
	static void console(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> ADMIN_PASSWORD);
	}

	@LocalServerPort
	private int port;

	@Test
	void adminImportsAHostCfAndReadsTheRenderedFile(BrowserSession browser) throws Exception {
		String hostCf = StockPolicy.debianBaseCf().replace("O LogLevel=9\n", "O LogLevel=14\n");
		Path cf = Files.writeString(uploads.resolve("sendmail.cf"), hostCf);
		WebDriver driver = browser.driver();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		browser.await().until((d) -> !d.getCurrentUrl().contains("/login"));

		driver.get(url("/policies/default/import"));
		driver.findElement(By.id("cf")).sendKeys(cf.toString());
		driver.findElement(By.cssSelector("#import-form button[type=submit]")).click();
		WebElement report = browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-report")));
		assertThat(report.getText()).contains("LogLevel=14", "kept as the base of sendmail.cf");

		driver.findElement(By.linkText("Files & check")).click();
		browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("files")));
		driver.findElement(By.linkText("sendmail.cf")).click();
		WebElement lines = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("file-lines")));
		int number = hostCf.substring(0, hostCf.indexOf("O LogLevel=14")).split("\n", -1).length;
		WebElement row = lines.findElement(By.id("L" + number));
		assertThat(row.findElement(By.className("ln")).getText()).isEqualTo(String.valueOf(number));
		assertThat(row.findElement(By.tagName("pre")).getText()).isEqualTo("O LogLevel=14");
		assertThat(driver.findElement(By.id("download")).getDomAttribute("href")).contains("download=true");

		driver.get(url("/policies/default/check"));
		String outcome = browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#sendmail-check .badge")))
			.getText();
		if (Files.isExecutable(Path.of("/usr/sbin/sendmail"))) {
			assertThat(outcome).isEqualTo("passed");
		}
		else {
			assertThat(outcome).isEqualTo("skipped");
		}
		browser.screenshot("check");
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
