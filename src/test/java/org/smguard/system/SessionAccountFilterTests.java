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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A signed-in browser session follows its account at once, through the real security
 * chain, the real account store and the H2 schema: a disabled account is signed out,
 * changed roles apply.
 */
@SpringBootTest(properties = "smguard.admin-password=admin-secret-1")
@AutoConfigureMockMvc
class SessionAccountFilterTests {

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
		asAdmin(() -> this.accounts.create("dora", "dora-pass-1", EnumSet.of(Role.EDITOR), false));
		MockHttpSession session = signIn("dora", "dora-pass-1");
		this.mvc.perform(get("/policies").session(session)).andExpect(status().isOk());
		asAdmin(() -> this.accounts.update("dora", null, false));
		this.mvc.perform(get("/policies").session(session)).andExpect(redirectedUrl("/login?disabled"));
	}

	@Test
	void appliesRolesChangedMeanwhileWithoutNewSignIn() throws Exception {
		asAdmin(() -> this.accounts.create("rita", "rita-pass-1", EnumSet.of(Role.VIEWER), false));
		MockHttpSession session = signIn("rita", "rita-pass-1");
		this.mvc.perform(get("/admin/users").session(session)).andExpect(status().isForbidden());
		asAdmin(() -> this.accounts.update("rita", Set.of(Role.ADMIN), null));
		this.mvc.perform(get("/admin/users").session(session)).andExpect(status().isOk());
	}

	@Test
	void confinesSessionToPasswordPageAfterAdminResetWithMustChange() throws Exception {
		asAdmin(() -> this.accounts.create("paul", "paul-pass-1", EnumSet.of(Role.VIEWER), false));
		MockHttpSession session = signIn("paul", "paul-pass-1");
		asAdmin(() -> this.accounts.resetPassword("paul", "paul-pass-2", true));
		this.mvc.perform(get("/policies").session(session)).andExpect(redirectedUrl("/account/password"));
	}

}
