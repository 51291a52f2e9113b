package org.smguard.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.VersionInfo;
import org.smguard.policy.VersionState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

/**
 * The bundle cache and its preparations, on an approved version whose release and
 * override files a stub of {@link PolicyService} hands out.
 */
class BundleServiceTests {

	private static final List<Forwards.OverrideFile> OVERRIDES = List
		.of(new Forwards.OverrideFile("bob", "bob@example.org\n"), new Forwards.OverrideFile("carol", ""));

	@TempDir
	Path dataDir;

	private BundleService service;

	private volatile boolean databaseDown;

	@BeforeEach
	void setUp() {
		Policy settings = Bundles.policy(List.of());
		PolicyService policies = mock(PolicyService.class);
		given(policies.release("default", 2))
			.willReturn(new PolicyService.ReleaseSnapshot(
					new VersionInfo(2, "Forward bob", "ed", Instant.parse("2026-11-30T09:00:00Z"), 1,
							VersionState.APPROVED, "c0ffee", "rita"),
					settings, StockPolicy.debianBaseCf(), null, OVERRIDES.size()));
		willAnswer((invocation) -> {
			Consumer<Forwards.OverrideFile> action = invocation.getArgument(2);
			if (this.databaseDown) {
				// Fails once the page has had its first answer, as a long walk would.
				Thread.sleep(300);
				throw new IllegalStateException("the database is gone");
			}
			OVERRIDES.forEach(action);
			return null;
		}).given(policies).forEachVersionOverride(eq("default"), eq(2), any());
		this.service = new BundleService(policies, SigningKey.in(this.dataDir), new BundleScripts(),
				this.dataDir.toString());
	}

	@AfterEach
	void tearDown() {
		this.service.stop();
	}

	@Test
	void writesTheBundleAgainWhenItsCachedFileWasRemoved() throws Exception {
		BundleFile first = this.service.bundle("default", 2);
		Files.delete(first.path());

		BundleFile again = this.service.bundle("default", 2);

		assertThat(again.path()).isRegularFile();
		assertThat(again.sha256()).isEqualTo(first.sha256());
	}

	@Test
	void showsAFailureToTheNextProgressRequestThenStartsAgain() throws Exception {
		this.databaseDown = true;

		BundleProgress failed = pollUntilDone();

		assertThat(failed.error()).isEqualTo("the bundle could not be written; the console's log says why");
		assertThat(failed.file()).isNull();
		this.databaseDown = false;
		BundleProgress written = pollUntilDone();
		assertThat(written.error()).isNull();
		assertThat(written.file().path()).isRegularFile();
	}

	/** Asks for the progress as the bundle page does, until the preparation is done. */
	private BundleProgress pollUntilDone() throws InterruptedException {
		Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
		BundleProgress progress = this.service.prepare("default", 2);
		while (!progress.done()) {
			assertThat(Instant.now()).as("the preparation is done, or says it failed").isBefore(giveUp);
			Thread.sleep(20);
			progress = this.service.prepare("default", 2);
		}
		return progress;
	}

}
