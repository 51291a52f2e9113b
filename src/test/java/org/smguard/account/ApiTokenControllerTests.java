package org.smguard.account;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.system.NotFoundException;
import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Tests for {@link ApiTokenController}: the signed-in user's own token page.
 */
@WebMvcTest(ApiTokenController.class)
@Import(SecurityConfiguration.class)
class ApiTokenControllerTests {

	private static final String SECRET = "smg_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";

	private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

	private static final ApiToken CI = new ApiToken(7, "alice", "nightly export", NOW, null, null);

	private static final ApiToken OLD = new ApiToken(8, "alice", "old deploy", NOW.minusSeconds(86_400 * 40),
			NOW.minusSeconds(3600), NOW.minusSeconds(7200));

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ApiTokenService tokens;

	@BeforeEach
	void tokens() {
		given(this.tokens.now()).willReturn(NOW);
		given(this.tokens.mine()).willReturn(List.of(CI, OLD));
	}

	@Test
	void sendsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get("/account/tokens")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void acceptsNoBearerTokenForThePage() throws Exception {
		this.mvc.perform(get("/account/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + SECRET))
			.andExpect(redirectedUrl("/login"));
		then(this.tokens).shouldHaveNoInteractions();
	}

	@Test
	void listsOwnTokensWithTheirTimes() throws Exception {
		this.mvc.perform(get("/account/tokens").with(alice()))
			.andExpect(status().isOk())
			.andExpect(view().name(ApiTokenController.VIEW))
			.andExpect(content().string(containsString("nightly export")))
			.andExpect(content().string(containsString("2025-06-01 12:00")))
			.andExpect(content().string(containsString("2025-06-01 11:00 (expired)")))
			.andExpect(content().string(containsString("2025-06-01 10:00")))
			.andExpect(content().string(containsString("min=\"2025-06-02\"")))
			.andExpect(content().string(containsString("max=\"2026-06-01\"")))
			.andExpect(content().string(not(containsString("id=\"new-token\""))));
	}

	@Test
	void refusesCreateWithoutCsrfToken() throws Exception {
		this.mvc.perform(post("/account/tokens").with(alice()).param("name", "ci")).andExpect(status().isForbidden());
		then(this.tokens).should(never()).create(any(), any());
	}

	@Test
	void makesTokenAndHandsItToTheNextPageOnly() throws Exception {
		given(this.tokens.create("nightly export", null)).willReturn(new NewApiToken(CI, SECRET));
		this.mvc
			.perform(post("/account/tokens").with(alice())
				.with(csrf())
				.param("name", " nightly export ")
				.param("expiresOn", ""))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/account/tokens"))
			.andExpect(flash().attribute("newTokenSecret", SECRET))
			.andExpect(flash().attribute("newTokenName", "nightly export"));
		this.mvc
			.perform(get("/account/tokens").with(alice())
				.flashAttr("newTokenSecret", SECRET)
				.flashAttr("newTokenName", "nightly export"))
			.andExpect(content().string(containsString("id=\"new-token\"")))
			.andExpect(content().string(containsString(SECRET)))
			.andExpect(content().string(containsString("shown only this once")));
		this.mvc.perform(get("/account/tokens").with(alice())).andExpect(content().string(not(containsString(SECRET))));
	}

	@Test
	void expiryDayMeansMidnightUtc() throws Exception {
		Instant midnight = Instant.parse("2025-07-01T00:00:00Z");
		given(this.tokens.create("ci", midnight)).willReturn(new NewApiToken(CI, SECRET));
		this.mvc.perform(
				post("/account/tokens").with(alice()).with(csrf()).param("name", "ci").param("expiresOn", "2025-07-01"))
			.andExpect(redirectedUrl("/account/tokens"));
		then(this.tokens).should().create("ci", midnight);
	}

	@Test
	void rejectsDayThatIsNoDateBesideItsField() throws Exception {
		this.mvc
			.perform(post("/account/tokens").with(alice())
				.with(csrf())
				.param("name", "ci")
				.param("expiresOn", "next tuesday"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "expiresOn"))
			.andExpect(content().string(containsString("must be a day such as 2026-12-31")));
		then(this.tokens).should(never()).create(any(), any());
	}

	@Test
	void showsServiceRulesBesideTheirFields() throws Exception {
		given(this.tokens.create(any(), any()))
			.willThrow(new ValidationException(List.of(new Violation(ApiTokenService.NAME, "is required"),
					new Violation(ApiTokenService.EXPIRES_AT, "must be in the future"))));
		this.mvc.perform(
				post("/account/tokens").with(alice()).with(csrf()).param("name", "").param("expiresOn", "2025-01-01"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "name", "expiresOn"))
			.andExpect(content().string(containsString("is required")))
			.andExpect(content().string(containsString("must be in the future")))
			.andExpect(content().string(containsString("value=\"2025-01-01\"")));
	}

	@Test
	void showsTheTokenLimitAsErrorOfTheForm() throws Exception {
		given(this.tokens.create(any(), any())).willThrow(new ValidationException(ApiTokenService.TOKENS,
				"you hold 50 tokens, the most an account may hold (expired ones count): revoke one first"));
		this.mvc.perform(post("/account/tokens").with(alice()).with(csrf()).param("name", "one more"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasErrors("form"))
			.andExpect(content().string(containsString("Tokens: you hold 50 tokens")));
	}

	@Test
	void revokesWithCsrfToken() throws Exception {
		given(this.tokens.revoke(7)).willReturn(CI);
		this.mvc.perform(post("/account/tokens/7/revoke").with(alice()).with(csrf()))
			.andExpect(redirectedUrl("/account/tokens"))
			.andExpect(flash().attribute("message", "Revoked token nightly export: it no longer works."));
	}

	@Test
	void refusesRevokeWithoutCsrfToken() throws Exception {
		this.mvc.perform(post("/account/tokens/7/revoke").with(alice())).andExpect(status().isForbidden());
		then(this.tokens).should(never()).revoke(7);
	}

	@Test
	void anotherUsersTokenIsNotFound() throws Exception {
		given(this.tokens.revoke(9)).willThrow(new NotFoundException("no API token with id 9"));
		this.mvc.perform(post("/account/tokens/9/revoke").with(alice()).with(csrf())).andExpect(status().isNotFound());
	}

	private static RequestPostProcessor alice() {
		return user("alice").authorities(new SimpleGrantedAuthority("ROLE_VIEWER"),
				FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
	}

}
