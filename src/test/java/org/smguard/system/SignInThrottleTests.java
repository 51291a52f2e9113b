package org.smguard.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.smguard.testing.MovableClock;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counting of {@link SignInThrottle} with a clock the tests move: limits per name and
 * per address, the sliding window, success, and the bound on what it remembers.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleTests {

	private static final Duration WINDOW = Duration.ofMinutes(15);

	private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));

	private final List<Object> announced = new ArrayList<>();

	private SignInThrottle throttle = throttle(10_000);

	private SignInThrottle throttle(int tracked) {
		return new SignInThrottle(new SignInProperties(WINDOW, 5, 20, tracked, List.of()), this.clock,
				this.announced::add);
	}

	@Test
	void refusesANameAfterFiveFailuresUntilTheFirstLeavesTheWindow() {
		for (int i = 0; i < 5; i++) {
			assertThat(check("alice", "192.0.2.1")).as("attempt %d", i + 1).isEmpty();
			this.throttle.failed("alice", "192.0.2.1");
			this.clock.advance(Duration.ofMinutes(1));
		}
		// Failures at minutes 0-4, now minute 5: the first leaves the window at minute
		// 15.
		assertThat(check("alice", "192.0.2.1")).contains(Duration.ofMinutes(10));
		assertThat(check("alice", "198.51.100.7")).as("from anywhere").contains(Duration.ofMinutes(10));
		assertThat(check("bob", "192.0.2.1")).as("another name").isEmpty();
		this.clock.advance(Duration.ofMinutes(10).minusSeconds(1));
		assertThat(check("alice", "192.0.2.1")).contains(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(check("alice", "192.0.2.1")).isEmpty();
	}

	@Test
	void countsNamesIgnoringCase() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed((i % 2 == 0) ? "Alice" : "ALICE", "192.0.2.1");
		}
		assertThat(check("alice", "192.0.2.2")).isPresent();
	}

	@Test
	void refusedAttemptsDoNotCountSoTheWindowSlidesOn() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("admin", "192.0.2.1");
		}
		for (int i = 0; i < 14; i++) {
			this.clock.advance(Duration.ofMinutes(1));
			assertThat(check("admin", "192.0.2.1")).isPresent();
		}
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(check("admin", "192.0.2.1")).isEmpty();
	}

	@Test
	void refusesAnAddressAfterTwentyFailuresAcrossNames() {
		for (int i = 0; i < 20; i++) {
			assertThat(check("user" + i, "192.0.2.1")).isEmpty();
			this.throttle.failed("user" + i, "192.0.2.1");
		}
		assertThat(check("someone-new", "192.0.2.1")).contains(WINDOW);
		assertThat(check(null, "192.0.2.1")).as("a token from there").contains(WINDOW);
		assertThat(check("someone-new", "192.0.2.2")).isEmpty();
		this.clock.advance(WINDOW);
		assertThat(check("someone-new", "192.0.2.1")).isEmpty();
	}

	@Test
	void successClearsTheNameButNotTheAddress() {
		for (int i = 0; i < 4; i++) {
			this.throttle.failed("alice", "192.0.2.1");
		}
		this.throttle.succeeded("alice");
		for (int i = 0; i < 4; i++) {
			this.throttle.failed("alice", "192.0.2.1");
		}
		assertThat(check("alice", "192.0.2.3")).isEmpty();
		for (int i = 0; i < 12; i++) {
			this.throttle.failed("x" + i, "192.0.2.1");
		}
		assertThat(check("alice", "192.0.2.1")).as("20 from the address").isPresent();
	}

	@Test
	void tokenFailuresCountForTheAddressOnly() {
		for (int i = 0; i < 20; i++) {
			this.throttle.failed(null, "192.0.2.9");
		}
		assertThat(check(null, "192.0.2.9")).isPresent();
		assertThat(check("alice", "192.0.2.10")).isEmpty();
	}

	@Test
	void remembersABoundedNumberOfNamesAndKeepsTheOneUnderAttack() {
		this.throttle = throttle(1000);
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("admin", "192.0.2.1");
		}
		for (int i = 0; i < 50_000; i++) {
			this.throttle.failed("sprayed-" + i, "10.0." + (i / 256 % 256) + "." + (i % 256));
		}
		assertThat(check("admin", "192.0.2.77")).as("the attacked name is still refused").isPresent();
		assertThat(remembered(this.throttle)).isLessThanOrEqualTo(2 * 1000);
	}

	@Test
	void cutsOverlongNamesShort() {
		String huge = "x".repeat(1_000_000);
		for (int i = 0; i < 5; i++) {
			this.throttle.failed(huge + i, "192.0.2.1");
		}
		assertThat(check(huge, "192.0.2.2")).as("all share one cut name").isPresent();
		assertThat(check("x".repeat(64), "192.0.2.2")).as("no account's name").isEmpty();
	}

	@Test
	void countsAttemptsBeingCheckedSoThatParallelGuessesCannotSlipPast() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.throttle.begin("alice", "192.0.2." + i)).isEmpty();
		}
		assertThat(this.throttle.begin("alice", "192.0.2.9")).as("a sixth guess at once")
			.contains(Duration.ofSeconds(1));
		this.throttle.failed("alice", "192.0.2.0");
		this.throttle.end("alice", "192.0.2.0");
		assertThat(this.throttle.begin("alice", "192.0.2.9")).isPresent();
		for (int i = 1; i < 5; i++) {
			this.throttle.end("alice", "192.0.2." + i);
		}
		assertThat(check("alice", "192.0.2.9")).as("one failure, nothing being checked").isEmpty();
	}

	@Test
	void stopsCountingAnAttemptWhoseEndIsNeverReported() {
		for (int i = 0; i < 5; i++) {
			this.throttle.begin("alice", "192.0.2.1");
		}
		assertThat(check("alice", "192.0.2.1")).isPresent();
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(check("alice", "192.0.2.1")).isEmpty();
	}

	@Test
	void announcesEachThrottlingOnceAtWarnWithTheNameEncoded(CapturedOutput output) {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("mallory\nforged line", "192.0.2.1");
		}
		for (int i = 0; i < 3; i++) {
			assertThat(check("mallory\nforged line", "192.0.2.1")).isPresent();
		}
		assertThat(output.getAll()).contains("WARN")
			.contains("Throttled sign-ins as 'mallory\\nforged line' from '192.0.2.1': too many failed sign-ins"
					+ " for the name within 15 min; refused for 900 s")
			.doesNotContain("mallory\nforged");
		assertThat(output.getAll().split("Throttled sign-ins", -1)).as("logged once").hasSize(2);
		assertThat(this.announced).containsExactly(new SignInThrottled("mallory\nforged line", "192.0.2.1",
				"too many failed sign-ins for the name within 15 min", Duration.ofMinutes(15)));
	}

	@Test
	void announcesAgainWhenANameIsThrottledAfterItsWindowPassed() {
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 5; i++) {
				this.throttle.failed("alice", "192.0.2.1");
			}
			check("alice", "192.0.2.1");
			check("alice", "192.0.2.1");
			this.clock.advance(WINDOW.plusSeconds(1));
		}
		assertThat(this.announced).hasSize(2);
	}

	@Test
	void announcesTokenGuessingByAddressWithoutAName() {
		for (int i = 0; i < 20; i++) {
			assertThat(check(null, "192.0.2.9")).isEmpty();
			this.throttle.failed(null, "192.0.2.9");
		}
		assertThat(check(null, "192.0.2.9")).contains(WINDOW);
		assertThat(check("alice", "192.0.2.9")).as("a password from there too").contains(WINDOW);
		assertThat(this.announced).singleElement()
			.isEqualTo(new SignInThrottled(null, "192.0.2.9", "too many failed sign-ins from the address within 15 min",
					WINDOW));
	}

	/** An attempt that is let through and ends at once, or the time it must wait. */
	private Optional<Duration> check(String username, String address) {
		Optional<Duration> refusal = this.throttle.begin(username, address);
		if (refusal.isEmpty()) {
			this.throttle.end(username, address);
		}
		return refusal;
	}

	private static int remembered(SignInThrottle throttle) {
		return accountsOf(throttle).size() + addressesOf(throttle).size();
	}

	private static SignInThrottle.FailureLog accountsOf(SignInThrottle throttle) {
		return (SignInThrottle.FailureLog) org.springframework.test.util.ReflectionTestUtils.getField(throttle,
				"accounts");
	}

	private static SignInThrottle.FailureLog addressesOf(SignInThrottle throttle) {
		return (SignInThrottle.FailureLog) org.springframework.test.util.ReflectionTestUtils.getField(throttle,
				"addresses");
	}

}
