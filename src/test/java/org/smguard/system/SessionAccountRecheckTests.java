package org.smguard.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the change stamps cannot see, a change made outside this process (by hand in the
 * database, or by another instance), reaches a session once the re-check interval has
 * passed.
 */
class SessionAccountRecheckTests {

	private static final Duration RECHECK = Duration.ofSeconds(10);

	private final MovableClock clock = new MovableClock();

	private final AtomicInteger lookups = new AtomicInteger();

	private final MockHttpSession session = new MockHttpSession();

	private UserDetails stored = User.withUsername("dora").password("unused").roles("EDITOR").build();

	private SessionAccountFilter filter;

	@BeforeEach
	void signIn() {
		this.filter = new SessionAccountFilter((username) -> {
			this.lookups.incrementAndGet();
			return this.stored;
		}, new AccountChanges(), this.clock, RECHECK);
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void trustsItsLastReadingWithinTheInterval() throws Exception {
		assertThat(request().getStatus()).isEqualTo(HttpServletResponse.SC_OK);
		this.clock.advance(RECHECK.minusSeconds(1));
		assertThat(request().getStatus()).isEqualTo(HttpServletResponse.SC_OK);
		assertThat(this.lookups).hasValue(1);
	}

	@Test
	void signsOutAnAccountDisabledElsewhereOnceTheIntervalHasPassed() throws Exception {
		request();
		this.stored = User.withUserDetails(this.stored).disabled(true).build();
		this.clock.advance(RECHECK.minusSeconds(1));
		assertThat(request().getStatus()).as("within the interval").isEqualTo(HttpServletResponse.SC_OK);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(request().getRedirectedUrl()).isEqualTo("/login?disabled");
		assertThat(this.lookups).hasValue(2);
	}

	@Test
	void readsTheAccountAgainWhenTheClockWentBack() throws Exception {
		request();
		this.clock.advance(Duration.ofSeconds(-1));
		request();
		assertThat(this.lookups).hasValue(2);
	}

	private MockHttpServletResponse request() throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("dora", null,
					AuthorityUtils.createAuthorityList("ROLE_EDITOR")));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/policies");
		request.setSession(this.session);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

	private static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2025-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

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
