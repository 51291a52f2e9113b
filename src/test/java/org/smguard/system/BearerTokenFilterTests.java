package org.smguard.system;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

	private final BearerTokenFilter filter = new BearerTokenFilter(
			(token) -> token.equals("good") ? Optional.of(DORA) : Optional.empty());

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
