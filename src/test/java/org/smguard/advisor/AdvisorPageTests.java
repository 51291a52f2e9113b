package org.smguard.advisor;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.policy.PolicyService;
import org.smguard.testing.SignedIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The advisor beside the editors, through the whole stack: the findings of each tab's
 * section, and "apply the recommended value" changing the draft.
 */
@SpringBootTest
@AutoConfigureMockMvc
@DirtiesContext
class AdvisorPageTests {

	private static final RequestPostProcessor EDITOR = user("erin").roles("EDITOR");

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> "advisor-page-operator-secret");
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private PolicyService policies;

	private long revision() {
		return SignedIn.as("vic", () -> this.policies.draftSettings("default").revision(), "VIEWER");
	}

	@Test
	void showsEachTabsFindingsAndAppliesTheRecommendedValue() throws Exception {
		this.mvc.perform(get("/policies/default/options").with(EDITOR))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"advice-options\"")))
			.andExpect(content().string(containsString("data-rule=\"temp-file-mode\"")))
			.andExpect(content().string(containsString("data-field=\"options.TempFileMode\"")))
			.andExpect(content().string(containsString("TempFileMode 0640 is looser than 0600")));
		this.mvc.perform(get("/policies/default/smrsh").with(EDITOR))
			.andExpect(content().string(containsString("data-rule=\"smrsh-off\"")))
			.andExpect(content().string(not(containsString("data-rule=\"temp-file-mode\""))));
		this.mvc.perform(get("/policies/default/options").with(user("vic").roles("VIEWER")))
			.andExpect(content().string(containsString("data-rule=\"temp-file-mode\"")))
			.andExpect(content().string(not(containsString("data-field=\"options.TempFileMode\""))));

		long before = revision();
		this.mvc
			.perform(post("/policies/default/advice/apply").with(EDITOR)
				.with(csrf())
				.param("field", "options.TempFileMode")
				.param("draftRevision", Long.toString(before))
				.param("back", "options"))
			.andExpect(redirectedUrl("/policies/default/options"))
			.andExpect(flash().attribute("message", containsString("Applied the advisor's recommended value")));
		assertThat(SignedIn.as("vic", () -> this.policies.draftSettings("default").policy().options().tempFileMode(),
				"VIEWER"))
			.isEqualTo("0600");
		this.mvc.perform(get("/policies/default/options").with(EDITOR))
			.andExpect(content().string(not(containsString("data-rule=\"temp-file-mode\""))));

		this.mvc
			.perform(post("/policies/default/advice/apply").with(EDITOR)
				.with(csrf())
				.param("field", "options.TempFileMode")
				.param("draftRevision", Long.toString(revision())))
			.andExpect(
					flash().attribute("errorMessage", containsString("recommends no value for options.TempFileMode")));
		this.mvc
			.perform(post("/policies/default/advice/apply").with(EDITOR)
				.with(csrf())
				.param("field", "options.PrivacyOptions")
				.param("draftRevision", Long.toString(before)))
			.andExpect(status().isConflict());
		this.mvc
			.perform(post("/policies/default/advice/apply").with(user("vic").roles("VIEWER"))
				.with(csrf())
				.param("field", "smrsh.enabled")
				.param("draftRevision", Long.toString(revision())))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/policies/default/advice/apply").with(EDITOR)
				.with(csrf())
				.param("field", "smrsh.enabled")
				.param("draftRevision", Long.toString(before))
				.param("back", "smrsh"))
			.andExpect(redirectedUrl("/policies/default/smrsh"))
			.andExpect(flash().attribute("message", containsString("Applied")));
		assertThat(
				SignedIn.as("vic", () -> this.policies.draftSettings("default").policy().smrsh().enabled(), "VIEWER"))
			.as("on a stale revision too: only the options changed since")
			.isTrue();
	}

	@Test
	void checksAPasswordFileOnItsPage() throws Exception {
		this.mvc.perform(get("/policies/default/shells").with(user("vic").roles("VIEWER")))
			.andExpect(content().string(containsString("id=\"passwd-check\"")));
		this.mvc
			.perform(multipart("/policies/default/passwd-check")
				.file(new MockMultipartFile("passwdFile", "passwd", "text/plain",
						"bin:x:2:2:bin:/bin:/bin/sh\nftp:*:1092:255:FTP:/u/ftp:/no/shell\n".getBytes()))
				.param("hostName", "mx.example.org")
				.with(user("vic").roles("VIEWER"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"pseudo-users\"")))
			.andExpect(content().string(containsString("User ftp@mx.example.org doesn&#39;t have a valid shell")));
		this.mvc
			.perform(multipart("/policies/default/passwd-check").param("passwd", "")
				.with(user("vic").roles("VIEWER"))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"passwd-error\"")));
	}

	@Test
	void summarisesEachDraftsAdviceOnThePoliciesPage() throws Exception {
		this.mvc.perform(get("/policies").with(user("vic").roles("VIEWER")))
			.andExpect(content().string(containsString("<th>Advisor (draft)</th>")))
			.andExpect(content().string(containsString("class=\"advice-summary\"")))
			.andExpect(content().string(containsString("options: ")));
	}

	@Test
	void showsWhereMailForAUserGoes() throws Exception {
		this.mvc.perform(get("/policies/default/forwards").with(user("vic").roles("VIEWER")))
			.andExpect(content().string(containsString("id=\"mail-route\"")));
		this.mvc
			.perform(get("/policies/default/mail-route").param("user", "bob")
				.param("home", "/home/bob")
				.with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"route-steps\"")))
			.andExpect(content().string(containsString("/home/bob/.forward")));
		this.mvc.perform(get("/policies/default/mail-route").param("user", "../etc").with(user("vic").roles("VIEWER")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"route-error\"")));
	}

}
