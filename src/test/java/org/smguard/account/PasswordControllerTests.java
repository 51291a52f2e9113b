package org.smguard.account;

import org.junit.jupiter.api.Test;

import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.ValidationException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
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

/**
 * Tests for {@link PasswordController}: changing one's own password in the browser.
 */
@WebMvcTest(controllers = PasswordController.class,
		excludeAutoConfiguration = UserDetailsServiceAutoConfiguration.class)
@Import({ SecurityConfiguration.class, PasswordRules.class })
class PasswordControllerTests {

	private static final GrantedAuthority CHANGE_REQUIRED = new SimpleGrantedAuthority(
			SecurityConfiguration.PASSWORD_CHANGE_REQUIRED);

	private static final GrantedAuthority VIEWER = new SimpleGrantedAuthority("ROLE_VIEWER");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private AccountService accounts;

	@MockitoBean
	private AccountUserDetailsService userDetails;

	@Test
	void sendsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get("/account/password")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void explainsWhyPageIsShownWhenChangeIsRequired() throws Exception {
		this.mvc.perform(get("/account/password").with(user("alice").authorities(VIEWER, CHANGE_REQUIRED)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"change-required\"")));
	}

	@Test
	void showsNoExplanationForVoluntaryChange() throws Exception {
		this.mvc.perform(get("/account/password").with(user("alice").authorities(VIEWER)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"change-required\""))));
	}

	@Test
	void confinesAccountThatMustChangeToThisPage() throws Exception {
		this.mvc.perform(get("/policies").with(user("alice").authorities(VIEWER, CHANGE_REQUIRED)))
			.andExpect(redirectedUrl("/account/password"));
	}

	@Test
	void refusesChangeWithoutCsrfToken() throws Exception {
		this.mvc
			.perform(post("/account/password").with(user("alice").authorities(VIEWER))
				.param("currentPassword", "old password")
				.param("newPassword", "new password")
				.param("repeatPassword", "new password"))
			.andExpect(status().isForbidden());
		then(this.accounts).should(never()).changeOwnPassword(any(), any());
	}

	@Test
	void rejectsRepeatThatDiffersBesideRepeatField() throws Exception {
		this.mvc
			.perform(post("/account/password").with(user("alice").authorities(VIEWER))
				.with(csrf())
				.param("currentPassword", "old password")
				.param("newPassword", "new password")
				.param("repeatPassword", "new passwort"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("form", "repeatPassword", "mismatch"))
			.andExpect(content().string(containsString("does not match the new password")))
			.andExpect(content().string(not(containsString("new passwort"))));
		then(this.accounts).should(never()).changeOwnPassword(any(), any());
	}

	@Test
	void showsWrongCurrentPasswordBesideItsField() throws Exception {
		willThrow(new ValidationException("currentPassword", "is not your current password")).given(this.accounts)
			.changeOwnPassword("wrong password", "new password");
		this.mvc
			.perform(post("/account/password").with(user("alice").authorities(VIEWER, CHANGE_REQUIRED))
				.with(csrf())
				.param("currentPassword", "wrong password")
				.param("newPassword", "new password")
				.param("repeatPassword", "new password"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "currentPassword"))
			.andExpect(content().string(containsString("is not your current password")))
			.andExpect(content().string(containsString("id=\"change-required\"")));
	}

	@Test
	void replacesSessionAuthenticationAfterRequiredChange() throws Exception {
		given(this.userDetails.loadUserByUsername("alice"))
			.willReturn(User.withUsername("alice").password("$2a$10$hash").roles("VIEWER").build());
		MvcResult result = this.mvc
			.perform(post("/account/password").with(user("alice").authorities(VIEWER, CHANGE_REQUIRED))
				.with(csrf())
				.param("currentPassword", "one-time password")
				.param("newPassword", "my own password")
				.param("repeatPassword", "my own password"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/policies"))
			.andExpect(flash().attribute("message", "Your password has been changed."))
			.andReturn();
		then(this.accounts).should().changeOwnPassword("one-time password", "my own password");

		MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
		assertThat(session).isNotNull();
		SecurityContext context = (SecurityContext) session
			.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		Authentication authentication = context.getAuthentication();
		assertThat(authentication.getName()).isEqualTo("alice");
		assertThat(authentication.isAuthenticated()).isTrue();
		assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_VIEWER");
		assertThat(authentication.getCredentials()).isNull();
		assertThat(((User) authentication.getPrincipal()).getPassword()).isNull();

		// The next request of the same session is no longer confined to the password
		// page.
		this.mvc.perform(get("/account/password").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"change-required\""))));
		this.mvc.perform(get("/policies").session(session)).andExpect(status().isNotFound());
	}

}
