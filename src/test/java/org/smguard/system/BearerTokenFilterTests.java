package org.smguard.system;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.smguard.testing.MovableClock;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BearerTokenFilter}: a request without a token goes on untouched, a good token
 * signs the request in, and every bad one gets the same 401.
 */
class BearerTokenFilterTests {

	private static final Authentication DORA = new TestingAuthenticationToken("dora", null, "ROLE_VIEWER");

	private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));

	private final SignInThrottle throttle = new SignInThrottle(
			new SignInProperties(Duration.ofMinutes(15), 5, 20, 1000, List.of()), this.clock, (event) -> {
			});

	private final AtomicInteger lookups = new AtomicInteger();

	private final BearerTokenFilter filter = new BearerTokenFilter((token) -> {
		this.lookups.incrementAndGet();
		return token.equals("good") ? Optional.of(DORA) : Optional.empty();
	}, this.throttle, new ClientAddresses(List.of()));

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void passesRequestsWithoutBearerTokenOn() throws Exception {
		for (String header : new String[] { null, "Basic ZG9yYTpzZWNyZXQ=", "Bearerish good" }) {
			MockFilterChain chain = new MockFilterChain();
			MockHttpServletResponse response = filter(header, chain);
			assertThat(chain.getRequest()).as("%s", header).isNotNull();
			assertThat(response.getStatus()).isEqualTo(HttpServletResponse.SC_OK);
			assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
		}
	}

	@Test
	void signsInWithAGoodTokenInAnyCaseOfTheScheme() throws Exception {
		for (String header : new String[] { "Bearer good", "bearer good", "BEARER   good" }) {
			MockFilterChain chain = new MockFilterChain();
			filter(header, chain);
			assertThat(chain.getRequest()).as("%s", header).isNotNull();
			assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(DORA);
			SecurityContextHolder.clearContext();
		}
	}

	@Test
	void answersEveryBadTokenWithTheSameProblem() throws Exception {
		for (String header : new String[] { "Bearer bad", "Bearer", "Bearer ", "bearer good-but-not-quite" }) {
			MockFilterChain chain = new MockFilterChain();
			MockHttpServletResponse response = filter(header, chain);
			assertThat(chain.getRequest()).as("%s reaches nothing", header).isNull();
			assertThat(response.getStatus()).isEqualTo(HttpServletResponse.SC_UNAUTHORIZED);
			assertThat(response.getContentType()).isEqualTo("application/problem+json");
			assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE))
				.isEqualTo("Bearer realm=\"smguard\", error=\"invalid_token\"");
			assertThat(response.getContentAsString()).isEqualTo(BearerTokenFilter.INVALID_TOKEN);
			assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
		}
	}

	@Test
	void throttlesTokenGuessingFromAnAddressBeforeAnyLookup() throws Exception {
		for (int i = 0; i < 20; i++) {
			assertThat(filter("Bearer guess-" + i, new MockFilterChain()).getStatus()).isEqualTo(401);
		}
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse refused = filter("Bearer good", chain);
		assertThat(refused.getStatus()).as("even a good token, from that address").isEqualTo(429);
		assertThat(refused.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("900");
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(chain.getRequest()).isNull();
		assertThat(this.lookups).as("no lookup for the refused call").hasValue(20);
		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		assertThat(filter("Bearer good", new MockFilterChain()).getStatus()).isEqualTo(200);
	}

	@Test
	void goodTokensDoNotCountAsFailures() throws Exception {
		for (int i = 0; i < 50; i++) {
			assertThat(filter("Bearer good", new MockFilterChain()).getStatus()).isEqualTo(200);
			SecurityContextHolder.clearContext();
		}
	}

	private MockHttpServletResponse filter(String authorization, MockFilterChain chain) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/policies");
		if (authorization != null) {
			request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, chain);
		return response;
	}

}
