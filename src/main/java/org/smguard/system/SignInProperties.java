package org.smguard.system;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sign-in throttle ({@code smguard.signin.*}).
 *
 * @param window how far back failed sign-ins count
 * @param accountFailures failed sign-ins for one user name within the window after which
 * further attempts for it are refused until the oldest of them leaves the window
 * @param addressFailures the same for one client address, across user names
 * @param tracked how many user names, and separately how many addresses, the throttle
 * remembers at most
 * @param trustedProxies addresses (or CIDR ranges) of reverse proxies whose
 * {@code X-Forwarded-For} names the client; from any other peer the header is ignored
 */
@ConfigurationProperties("smguard.signin")
public record SignInProperties(@DefaultValue("15m") Duration window, @DefaultValue("5") int accountFailures,
		@DefaultValue("20") int addressFailures, @DefaultValue("10000") int tracked,
		@DefaultValue List<String> trustedProxies) {

	public SignInProperties {
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("smguard.signin.window must be positive, not " + window);
		}
		if (accountFailures < 1 || addressFailures < 1 || tracked < 1) {
			throw new IllegalArgumentException(
					"smguard.signin.account-failures, address-failures and tracked must be at least 1");
		}
		trustedProxies = List.copyOf(trustedProxies);
	}

}
