package org.smguard.bundle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Issues signed freshness statements ({@link FreshnessStatement}), valid for
 * {@code smguard.hosts.freshness-validity} (24 hours unless configured).
 */
@Component
public class Freshness {

	private final SigningKey key;

	private final Clock clock;

	private final Duration validity;

	Freshness(SigningKey key, Clock clock, @Value("${smguard.hosts.freshness-validity:24h}") Duration validity) {
		if (validity.isNegative() || validity.isZero()) {
			throw new IllegalArgumentException("smguard.hosts.freshness-validity must be positive, not " + validity);
		}
		this.key = key;
		this.clock = clock;
		this.validity = validity;
	}

	/**
	 * A statement that {@code version} (0: none) is the current version of
	 * {@code policy}.
	 */
	public SignedFreshness issue(String policy, int version) {
		Instant now = this.clock.instant();
		return sign(new FreshnessStatement(policy, version, now, now.plus(this.validity)));
	}

	SignedFreshness sign(FreshnessStatement statement) {
		return new SignedFreshness(statement, Base64.getEncoder().encodeToString(this.key.sign(statement.bytes())),
				statement.text());
	}

}
