package org.smguard.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through chromedriver, with a fresh profile. Both
 * binaries are set explicitly so that Selenium Manager never looks for (or downloads) a
 * browser or driver. When they are missing the test fails on CI (environment variable
 * {@code CI} set) and is skipped, loudly, elsewhere.
 * <p>
 * Use it through {@link BrowserExtension}, which closes it after each test.
 */
public final class BrowserSession implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private final Path profile;

	private BrowserSession(ChromeDriverService service, ChromeDriver driver, Path profile) {
		this.service = service;
		this.driver = driver;
		this.profile = profile;
	}

	/** Starts Chromium, or ends the test when it is not installed. */
	public static BrowserSession start() {
		requireInstalled();
		Path profile;
		try {
			profile = Files.createTempDirectory("smguard-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-dev-shm-usage", "--no-first-run", "--disable-component-update", "--disable-sync",
				"--window-size=1280,1024", "--user-data-dir=" + profile);
		try {
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
			return new BrowserSession(service, driver, profile);
		}
		catch (RuntimeException ex) {
			service.stop();
			deleteQuietly(profile);
			throw ex;
		}
	}

	/**
	 * Fails the test on CI, and skips it elsewhere, when Chromium or chromedriver is
	 * missing.
	 */
	static void requireInstalled() {
		List<String> missing = new ArrayList<>();
		for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
			if (!Files.isExecutable(binary)) {
				missing.add(binary.toString());
			}
		}
		if (missing.isEmpty()) {
			return;
		}
		String message = "Browser tests need Debian's chromium and chromium-driver packages; missing: "
				+ String.join(", ", missing);
		if (System.getenv("CI") != null) {
			Assertions.fail(message + " (CI is set, so this is a failure, not a skip)");
		}
		System.err.println("\n!!! SKIPPING BROWSER TEST: " + message + " !!!\n");
		Assumptions.abort(message);
	}

	public WebDriver driver() {
		return this.driver;
	}

	/** A bounded wait for something to appear on the page. */
	public WebDriverWait await() {
		return new WebDriverWait(this.driver, WAIT);
	}

	/** Saves a screenshot as {@code target/screenshots/<name>.png}. */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			deleteQuietly(this.profile);
		}
	}

	private static void deleteQuietly(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover profile in the temp directory is harmless.
		}
	}

}
