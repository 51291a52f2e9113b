package org.smguard.browser;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.smguard.account.AccountService;
import org.smguard.policy.Draft;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.ReviewService;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Smrsh;
import org.smguard.system.Role;

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
 * The security advisor's pages in a real browser: a critical finding beside the field in
 * the editor and its one-click fix; a reviewer who must acknowledge a critical finding
 * before approving; the smrsh simulator on a pasted {@code .forward}; and where mail for
 * a user with an override file goes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(BrowserExtension.class)
@DirtiesContext
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AdvisorBrowserTests {

	private static final String ADMIN_PASSWORD = "advisor-browser-kestrel-ember";

	private static final String REVIEWER = "rhea";

	private static final String REVIEWER_PASSWORD = "quartz-meadow-lantern-9";

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

	@Autowired
	private AccountService accounts;

	@Autowired
	private ReviewService review;

	@Test
	void editorSeesACriticalFindingBesideTheFieldAndAppliesTheFix(BrowserSession browser) {
		WebDriver driver = browser.driver();
		signIn(browser, "admin", ADMIN_PASSWORD);
		driver.get(url("/policies/default/options"));
		WebElement mode = driver.findElement(By.id("option-TempFileMode-value"));
		mode.clear();
		mode.sendKeys("0666");
		driver.findElement(By.cssSelector("#options-form button[type=submit]")).click();
		browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.success")));
		assertThat(draftOptions().tempFileMode()).isEqualTo("0666");

		WebElement finding = driver
			.findElement(By.cssSelector("#advice-options .finding-critical[data-rule=temp-file-mode]"));
		assertThat(finding.findElement(By.cssSelector(".badge")).getText()).isEqualTo("critical");
		assertThat(finding.getText()).contains("TempFileMode 0666", "options.TempFileMode");
		WebElement besideField = driver.findElement(By.cssSelector("#option-TempFileMode .advice-note"));
		assertThat(besideField.getText()).as("the finding inside the TempFileMode fieldset")
			.contains("critical", "TempFileMode 0666");
		browser.screenshot("advisor-editor-critical");

		finding.findElement(By.cssSelector("button[data-field='options.TempFileMode']")).click();
		browser.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.success"),
					"recommended value of options.TempFileMode"));
		assertThat(driver.findElement(By.id("option-TempFileMode-value")).getDomProperty("value")).isEqualTo("0600");
		assertThat(driver.findElements(By.cssSelector(".finding[data-rule=temp-file-mode]")))
			.as("no TempFileMode finding once it is 0600")
			.isEmpty();
		assertThat(driver.findElements(By.cssSelector("#option-TempFileMode .advice-note"))).isEmpty();
		assertThat(draftOptions().tempFileMode()).isEqualTo("0600");
	}

	@Test
	void reviewerMustAcknowledgeACriticalFindingToApprove(BrowserSession browser) {
		int number = asAdmin(() -> {
			this.accounts.create(REVIEWER, REVIEWER_PASSWORD, Set.of(Role.REVIEWER), false);
			changeDraft((p) -> p.withOptions(tempFileMode(p.options(), "0666")));
			int saved = this.policies.saveVersion("default", "Let the queue be written by all", null).number();
			return this.review.propose("default", saved, "Needed by the legacy archiver").number();
		});
		String critical = "temp-file-mode@options.TempFileMode";
		WebDriver driver = browser.driver();
		signIn(browser, REVIEWER, REVIEWER_PASSWORD);
		String review = url("/policies/default/versions/" + number + "/review");
		driver.get(review);
		assertThat(driver.findElement(By.id("state")).getText()).isEqualTo("proposed");
		WebElement finding = driver.findElement(By.cssSelector("#advice .finding-critical[data-rule=temp-file-mode]"));
		String title = finding.findElement(By.cssSelector("h4 > span:nth-of-type(2)")).getText();
		assertThat(title).contains("TempFileMode 0666");
		assertThat(finding.getText()).contains("Recommended: 0600");
		assertThat(driver.findElement(By.id("acknowledgements")).getText()).contains(title, critical);

		driver.findElement(By.id("review-comment")).sendKeys("Looks fine");
		driver.findElement(By.id("approve")).click();
		WebElement refusal = browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.error")));
		assertThat(refusal.getText()).contains("'" + title + "'", "acknowledged with a reason");
		assertThat(driver.getCurrentUrl()).isEqualTo(review);
		assertThat(driver.findElement(By.id("state")).getText()).as("still waiting").isEqualTo("proposed");
		browser.screenshot("advisor-review-refused");

		String reason = "Test host only; the relay runs nothing for aliases";
		driver.findElement(By.name("acknowledge:" + critical)).sendKeys(reason);
		driver.findElement(By.id("review-comment")).sendKeys("Approved with the finding acknowledged");
		driver.findElement(By.id("approve")).click();
		assertThat(successMessage(browser)).isEqualTo("Version " + number + " is approved.");
		assertThat(driver.findElement(By.id("state")).getText()).isEqualTo("approved");

		driver.get(url("/policies/default/versions/" + number));
		List<String> row = driver.findElement(By.cssSelector("#acknowledged tbody tr"))
			.findElements(By.tagName("td"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(row.get(0)).contains(title, critical);
		assertThat(row.get(1)).isEqualTo(reason);
		assertThat(row.get(2)).isEqualTo(REVIEWER);
		browser.screenshot("advisor-acknowledged");
	}

	@Test
	void smrshSimulatorGivesAVerdictForEachLineOfAForwardFile(BrowserSession browser) {
		asAdmin(() -> changeDraft((p) -> {
			Smrsh s = p.smrsh();
			return p.withSmrsh(new Smrsh(true, s.smrshPath(), s.binDirectory(), s.programs()));
		}));
		WebDriver driver = browser.driver();
		signIn(browser, "admin", ADMIN_PASSWORD);
		driver.get(url("/policies/default/smrsh/simulate"));
		driver.findElement(By.cssSelector("input[name=mode][value=text]")).click();
		driver.findElement(By.id("input")).sendKeys("\"|/usr/libexec/sendmail/mail.local bob\"\n|\"/tmp/x.sh\"\n");
		new Select(driver.findElement(By.id("format"))).selectByValue("forward");
		driver.findElement(By.cssSelector("#simulate-form button[type=submit]")).click();

		browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("verdicts")));
		List<WebElement> rows = driver.findElements(By.cssSelector("#verdicts tbody tr"));
		assertThat(rows).hasSize(2);
		WebElement allowed = rows.get(0);
		assertThat(allowed.findElement(By.cssSelector(".badge")).getText()).isEqualTo("allowed");
		assertThat(allowed.getText()).contains("/etc/mail/smrsh/mail.local", "'bob'");
		WebElement refused = rows.get(1);
		assertThat(refused.findElement(By.cssSelector(".badge")).getText()).isEqualTo("refused");
		assertThat(refused.getText()).contains("smrsh: \"x.sh\" not available for sendmail programs");
		assertThat(driver.findElement(By.id("simulated-against")).getText()).contains("on", "/etc/mail/smrsh");
		browser.screenshot("advisor-smrsh-simulator");
	}

	@Test
	void mailRouteAnswersForAUserWithAnOverrideFile(BrowserSession browser) {
		asAdmin(() -> changeDraft((p) -> {
			SecurityOptions o = p.options();
			return p
				.withForwards(
						new Forwards(DIRECTORY, List.of(new Forwards.OverrideFile("bob", "bob@elsewhere.example"))))
				.withOptions(new SecurityOptions(o.defaultUser(), DIRECTORY + "/$u.forward:$z/.forward", o.logLevel(),
						o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
		}));
		WebDriver driver = browser.driver();
		signIn(browser, "admin", ADMIN_PASSWORD);

		route(browser, "bob");
		assertThat(driver.findElement(By.id("route-summary")).getText())
			.startsWith("the override file decides where mail goes");
		List<WebElement> steps = driver.findElements(By.cssSelector("#route-steps tbody tr"));
		assertThat(steps).hasSize(2);
		assertThat(steps.get(0).getDomAttribute("class")).isEqualTo("route-override");
		assertThat(steps.get(0).getText()).contains(DIRECTORY + "/bob.forward", "bob@elsewhere.example");
		assertThat(steps.get(1).getDomAttribute("class")).as("$z/.forward is never read")
			.isEqualTo("route-not_reached");
		assertThat(driver.findElement(By.id("route-deliveries")).getText()).contains("bob@elsewhere.example");
		browser.screenshot("advisor-mail-route");

		route(browser, "carol");
		assertThat(driver.findElement(By.id("route-summary")).getText()).startsWith("no override file applies");
		assertThat(driver.findElements(By.cssSelector("#route-steps tr.route-override"))).isEmpty();
		assertThat(driver.findElements(By.cssSelector("#route-steps tr.route-no_override"))).hasSize(1);
		assertThat(driver.findElements(By.id("route-deliveries"))).isEmpty();
	}

	private void route(BrowserSession browser, String user) {
		WebDriver driver = browser.driver();
		driver.get(url("/policies/default/mail-route"));
		driver.findElement(By.id("user")).sendKeys(user);
		driver.findElement(By.cssSelector("#route-form button[type=submit]")).click();
		browser.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#route-steps tbody"),
					user.equals("bob") ? "bob.forward" : "carol.forward"));
	}

	private void signIn(BrowserSession browser, String username, String password) {
		WebDriver driver = browser.driver();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		browser.await().until((d) -> !d.getCurrentUrl().contains("/login"));
	}

	private static String successMessage(BrowserSession browser) {
		return browser.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.success")))
			.getText();
	}

	private SecurityOptions draftOptions() {
		return asAdmin(() -> this.policies.draft("default").policy().options());
	}

	private Draft changeDraft(UnaryOperator<Policy> change) {
		Draft draft = this.policies.draft("default");
		return this.policies.replaceDraft("default", draft.revision(), null, change.apply(draft.policy()));
	}

	private static SecurityOptions tempFileMode(SecurityOptions o, String mode) {
		return new SecurityOptions(o.defaultUser(), o.forwardPath(), o.logLevel(), o.postmasterCopy(),
				o.privacyOptions(), o.safeFileEnvironment(), mode);
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
