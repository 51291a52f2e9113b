package org.smguard.browser;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.smguard.policy.Draft;
import org.smguard.policy.Forwards;
import org.smguard.policy.PolicyService;
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
 * What a reviewer does in a real browser to see what a version changes: open it, compare
 * it with the previous version, read the sections that changed and the coloured diff of
 * each rendered file.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(BrowserExtension.class)
@DirtiesContext
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DiffBrowserTests {

	private static final String ADMIN_PASSWORD = "browser-diff-secret";

	private static final String DIRECTORY = Forwards.DEFAULT_DIRECTORY;

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
	void reviewerComparesAVersionWithThePreviousOne(BrowserSession browser) {
		twoVersions();
		WebDriver driver = browser.driver();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		browser.await().until((d) -> !d.getCurrentUrl().contains("/login"));

		driver.get(url("/policies/default/versions/2"));
		driver.findElement(By.id("compare-previous")).click();
		browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("summary")));
		assertThat(driver.getCurrentUrl()).endsWith("/policies/default/versions/1/diff/2");
		assertThat(driver.findElement(By.id("option-LogLevel")).getText()).contains("9", "12");
		assertThat(driver.findElement(By.id("diff-forwards")).getText()).contains("Added (1):", "carol");

		WebElement cf = driver.findElement(By.id("file-sendmail.cf"));
		WebElement removed = cf.findElement(By.cssSelector("tr.diff-removed"));
		WebElement added = cf.findElement(By.cssSelector("tr.diff-added"));
		assertThat(removed.getText()).isEqualTo("-O LogLevel=9");
		assertThat(added.getText()).isEqualTo("+O LogLevel=12");
		String removedColour = removed.findElement(By.tagName("td")).getCssValue("background-color");
		String addedColour = added.findElement(By.tagName("td")).getCssValue("background-color");
		assertThat(List.of(removedColour, addedColour)).as("the stylesheet colours the lines")
			.doesNotContain("rgba(0, 0, 0, 0)");
		assertThat(removedColour).isNotEqualTo(addedColour);
		assertThat(driver.findElement(By.id("file-carol.forward")).getText())
			.contains("+<script>alert('carol')</script>");
		assertThat(driver.findElement(By.id("unchanged")).getText())
			.isEqualTo("Unchanged: Trusted users, Valid shells, smrsh.");
		browser.screenshot("diff");
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", cf);
		browser.screenshot("diff-files");

		driver.findElement(By.id("swap")).click();
		browser.await().until(ExpectedConditions.urlContains("/versions/2/diff/1"));
		assertThat(driver.findElement(By.id("file-sendmail.cf")).findElement(By.cssSelector("tr.diff-added")).getText())
			.isEqualTo("+O LogLevel=9");
	}

	/**
	 * Version 1 of the default policy reads override files; version 2 logs more and adds
	 * carol's file, whose content is markup.
	 */
	private void twoVersions() {
		asAdmin(() -> {
			Draft draft = this.policies.draft("default");
			SecurityOptions o = draft.policy().options();
			this.policies.replaceDraft("default", draft.revision(), null,
					draft.policy()
						.withForwards(new Forwards(DIRECTORY, List.of(new Forwards.OverrideFile("bob", ""))))
						.withOptions(new SecurityOptions(o.defaultUser(), DIRECTORY + "/$u.forward:$z/.forward",
								o.logLevel(), o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(),
								o.tempFileMode())));
			this.policies.saveVersion("default", "Read override files", null);
			Draft next = this.policies.draft("default");
			SecurityOptions n = next.policy().options();
			this.policies.replaceDraft("default", next.revision(), null,
					next.policy()
						.withForwards(new Forwards(DIRECTORY,
								List.of(new Forwards.OverrideFile("bob", ""),
										new Forwards.OverrideFile("carol", "<script>alert('carol')</script>"))))
						.withOptions(new SecurityOptions(n.defaultUser(), n.forwardPath(), 12, n.postmasterCopy(),
								n.privacyOptions(), n.safeFileEnvironment(), n.tempFileMode())));
			return this.policies.saveVersion("default", "Log more, forward carol", null);
		});
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static <T> T asAdmin(Supplier<T> call) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null,
					AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
		try {
			return call.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
