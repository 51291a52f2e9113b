package org.smguard.system;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.account.AccountService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A signed-in browser session follows its account at once, through the real security
 * chain, the real account store and the H2 schema: it ends when the account is disabled
 * or its roles or password change, except the session that changed its own password. The
 * periodic re-check is set far out of reach, so what applies a change here is the
 * account's change stamp; the account lookups are counted on the one way the filter
 * reaches the store.
 */
@SpringBootTest(properties = { "smguard.admin-password=session-operator-secret", "smguard.account-recheck=1h" })
@AutoConfigureMockMvc
class SessionAccountFilterTests {

	private static final String FIRST = "amber-lantern-orbit";

	private static final String SECOND = "violet-harbor-quill";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", () -> dataDir.toString());
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private AccountService accounts;

	@MockitoSpyBean
	private UserDetailsService userDetails;

	@AfterEach
	void clearAdmin() {
		SecurityContextHolder.clearContext();
	}

	private void asAdmin(Runnable action) {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("admin", null, "ROLE_ADMIN"));
		try {
			action.run();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private MockHttpSession signIn(String username, String password) throws Exception {
		return (MockHttpSession) this.mvc.perform(formLogin().user(username).password(password))
			.andExpect(redirectedUrl("/"))
			.andReturn()
			.getRequest()
			.getSession(false);
	}

	@Test
	void signsOutSessionOfAccountDisabledMeanwhile() throws Exception {
		asAdmin(() -> this.accounts.create("dora", FIRST, EnumSet.of(Role.EDITOR), false));
		MockHttpSession session = signIn("dora", FIRST);
		this.mvc.perform(get("/policies").session(session)).andExpect(status().isOk());
		asAdmin(() -> this.accounts.update("dora", null, false));
		this.mvc.perform(get("/policies").session(session)).andExpect(redirectedUrl("/login?disabled"));
	}

	@Test
	void endsSessionOfAccountWhoseRolesChangedMeanwhile() throws Exception {
		asAdmin(() -> this.accounts.create("rita", FIRST, EnumSet.of(Role.VIEWER), false));
		MockHttpSession session = signIn("rita", FIRST);
		this.mvc.perform(get("/admin/users").session(session)).andExpect(status().isForbidden());
		asAdmin(() -> this.accounts.update("rita", Set.of(Role.ADMIN), null));
		this.mvc.perform(get("/admin/users").session(session)).andExpect(redirectedUrl("/login?ended"));
		assertThat(session.isInvalid()).isTrue();
		this.mvc.perform(get("/admin/users").session(signIn("rita", FIRST))).andExpect(status().isOk());
	}

	@Test
	void endsSessionOfAccountWhosePasswordAnAdminReset() throws Exception {
		asAdmin(() -> this.accounts.create("paul", FIRST, EnumSet.of(Role.VIEWER), false));
		MockHttpSession session = signIn("paul", FIRST);
		this.mvc.perform(get("/policies").session(session)).andExpect(status().isOk());
		asAdmin(() -> this.accounts.resetPassword("paul", SECOND, false));
		this.mvc.perform(get("/policies").session(session)).andExpect(redirectedUrl("/login?ended"));
		this.mvc.perform(get("/policies").session(session)).andExpect(redirectedUrl("/login"));
	}

	@Test
	void endsSessionAfterAdminResetWithMustChangeAndConfinesTheNextSignIn() throws Exception {
		asAdmin(() -> this.accounts.create("pia", FIRST, EnumSet.of(Role.VIEWER), false));
		MockHttpSession session = signIn("pia", FIRST);
		asAdmin(() -> this.accounts.resetPassword("pia", SECOND, true));
		this.mvc.perform(get("/policies").session(session)).andExpect(redirectedUrl("/login?ended"));
		this.mvc.perform(get("/policies").session(signIn("pia", SECOND))).andExpect(redirectedUrl("/account/password"));
	}

	@Test
	void ownPasswordChangeEndsTheAccountsOtherSessionsButNotThisOne() throws Exception {
		asAdmin(() -> this.accounts.create("otto", FIRST, EnumSet.of(Role.VIEWER), false));
		MockHttpSession laptop = signIn("otto", FIRST);
		MockHttpSession phone = signIn("otto", FIRST);
		String laptopId = laptop.getId();
		this.mvc
			.perform(post("/account/password").session(laptop)
				.with(csrf())
				.param("currentPassword", FIRST)
				.param("newPassword", SECOND)
				.param("repeatPassword", SECOND))
			.andExpect(redirectedUrl("/policies"));
		assertThat(laptop.getId()).as("a new session id after the change").isNotEqualTo(laptopId);
		this.mvc.perform(get("/policies").session(laptop)).andExpect(status().isOk());
		this.mvc.perform(get("/policies").session(phone)).andExpect(redirectedUrl("/login?ended"));
		this.mvc.perform(get("/policies").session(laptop)).andExpect(status().isOk());
	}

	@Test
	void passwordChangedThroughTheApiEndsTheBrowserSessions() throws Exception {
		asAdmin(() -> this.accounts.create("ann", FIRST, EnumSet.of(Role.VIEWER), false));
		MockHttpSession session = signIn("ann", FIRST);
		this.mvc
			.perform(post("/api/v1/account/password").with(httpBasic("ann", FIRST))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"currentPassword\":\"" + FIRST + "\",\"newPassword\":\"" + SECOND + "\"}"))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/policies").session(session)).andExpect(redirectedUrl("/login?ended"));
	}

	@Test
	void readsAnUnchangedAccountOncePerSessionNotAtEveryRequest() throws Exception {
		asAdmin(() -> this.accounts.create("uma", FIRST, EnumSet.of(Role.EDITOR), false));
		MockHttpSession session = signIn("uma", FIRST);
		clearInvocations(this.userDetails);
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(get("/policies").session(session)).andExpect(status().isOk());
		}
		then(this.userDetails).should(times(1)).loadUserByUsername(anyString());
	}

	@Test
	void readsTheAccountAgainAtTheFirstRequestAfterItsRolesChanged() throws Exception {
		asAdmin(() -> this.accounts.create("vera", FIRST, EnumSet.of(Role.VIEWER), false));
		MockHttpSession session = signIn("vera", FIRST);
		this.mvc.perform(get("/admin/users").session(session)).andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/users").session(session)).andExpect(status().isForbidden());
		clearInvocations(this.userDetails);
		asAdmin(() -> this.accounts.update("vera", Set.of(Role.ADMIN), null));
		this.mvc.perform(get("/admin/users").session(session)).andExpect(redirectedUrl("/login?ended"));
		then(this.userDetails).should(times(1)).loadUserByUsername("vera");
	}

	@Test
	void signsOutAtTheFirstRequestAfterADisableThoughTheAccountWasNotReadSince() throws Exception {
		asAdmin(() -> this.accounts.create("walt", FIRST, EnumSet.of(Role.EDITOR), false));
		MockHttpSession session = signIn("walt", FIRST);
		this.mvc.perform(get("/policies").session(session)).andExpect(status().isOk());
		clearInvocations(this.userDetails);
		this.mvc.perform(get("/policies").session(session)).andExpect(status().isOk());
		then(this.userDetails).shouldHaveNoInteractions();
		asAdmin(() -> this.accounts.update("walt", null, false));
		this.mvc.perform(get("/policies").session(session)).andExpect(redirectedUrl("/login?disabled"));
	}

	@Test
	void releasesSessionFromPasswordPageOnceItsOwnerChangedThePassword() throws Exception {
		asAdmin(() -> this.accounts.create("zoe", FIRST, EnumSet.of(Role.VIEWER), true));
		MockHttpSession session = signIn("zoe", FIRST);
		this.mvc.perform(get("/policies").session(session)).andExpect(redirectedUrl("/account/password"));
		this.mvc
			.perform(post("/account/password").session(session)
				.with(csrf())
				.param("currentPassword", FIRST)
				.param("newPassword", SECOND)
				.param("repeatPassword", SECOND))
			.andExpect(redirectedUrl("/policies"));
		this.mvc.perform(get("/policies").session(session)).andExpect(status().isOk());
	}

}
