package org.smguard.account;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.smguard.system.ConflictException;
import org.smguard.system.NotFoundException;
import org.smguard.system.Role;
import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.ValidationException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link AccountApiController} behind the API filter chain: HTTP Basic against
 * real (in-memory) accounts, no CSRF token, problem responses.
 */
@WebMvcTest(AccountApiController.class)
@Import({ SecurityConfiguration.class, AccountApiControllerTests.Accounts.class })
class AccountApiControllerTests {

	private static final Account BOB = new Account("bob", EnumSet.of(Role.EDITOR), true, true,
			Instant.parse("2025-03-04T05:06:07Z"));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private AccountService accounts;

	/** Accounts to sign in with; the passwords are BCrypt hashes as in the real store. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Accounts {

		@Bean
		UserDetailsService users() {
			BCryptPasswordEncoder fast = new BCryptPasswordEncoder(4);
			return new InMemoryUserDetailsManager(
					User.withUsername("root").password(fast.encode("admin pass")).roles("ADMIN").build(),
					User.withUsername("ed").password(fast.encode("editor pass")).roles("EDITOR").build(),
					User.withUsername("fresh")
						.password(fast.encode("one-time pass"))
						.authorities("ROLE_ADMIN", SecurityConfiguration.PASSWORD_CHANGE_REQUIRED)
						.build());
		}

	}

	@Test
	void anonymousGetsUnauthorizedProblemWithChallenge() throws Exception {
		this.mvc.perform(get("/api/v1/users"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Basic")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401));
		this.mvc.perform(post("/api/v1/users").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().exists(HttpHeaders.WWW_AUTHENTICATE));
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void wrongPasswordGetsUnauthorized() throws Exception {
		this.mvc.perform(get("/api/v1/users").with(httpBasic("root", "guess")))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void editorGetsForbiddenProblem() throws Exception {
		this.mvc.perform(get("/api/v1/users").with(httpBasic("ed", "editor pass")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(403));
		this.mvc
			.perform(post("/api/v1/users").with(httpBasic("ed", "editor pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"mallory\",\"password\":\"long enough\",\"roles\":[\"ADMIN\"]}"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(patch("/api/v1/users/root").with(httpBasic("ed", "editor pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"enabled\":false}"))
			.andExpect(status().isForbidden());
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void listsAccountsWithoutPasswords() throws Exception {
		given(this.accounts.list()).willReturn(List.of(BOB));
		String body = this.mvc.perform(get("/api/v1/users").with(httpBasic("root", "admin pass")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].username").value("bob"))
			.andExpect(jsonPath("$[0].roles[0]").value("EDITOR"))
			.andExpect(jsonPath("$[0].enabled").value(true))
			.andExpect(jsonPath("$[0].mustChangePassword").value(true))
			.andExpect(jsonPath("$[0].createdAt").value("2025-03-04T05:06:07Z"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(JSON.readTree(body).get(0).propertyNames()).containsExactlyInAnyOrder("username", "roles", "enabled",
				"mustChangePassword", "createdAt");
	}

	@Test
	void createsAccountWithBasicAuthAndNoCsrfToken() throws Exception {
		given(this.accounts.create("bob", "correct horse", Set.of(Role.EDITOR), true)).willReturn(BOB);
		String body = this.mvc
			.perform(post("/api/v1/users").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"username": "bob", "password": "correct horse", "roles": ["EDITOR"],
						 "mustChangePassword": true}
						"""))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/users/bob"))
			.andExpect(jsonPath("$.username").value("bob"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode created = JSON.readTree(body);
		assertThat(created.propertyNames()).containsExactlyInAnyOrder("username", "roles", "enabled",
				"mustChangePassword", "createdAt");
		assertThat(body).doesNotContain("correct horse").doesNotContain("$2");
		then(this.accounts).should().create("bob", "correct horse", Set.of(Role.EDITOR), true);
	}

	@Test
	void documentedBodyWithoutMustChangeCreatesUsableAccount() throws Exception {
		given(this.accounts.create("bob", "correct horse", Set.of(Role.VIEWER), false)).willReturn(BOB);
		this.mvc
			.perform(post("/api/v1/users").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"bob\",\"password\":\"correct horse\",\"roles\":[\"VIEWER\"]}"))
			.andExpect(status().isCreated());
		then(this.accounts).should().create("bob", "correct horse", Set.of(Role.VIEWER), false);
	}

	@Test
	void serviceRuleGetsBadRequestNamingField() throws Exception {
		given(this.accounts.create(any(), any(), any(), anyBoolean()))
			.willThrow(new ValidationException("username", "must be 1-32 characters"));
		this.mvc
			.perform(post("/api/v1/users").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"-bob\",\"password\":\"correct horse\",\"roles\":[\"VIEWER\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("username"))
			.andExpect(jsonPath("$.errors[0].message").value("must be 1-32 characters"));
	}

	@Test
	void unknownRoleGetsBadRequestNamingIt() throws Exception {
		this.mvc
			.perform(post("/api/v1/users").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"bob\",\"password\":\"correct horse\",\"roles\":[\"ROOT\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("roles[0]"));
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void unknownFieldGetsBadRequestNamingIt() throws Exception {
		this.mvc
			.perform(post("/api/v1/users").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"bob\",\"passwort\":\"correct horse\",\"roles\":[\"VIEWER\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("passwort"))
			.andExpect(jsonPath("$.errors[0].message").value("is not a known field"));
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void malformedJsonGetsBadRequestProblem() throws Exception {
		this.mvc
			.perform(post("/api/v1/users").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").exists());
	}

	@Test
	void duplicateNameGetsConflict() throws Exception {
		given(this.accounts.create(any(), any(), any(), anyBoolean()))
			.willThrow(new ConflictException("an account named 'bob' already exists"));
		this.mvc
			.perform(post("/api/v1/users").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"bob\",\"password\":\"correct horse\",\"roles\":[\"VIEWER\"]}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("an account named 'bob' already exists"));
	}

	@Test
	void patchChangesRolesOnly() throws Exception {
		given(this.accounts.update("bob", Set.of(Role.REVIEWER, Role.EDITOR), null)).willReturn(BOB);
		this.mvc
			.perform(patch("/api/v1/users/bob").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"roles\":[\"REVIEWER\",\"EDITOR\"]}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("bob"))
			.andExpect(jsonPath("$.password").doesNotExist());
		then(this.accounts).should().update("bob", Set.of(Role.REVIEWER, Role.EDITOR), null);
	}

	@Test
	void patchChangesEnabledOnly() throws Exception {
		given(this.accounts.update("bob", null, false)).willReturn(BOB);
		this.mvc
			.perform(patch("/api/v1/users/bob").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"enabled\":false}"))
			.andExpect(status().isOk());
		then(this.accounts).should().update("bob", null, false);
	}

	@Test
	void patchEnabledThatIsNoBooleanGetsBadRequest() throws Exception {
		this.mvc
			.perform(patch("/api/v1/users/bob").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"enabled\":\"no\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("enabled"));
		then(this.accounts).should(never()).update(any(), any(), any());
	}

	@Test
	void patchOfLastAdminGetsConflict() throws Exception {
		given(this.accounts.update("root", null, false))
			.willThrow(new ConflictException("'root' is the last enabled admin: make another admin first"));
		this.mvc
			.perform(patch("/api/v1/users/root").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"enabled\":false}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void unknownAccountGetsNotFoundProblem() throws Exception {
		given(this.accounts.get("nobody")).willThrow(new NotFoundException("no account named 'nobody'"));
		this.mvc.perform(get("/api/v1/users/nobody").with(httpBasic("root", "admin pass")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void accountThatMustChangePasswordCanOnlyChangeIt() throws Exception {
		this.mvc.perform(get("/api/v1/users").with(httpBasic("fresh", "one-time pass")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.title").value("Password change required"));
		this.mvc
			.perform(post("/api/v1/account/password").with(httpBasic("fresh", "one-time pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"currentPassword\":\"one-time pass\",\"newPassword\":\"my own pass\"}"))
			.andExpect(status().isNoContent());
		then(this.accounts).should().changeOwnPassword("one-time pass", "my own pass");
		then(this.accounts).should(never()).list();
	}

	@Test
	void apiSetsNoSessionCookie() throws Exception {
		given(this.accounts.list()).willReturn(List.of());
		this.mvc.perform(get("/api/v1/users").with(httpBasic("root", "admin pass")))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE));
	}

}
