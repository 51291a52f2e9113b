package org.smguard.system;

import java.time.Duration;

/**
 * A name or client address started to be refused by the sign-in throttle.
 *
 * @param username the name the refused attempt gave, or {@code null} (a token)
 * @param address the client's address
 * @param reason what was exceeded, in words
 * @param refusedFor how long the refusal lasts
 */
public record SignInThrottled(String username, String address, String reason, Duration refusedFor) {
}
