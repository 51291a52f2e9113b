package org.smguard.bundle;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * What the console tells a host about its policy at one moment: the version that is
 * current ({@code 0} when none is published yet), when that was said and until when the
 * host may believe it. A host that keeps being handed a statement past its expiry, for
 * another policy or naming a version below the one it runs is being frozen, mixed up or
 * rolled back by whoever sits between it and the console.
 * <p>
 * The signature covers {@link #text()}: five lines a shell script can read without a JSON
 * parser. Times are UTC to the second ({@code 2026-12-02T06:00:00Z}), so that they also
 * compare as text.
 */
public record FreshnessStatement(String policy, int version, Instant issuedAt, Instant expiresAt) {

	static final String FORMAT_LINE = "smguard-freshness 1";

	private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	public FreshnessStatement {
		issuedAt = issuedAt.truncatedTo(ChronoUnit.SECONDS);
		expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
	}

	/** The signed form. */
	public String text() {
		return FORMAT_LINE + "\npolicy=" + this.policy + "\nversion=" + this.version + "\nissued-at="
				+ UTC_SECONDS.format(this.issuedAt) + "\nexpires-at=" + UTC_SECONDS.format(this.expiresAt) + "\n";
	}

	byte[] bytes() {
		return text().getBytes(StandardCharsets.US_ASCII);
	}

	/** A time in the statement's own format. */
	static String utc(Instant instant) {
		return UTC_SECONDS.format(instant);
	}

}
