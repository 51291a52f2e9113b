package org.smguard.account;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.system.AccountPrincipal;
import org.smguard.system.ConflictException;
import org.smguard.system.NotFoundException;
import org.smguard.system.Role;
import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.ValidationException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Tests for the admin pages of {@link AccountController}.
 */
@WebMvcTest(controllers = AccountController.class, excludeAutoConfiguration = UserDetailsServiceAutoConfiguration.class)
@Import({ SecurityConfiguration.class, PasswordRules.class })
class AccountControllerTests {

	private static final Account ALICE = new Account("alice", EnumSet.of(Role.EDITOR), true, false,
			Instant.parse("2025-01-02T03:04:05Z"));

	private static final Account ADMIN = new Account("admin", EnumSet.of(Role.ADMIN), true, true,
			Instant.parse("2025-01-01T00:00:00Z"));

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private AccountService accounts;

	@MockitoBean
	private AccountUserDetailsService userDetails;

	@BeforeEach
	void accounts() {
		given(this.accounts.list()).willReturn(List.of(ADMIN, ALICE));
		given(this.accounts.get("alice")).willReturn(ALICE);
		given(this.accounts.get("admin")).willReturn(ADMIN);
	}

	@Test
	void sendsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get("/admin/users")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
	}

	@Test
	void refusesEditor() throws Exception {
		this.mvc.perform(get("/admin/users").with(user("ed").roles("EDITOR"))).andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/users").with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("username", "mallory")
				.param("password", "long enough")
				.param("roles", "ADMIN"))
			.andExpect(status().isForbidden());
		then(this.accounts).should(never()).create(any(), any(), any(), anyBoolean());
	}

	@Test
	void listsAccountsWithRolesStateAndCreationTime() throws Exception {
		this.mvc.perform(get("/admin/users").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(view().name(AccountController.LIST_VIEW))
			.andExpect(content().string(containsString("href=\"/admin/users/alice\"")))
			.andExpect(content().string(containsString("EDITOR")))
			.andExpect(content().string(containsString("2025-01-02 03:04")))
			.andExpect(content().string(matchesRegex("(?s).*<input type=\"checkbox\" value=\"VIEWER\"[^>]*checked.*")));
	}

	@Test
	void refusesCreateWithoutCsrfToken() throws Exception {
		this.mvc
			.perform(post("/admin/users").with(user("admin").roles("ADMIN"))
				.param("username", "bob")
				.param("password", "long enough")
				.param("roles", "EDITOR"))
			.andExpect(status().isForbidden());
		then(this.accounts).should(never()).create(any(), any(), any(), anyBoolean());
	}

	@Test
	void createsAccountAndRedirectsWithMessage() throws Exception {
		given(this.accounts.create(anyString(), anyString(), any(), anyBoolean()))
			.willReturn(new Account("bob", EnumSet.of(Role.EDITOR, Role.REVIEWER), true, true, Instant.now()));
		this.mvc
			.perform(post("/admin/users").with(user("admin").roles("ADMIN"))
				.with(csrf())
				.param("username", "bob")
				.param("password", "long enough")
				.param("roles", "EDITOR", "REVIEWER")
				.param("_roles", "on")
				.param("mustChangePassword", "true")
				.param("_mustChangePassword", "on"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/admin/users"))
			.andExpect(flash().attribute("message", "Created account bob."));
		then(this.accounts).should().create("bob", "long enough", EnumSet.of(Role.EDITOR, Role.REVIEWER), true);
	}

	@Test
	void createsAccountWithoutMustChangeWhenUnchecked() throws Exception {
		given(this.accounts.create(anyString(), anyString(), any(), anyBoolean()))
			.willReturn(new Account("bob", EnumSet.of(Role.VIEWER), true, false, Instant.now()));
		this.mvc
			.perform(post("/admin/users").with(user("admin").roles("ADMIN"))
				.with(csrf())
				.param("username", "bob")
				.param("password", "long enough")
				.param("roles", "VIEWER")
				.param("_mustChangePassword", "on"))
			.andExpect(status().isFound());
		then(this.accounts).should().create("bob", "long enough", EnumSet.of(Role.VIEWER), false);
	}

	@Test
	void showsServiceRuleBesideFieldWithoutEchoingPassword() throws Exception {
		given(this.accounts.create(anyString(), anyString(), any(), anyBoolean()))
			.willThrow(new ValidationException("password", "must be at least 12 characters"));
		this.mvc
			.perform(post("/admin/users").with(user("admin").roles("ADMIN"))
				.with(csrf())
				.param("username", "bob")
				.param("password", "short7!")
				.param("roles", "VIEWER"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(AccountController.LIST_VIEW))
			.andExpect(model().attributeHasFieldErrors("newAccount", "password"))
			.andExpect(content().string(containsString("must be at least 12 characters")))
			.andExpect(content().string(not(containsString("short7!"))));
	}

	@Test
	void showsTakenNameBesideUserName() throws Exception {
		given(this.accounts.create(anyString(), anyString(), any(), anyBoolean()))
			.willThrow(new ConflictException("an account named 'alice' already exists"));
		this.mvc
			.perform(post("/admin/users").with(user("admin").roles("ADMIN"))
				.with(csrf())
				.param("username", "alice")
				.param("password", "long enough")
				.param("roles", "VIEWER"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("newAccount", "username", "taken"))
			.andExpect(content().string(containsString("already exists")));
	}

	@Test
	void refusesOverlongUserNameBeforeCallingService() throws Exception {
		this.mvc
			.perform(post("/admin/users").with(user("admin").roles("ADMIN"))
				.with(csrf())
				.param("username", "a".repeat(65))
				.param("password", "long enough")
				.param("roles", "VIEWER"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("newAccount", "username"));
		then(this.accounts).should(never()).create(any(), any(), any(), anyBoolean());
	}

	@Test
	void showsAccountPageWithItsForms() throws Exception {
		this.mvc.perform(get("/admin/users/alice").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(view().name(AccountController.EDIT_VIEW))
			.andExpect(content().string(containsString("action=\"/admin/users/alice/roles\"")))
			.andExpect(content().string(containsString("action=\"/admin/users/alice/enabled\"")))
			.andExpect(content().string(containsString("action=\"/admin/users/alice/password\"")))
			.andExpect(content().string(matchesRegex("(?s).*<input type=\"checkbox\" value=\"EDITOR\"[^>]*checked.*")))
			.andExpect(content().string(containsString("Disable account")));
	}

	@Test
	void changesRoles() throws Exception {
		this.mvc
			.perform(post("/admin/users/alice/roles").with(user("admin").roles("ADMIN"))
				.with(csrf())
				.param("roles", "REVIEWER")
				.param("_roles", "on"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/admin/users/alice"))
			.andExpect(flash().attribute("message", "Changed the roles of alice."));
		then(this.accounts).should().update("alice", Set.of(Role.REVIEWER), null);
		then(this.userDetails).should(never()).loadUserByUsername("alice");
	}

	@Test
	void keepsTheSessionOfAnAdminWhoChangedTheirOwnRoles() throws Exception {
		// Read once as the session signed in, once after the change.
		given(this.userDetails.loadUserByUsername("admin")).willReturn(
				new AccountPrincipal("admin", "$2a$10$hash", true,
						AuthorityUtils.createAuthorityList("ROLE_ADMIN", "ROLE_EDITOR")),
				new AccountPrincipal("admin", "$2a$10$hash", true, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
		MvcResult result = this.mvc
			.perform(post("/admin/users/admin/roles").with(user("admin").roles("ADMIN", "EDITOR"))
				.with(csrf())
				.param("roles", "ADMIN")
				.param("_roles", "on"))
			.andExpect(redirectedUrl("/admin/users/admin"))
			.andReturn();
		SecurityContext context = (SecurityContext) result.getRequest()
			.getSession(false)
			.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		assertThat(context.getAuthentication().getPrincipal()).isInstanceOf(AccountPrincipal.class);
		assertThat(context.getAuthentication().getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_ADMIN");
	}

	@Test
	void showsNoRolesBesideRoles() throws Exception {
		given(this.accounts.update(eq("alice"), any(), isNull()))
			.willThrow(new ValidationException("roles", "must name at least one of [ADMIN, EDITOR, REVIEWER, VIEWER]"));
		this.mvc.perform(
				post("/admin/users/alice/roles").with(user("admin").roles("ADMIN")).with(csrf()).param("_roles", "on"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("rolesForm", "roles"))
			.andExpect(content().string(containsString("must name at least one of")));
		then(this.accounts).should().update("alice", Set.of(), null);
	}

	@Test
	void showsLastAdminConflictOnRolesForm() throws Exception {
		given(this.accounts.update(eq("admin"), any(), isNull()))
			.willThrow(new ConflictException("'admin' is the last enabled admin: make another admin first"));
		this.mvc
			.perform(post("/admin/users/admin/roles").with(user("admin").roles("ADMIN"))
				.with(csrf())
				.param("roles", "VIEWER")
				.param("_roles", "on"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(AccountController.EDIT_VIEW))
			.andExpect(model().attributeHasErrors("rolesForm"))
			.andExpect(content().string(containsString("is the last enabled admin")));
	}

	@Test
	void disablesAccount() throws Exception {
		this.mvc
			.perform(post("/admin/users/alice/enabled").with(user("admin").roles("ADMIN"))
				.with(csrf())
				.param("enabled", "false"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/admin/users/alice"))
			.andExpect(flash().attribute("message", "Disabled account alice."));
		then(this.accounts).should().update("alice", null, false);
	}

	@Test
	void showsRefusalToDisableYourself() throws Exception {
		given(this.accounts.update("admin", null, false))
			.willThrow(new ValidationException("enabled", "you cannot disable your own account"));
		this.mvc
			.perform(post("/admin/users/admin/enabled").with(user("admin").roles("ADMIN"))
				.with(csrf())
				.param("enabled", "false"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("statusForm", "enabled"))
			.andExpect(content().string(containsString("you cannot disable your own account")));
	}

	@Test
	void resetsPasswordWithMustChange() throws Exception {
		this.mvc
			.perform(post("/admin/users/alice/password").with(user("admin").roles("ADMIN"))
				.with(csrf())
				.param("password", "temporary pass")
				.param("mustChangePassword", "true")
				.param("_mustChangePassword", "on"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrlPattern("/admin/users/alice*"))
			.andExpect(
					flash().attribute("message", "Set a new password for alice; it must be changed at next sign-in."));
		then(this.accounts).should().resetPassword("alice", "temporary pass", true);
	}

	@Test
	void showsPasswordRuleBesideResetPassword() throws Exception {
		willThrow(new ValidationException("password", "must be at least 12 characters")).given(this.accounts)
			.resetPassword("alice", "short", false);
		this.mvc
			.perform(post("/admin/users/alice/password").with(user("admin").roles("ADMIN"))
				.with(csrf())
				.param("password", "short")
				.param("_mustChangePassword", "on"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("passwordForm", "password"))
			.andExpect(content().string(containsString("must be at least 12 characters")));
	}

	@Test
	void showsNotFoundPageForUnknownAccount() throws Exception {
		given(this.accounts.get("nobody")).willThrow(new NotFoundException("no account named 'nobody'"));
		this.mvc.perform(get("/admin/users/nobody").with(user("admin").roles("ADMIN")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("no account named")));
	}

}
