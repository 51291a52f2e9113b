package org.smguard.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.smguard.system.BearerTokenAuthenticator;
import org.smguard.system.NotFoundException;
import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.ValidationException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link ApiTokenApiController} behind the API filter chain: HTTP Basic against
 * in-memory accounts, bearer tokens through a stand-in authenticator, no CSRF token,
 * problem responses, and never a token or hash in a listing.
 */
@WebMvcTest(ApiTokenApiController.class)
@Import({ SecurityConfiguration.class, ApiTokenApiControllerTests.Accounts.class })
class ApiTokenApiControllerTests {

	private static final String GOOD_TOKEN = "smg_good";

	private static final String MUST_CHANGE_TOKEN = "smg_must-change";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant CREATED = Instant.parse("2025-06-01T12:00:00Z");

	private static final ApiToken CI = new ApiToken(7, "ed", "ci", CREATED, Instant.parse("2025-07-01T00:00:00Z"),
			Instant.parse("2025-06-02T08:30:00Z"));

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ApiTokenService tokens;

	/** Accounts for HTTP Basic, and the tokens the stand-in authenticator knows. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Accounts {

		@Bean
		UserDetailsService users() {
			BCryptPasswordEncoder fast = new BCryptPasswordEncoder(4);
			return new InMemoryUserDetailsManager(
					User.withUsername("root").password(fast.encode("admin pass")).roles("ADMIN").build(),
					User.withUsername("ed").password(fast.encode("editor pass")).roles("EDITOR").build());
		}

		@Bean
		BearerTokenAuthenticator bearerTokens() {
			return (token) -> switch (token) {
				case GOOD_TOKEN ->
					Optional.of(new ApiTokenAuthentication("ed", 7, AuthorityUtils.createAuthorityList("ROLE_EDITOR")));
				case MUST_CHANGE_TOKEN -> Optional.of(new ApiTokenAuthentication("ed", 8, AuthorityUtils
					.createAuthorityList("ROLE_EDITOR", SecurityConfiguration.PASSWORD_CHANGE_REQUIRED)));
				default -> Optional.empty();
			};
		}

	}

	@Test
	void anonymousGetsUnauthorizedProblem() throws Exception {
		this.mvc.perform(get("/api/v1/tokens"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Basic")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		then(this.tokens).shouldHaveNoInteractions();
	}

	@Test
	void badTokenGetsUnauthorizedProblemWithBearerChallenge() throws Exception {
		this.mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer smg_" + "x".repeat(43)))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401));
		then(this.tokens).shouldHaveNoInteractions();
	}

	@Test
	void listsOwnTokensWithoutTokenOrHash() throws Exception {
		given(this.tokens.mine()).willReturn(List.of(CI));
		given(this.tokens.now()).willReturn(CREATED);
		String body = this.mvc.perform(get("/api/v1/tokens").with(editor()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value(7))
			.andExpect(jsonPath("$[0].name").value("ci"))
			.andExpect(jsonPath("$[0].owner").value("ed"))
			.andExpect(jsonPath("$[0].createdAt").value("2025-06-01T12:00:00Z"))
			.andExpect(jsonPath("$[0].expiresAt").value("2025-07-01T00:00:00Z"))
			.andExpect(jsonPath("$[0].lastUsedAt").value("2025-06-02T08:30:00Z"))
			.andExpect(jsonPath("$[0].expired").value(false))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(JSON.readTree(body).get(0).propertyNames()).containsExactlyInAnyOrder("id", "name", "owner",
				"createdAt", "expiresAt", "lastUsedAt", "expired");
	}

	@Test
	void marksExpiredTokens() throws Exception {
		given(this.tokens.mine()).willReturn(List.of(CI));
		given(this.tokens.now()).willReturn(CI.expiresAt());
		this.mvc.perform(get("/api/v1/tokens").with(editor())).andExpect(jsonPath("$[0].expired").value(true));
	}

	@Test
	void listsAnotherAccountsOrAllTokensThroughTheService() throws Exception {
		given(this.tokens.of("ed")).willReturn(List.of(CI));
		given(this.tokens.all()).willReturn(List.of(CI, CI));
		given(this.tokens.now()).willReturn(CREATED);
		this.mvc.perform(get("/api/v1/tokens?user=ed").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1));
		this.mvc.perform(get("/api/v1/tokens?all=true").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(2));
	}

	@Test
	void refusedListOfAnotherAccountIsForbiddenProblem() throws Exception {
		given(this.tokens.of("root")).willThrow(new AccessDeniedException("only admins"));
		this.mvc.perform(get("/api/v1/tokens?user=root").with(editor()))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void makesTokenWithBasicAndNoCsrfTokenShowingItOnce() throws Exception {
		Instant expiry = Instant.parse("2025-07-01T00:00:00Z");
		given(this.tokens.create("ci", expiry)).willReturn(new NewApiToken(CI, GOOD_TOKEN));
		this.mvc
			.perform(post("/api/v1/tokens").with(editor())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"ci\", \"expiresAt\": \"2025-07-01T02:00:00+02:00\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/tokens/7"))
			.andExpect(jsonPath("$.id").value(7))
			.andExpect(jsonPath("$.name").value("ci"))
			.andExpect(jsonPath("$.token").value(GOOD_TOKEN))
			.andExpect(jsonPath("$.expiresAt").value("2025-07-01T00:00:00Z"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("no-store")));
		then(this.tokens).should().create("ci", expiry);
	}

	@Test
	void makesTokenWithoutExpiryWhenLeftOut() throws Exception {
		given(this.tokens.create("ci", null)).willReturn(new NewApiToken(CI, GOOD_TOKEN));
		this.mvc
			.perform(post("/api/v1/tokens").with(editor())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"ci\"}"))
			.andExpect(status().isCreated());
		then(this.tokens).should().create("ci", null);
	}

	@Test
	void tokenCannotMakeTokens() throws Exception {
		this.mvc
			.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + GOOD_TOKEN)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"successor\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Password required"));
		then(this.tokens).should(never()).create(any(), any());
	}

	@Test
	void tokenListsAndRevokes() throws Exception {
		given(this.tokens.mine()).willReturn(List.of(CI));
		given(this.tokens.now()).willReturn(CREATED);
		this.mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + GOOD_TOKEN))
			.andExpect(status().isOk());
		this.mvc.perform(delete("/api/v1/tokens/7").header(HttpHeaders.AUTHORIZATION, "Bearer " + GOOD_TOKEN))
			.andExpect(status().isNoContent());
		then(this.tokens).should().revoke(7);
	}

	@Test
	void tokenOfAnAccountThatMustChangeItsPasswordIsConfined() throws Exception {
		this.mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + MUST_CHANGE_TOKEN))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.title").value("Password change required"));
		then(this.tokens).shouldHaveNoInteractions();
	}

	@Test
	void badExpiryIsRefusedNamingTheField() throws Exception {
		this.mvc
			.perform(post("/api/v1/tokens").with(editor())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"ci\", \"expiresAt\": \"2025-07-01\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("expiresAt"))
			.andExpect(jsonPath("$.errors[0].message")
				.value("must be a date and time with an offset, such as 2026-12-31T00:00:00Z"));
		then(this.tokens).should(never()).create(any(), any());
	}

	@Test
	void serviceRuleIsRefusedNamingTheField() throws Exception {
		given(this.tokens.create("", null)).willThrow(new ValidationException(ApiTokenService.NAME, "is required"));
		this.mvc
			.perform(post("/api/v1/tokens").with(editor())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(jsonPath("$.errors[0].message").value("is required"));
	}

	@Test
	void unknownFieldIsRefused() throws Exception {
		this.mvc
			.perform(post("/api/v1/tokens").with(editor())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"ci\", \"owner\": \"root\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("owner"));
		then(this.tokens).should(never()).create(any(), any());
	}

	@Test
	void revokesWithBasicAndNoCsrfToken() throws Exception {
		this.mvc.perform(delete("/api/v1/tokens/7").with(editor())).andExpect(status().isNoContent());
		then(this.tokens).should().revoke(7);
	}

	@Test
	void anotherUsersTokenIsNotFound() throws Exception {
		given(this.tokens.revoke(9)).willThrow(new NotFoundException("no API token with id 9"));
		given(this.tokens.get(9)).willThrow(new NotFoundException("no API token with id 9"));
		this.mvc.perform(delete("/api/v1/tokens/9").with(editor()))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("no API token with id 9"));
		this.mvc.perform(get("/api/v1/tokens/9").with(editor())).andExpect(status().isNotFound());
	}

	private static RequestPostProcessor editor() {
		return httpBasic("ed", "editor pass");
	}

	private static RequestPostProcessor admin() {
		return httpBasic("root", "admin pass");
	}

}
