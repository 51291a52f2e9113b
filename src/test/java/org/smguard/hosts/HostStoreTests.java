package org.smguard.hosts;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HostStore} and {@link HostTokenAuthenticator} against the real Flyway schema on
 * H2, with a clock the test moves: a page of hosts carries each one's policy's published
 * version, a token finds its host until it is rotated or the host revoked, and "last
 * asked" is written at most once a minute unless the address changes.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ HostStore.class, HostTokenAuthenticator.class, HostStoreTests.Clocks.class })
@RecordApplicationEvents
class HostStoreTests {

	private static final Instant START = Instant.parse("2026-12-02T06:00:00Z");

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
	private HostStore store;

	@Autowired
	private HostTokenAuthenticator authenticator;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MovableClock clock;

	@Autowired
	private ApplicationEvents events;

	private long gateways;

	private long lists;

	@BeforeEach
	void policies() {
		this.clock.now = START;
		this.gateways = policy("mx-gateways", 4);
		this.lists = policy("list-server", null);
	}

	@Test
	void pagesHostsByNameWithTheirPolicysPublishedVersion() {
		this.store.insert("mx2.example.org", this.gateways, HostTokenSecret.hash(HostTokenSecret.generate()), "root",
				START);
		this.store.insert("lists.example.org", this.lists, HostTokenSecret.hash(HostTokenSecret.generate()), "root",
				START);
		this.store.insert("mx1.example.org", this.gateways, HostTokenSecret.hash(HostTokenSecret.generate()), "root",
				START);
		assertThat(this.store.count()).isEqualTo(3);
		assertThat(this.store.page(0, 2)).extracting(Host::name)
			.containsExactly("lists.example.org", "mx1.example.org");
		Host last = this.store.page(2, 2).get(0);
		assertThat(last.name()).isEqualTo("mx2.example.org");
		assertThat(last.policy()).isEqualTo("mx-gateways");
		assertThat(last.currentVersion()).isEqualTo(4);
		assertThat(last.installedVersion()).isNull();
		assertThat(last.registeredAt()).isEqualTo(START);
		assertThat(this.store.find("lists.example.org").orElseThrow().currentVersion()).isNull();
	}

	@Test
	void findsTheHostByItsTokenUntilRotatedOrRevoked() {
		String token = HostTokenSecret.generate();
		this.store.insert("mx1.example.org", this.gateways, HostTokenSecret.hash(token), "root", START);
		HostAuthentication signedIn = this.authenticator.authenticate(token, "192.0.2.1").orElseThrow();
		assertThat(signedIn.getPrincipal().name()).isEqualTo("mx1.example.org");
		assertThat(signedIn.getPrincipal().policy()).isEqualTo("mx-gateways");
		assertThat(signedIn.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_HOST");
		assertThat(signedIn.getName()).isEqualTo("host:mx1.example.org");

		String rotated = HostTokenSecret.generate();
		assertThat(this.store.replaceToken("mx1.example.org", HostTokenSecret.hash(rotated), START)).isTrue();
		assertThat(this.authenticator.authenticate(token, "192.0.2.1")).isEmpty();
		assertThat(this.authenticator.authenticate(rotated, "192.0.2.1")).isPresent();
		assertThat(this.store.delete("mx1.example.org")).isTrue();
		assertThat(this.authenticator.authenticate(rotated, "192.0.2.1")).isEmpty();
		assertThat(this.authenticator.authenticate("smg_" + rotated.substring(4), "192.0.2.1")).isEmpty();
		assertThat(this.events.stream(AuthenticationFailureBadCredentialsEvent.class)).hasSize(3)
			.allSatisfy((event) -> assertThat(event.getAuthentication().getName())
				.isEqualTo(HostTokenAuthenticator.UNKNOWN));
	}

	@Test
	void writesLastAskedAtMostOnceAMinuteUnlessTheAddressChanges() {
		String token = HostTokenSecret.generate();
		this.store.insert("mx1.example.org", this.gateways, HostTokenSecret.hash(token), "root", START);
		this.authenticator.authenticate(token, "192.0.2.1");
		assertThat(asked()).isEqualTo(START + " 192.0.2.1");
		this.clock.now = START.plusSeconds(30);
		this.authenticator.authenticate(token, "192.0.2.1");
		assertThat(asked()).isEqualTo(START + " 192.0.2.1");
		this.authenticator.authenticate(token, "192.0.2.9");
		assertThat(asked()).isEqualTo(START.plusSeconds(30) + " 192.0.2.9");
		this.clock.now = START.plusSeconds(91);
		this.authenticator.authenticate(token, "192.0.2.9");
		assertThat(asked()).isEqualTo(START.plusSeconds(91) + " 192.0.2.9");
	}

	@Test
	void recordsTheInstalledVersion() {
		this.store.insert("mx1.example.org", this.gateways, HostTokenSecret.hash(HostTokenSecret.generate()), "root",
				START);
		long id = this.store.find("mx1.example.org").orElseThrow().id();
		assertThat(this.store.lockInstalled(id).orElseThrow().version()).isNull();
		this.store.recordInstalled(id, 4, START.plusSeconds(5));
		assertThat(this.store.lockInstalled(id).orElseThrow().version()).isEqualTo(4);
		Host host = this.store.find("mx1.example.org").orElseThrow();
		assertThat(host.installedAt()).isEqualTo(START.plusSeconds(5));
		assertThat(host.drift()).isFalse();
		assertThat(this.store.lockInstalled(id + 1000)).isEmpty();
	}

	private String asked() {
		Host host = this.store.find("mx1.example.org").orElseThrow();
		return host.lastAskedAt() + " " + host.lastAskedFrom();
	}

	private long policy(String name, Integer currentVersion) {
		this.jdbc.sql("INSERT INTO policy (name, description, current_version, created_at) VALUES (?, '', ?, ?)")
			.params(name, currentVersion, START.atOffset(ZoneOffset.UTC))
			.update();
		return this.jdbc.sql("SELECT id FROM policy WHERE name = ?").param(name).query(Long.class).single();
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
