package org.smguard.account;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.system.NotFoundException;
import org.smguard.system.SecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link ApiTokenAdminController}: every account's tokens, for admins only.
 */
@WebMvcTest(ApiTokenAdminController.class)
@Import(SecurityConfiguration.class)
class ApiTokenAdminControllerTests {

	private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

	private static final ApiToken ALICES = new ApiToken(7, "alice", "nightly export", NOW, null, null);

	private static final ApiToken BOBS = new ApiToken(8, "bob", "deploy", NOW, null, NOW);

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ApiTokenService tokens;

	@BeforeEach
	void tokens() {
		given(this.tokens.now()).willReturn(NOW);
		given(this.tokens.all()).willReturn(List.of(ALICES, BOBS));
		given(this.tokens.of("bob")).willReturn(List.of(BOBS));
	}

	@Test
	void sendsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get("/admin/tokens")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void refusesEditor() throws Exception {
		this.mvc.perform(get("/admin/tokens").with(user("ed").roles("EDITOR"))).andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/tokens/7/revoke").with(user("ed").roles("EDITOR")).with(csrf()))
			.andExpect(status().isForbidden());
		then(this.tokens).shouldHaveNoInteractions();
	}

	@Test
	void listsEveryAccountsTokens() throws Exception {
		this.mvc.perform(get("/admin/tokens").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("nightly export")))
			.andExpect(content().string(containsString(">bob</a>")))
			.andExpect(content().string(containsString("deploy")));
	}

	@Test
	void listsOneAccountsTokens() throws Exception {
		this.mvc.perform(get("/admin/tokens").param("user", "bob").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("deploy")))
			.andExpect(content().string(not(containsString("nightly export"))));
	}

	@Test
	void unknownAccountIsNotFound() throws Exception {
		given(this.tokens.of("nobody")).willThrow(new NotFoundException("no account named 'nobody'"));
		this.mvc.perform(get("/admin/tokens").param("user", "nobody").with(admin())).andExpect(status().isNotFound());
	}

	@Test
	void revokesAndReturnsToTheSameAccount() throws Exception {
		given(this.tokens.revoke(8)).willReturn(BOBS);
		this.mvc.perform(post("/admin/tokens/8/revoke").param("user", "bob").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/tokens?user=bob"))
			.andExpect(flash().attribute("message", "Revoked token deploy of bob: it no longer works."));
	}

	@Test
	void refusesRevokeWithoutCsrfToken() throws Exception {
		this.mvc.perform(post("/admin/tokens/8/revoke").with(admin())).andExpect(status().isForbidden());
		then(this.tokens).should(never()).revoke(8);
	}

	private static RequestPostProcessor admin() {
		return user("root").roles("ADMIN");
	}

}
