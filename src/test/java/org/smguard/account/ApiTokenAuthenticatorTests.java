package org.smguard.account;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.system.SecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ApiTokenAuthenticator} and {@link ApiTokenStore} against the real Flyway schema
 * on H2, with a clock the test moves: a token authenticates with its owner's roles of the
 * moment, stops at its expiry and while the owner is disabled, and records its last use
 * at most once a minute.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ ApiTokenStore.class, ApiTokenAuthenticator.class, ApiTokenAuthenticatorTests.Clocks.class })
class ApiTokenAuthenticatorTests {

	private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		MovableClock clock() {
			return new MovableClock();
		}

	}

	@Autowired
	private ApiTokenAuthenticator authenticator;

	@Autowired
	private ApiTokenStore store;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MovableClock clock;

	@BeforeEach
	void account() {
		this.clock.now = START;
		this.jdbc
			.sql("INSERT INTO account (username, password_hash, enabled, must_change_password, created_at)"
					+ " VALUES ('carol', 'unused', TRUE, FALSE, ?)")
			.param(START.atOffset(ZoneOffset.UTC))
			.update();
		role("EDITOR");
	}

	@Test
	void authenticatesWithTheOwnersRolesAndTheBearerFactor() {
		String token = token(null);
		Authentication authentication = this.authenticator.authenticate(token).orElseThrow();
		assertThat(authentication.getName()).isEqualTo("carol");
		assertThat(authentication.isAuthenticated()).isTrue();
		assertThat(authentication.getCredentials()).isNull();
		assertThat(authorities(authentication)).containsExactlyInAnyOrder("ROLE_EDITOR", "FACTOR_BEARER");
	}

	@Test
	void readsTheRolesAtEveryRequest() {
		String token = token(null);
		role("REVIEWER");
		assertThat(authorities(this.authenticator.authenticate(token).orElseThrow())).contains("ROLE_EDITOR",
				"ROLE_REVIEWER");
		this.jdbc.sql("DELETE FROM account_role WHERE username = 'carol' AND role = 'EDITOR'").update();
		assertThat(authorities(this.authenticator.authenticate(token).orElseThrow())).doesNotContain("ROLE_EDITOR")
			.contains("ROLE_REVIEWER");
	}

	@Test
	void confinesAnOwnerWhoMustChangeThePassword() {
		String token = token(null);
		this.jdbc.sql("UPDATE account SET must_change_password = TRUE WHERE username = 'carol'").update();
		assertThat(authorities(this.authenticator.authenticate(token).orElseThrow()))
			.contains(SecurityConfiguration.PASSWORD_CHANGE_REQUIRED);
	}

	@Test
	void refusesWhileTheOwnerIsDisabled() {
		String token = token(null);
		this.jdbc.sql("UPDATE account SET enabled = FALSE WHERE username = 'carol'").update();
		assertThat(this.authenticator.authenticate(token)).isEmpty();
		this.jdbc.sql("UPDATE account SET enabled = TRUE WHERE username = 'carol'").update();
		assertThat(this.authenticator.authenticate(token)).isPresent();
	}

	@Test
	void worksUntilItsExpiryAndNotFromThenOn() {
		String token = token(START.plus(Duration.ofHours(1)));
		this.clock.now = START.plus(Duration.ofHours(1)).minusNanos(1000);
		assertThat(this.authenticator.authenticate(token)).isPresent();
		this.clock.now = START.plus(Duration.ofHours(1));
		assertThat(this.authenticator.authenticate(token)).isEmpty();
		this.clock.now = START.plus(Duration.ofDays(400));
		assertThat(this.authenticator.authenticate(token)).isEmpty();
	}

	@Test
	void refusesARevokedTokenAndUnknownOrMalformedText() {
		String token = token(null);
		long id = this.store.findByOwner("carol").get(0).id();
		assertThat(this.store.delete(id)).isTrue();
		assertThat(this.authenticator.authenticate(token)).isEmpty();
		assertThat(this.authenticator.authenticate(ApiTokenSecret.generate())).isEmpty();
		assertThat(this.authenticator.authenticate("")).isEmpty();
		assertThat(this.authenticator.authenticate(token.substring(4))).isEmpty();
		assertThat(this.authenticator.authenticate(token + "x")).isEmpty();
	}

	@Test
	void recordsTheLastUseAtMostOnceAMinute() {
		String token = token(null);
		assertThat(lastUsed()).isEmpty();
		this.authenticator.authenticate(token);
		assertThat(lastUsed()).contains(START);

		this.clock.now = START.plusSeconds(59);
		this.authenticator.authenticate(token);
		assertThat(lastUsed()).as("within the minute: no write").contains(START);

		this.clock.now = START.plusSeconds(61);
		this.authenticator.authenticate(token);
		assertThat(lastUsed()).contains(START.plusSeconds(61));
	}

	@Test
	void findsTheTokenByItsHashOnly() {
		String token = token(null);
		String stored = this.jdbc.sql("SELECT token_hash FROM api_token").query(String.class).single();
		assertThat(stored).isEqualTo(ApiTokenSecret.hash(token)).doesNotContain(token.substring(4));
		assertThat(this.authenticator.authenticate(stored)).isEmpty();
	}

	private String token(Instant expiresAt) {
		String token = ApiTokenSecret.generate();
		this.store.insert("carol", "token " + System.nanoTime(), ApiTokenSecret.hash(token), START, expiresAt);
		return token;
	}

	private void role(String role) {
		this.jdbc.sql("INSERT INTO account_role (username, role) VALUES ('carol', ?)").param(role).update();
	}

	private Optional<Instant> lastUsed() {
		return this.jdbc.sql("SELECT last_used_at FROM api_token")
			.query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
			.single()
			.map(OffsetDateTime::toInstant);
	}

	private static List<String> authorities(Authentication authentication) {
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

	static final class MovableClock extends Clock {

		private Instant now = START;

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
