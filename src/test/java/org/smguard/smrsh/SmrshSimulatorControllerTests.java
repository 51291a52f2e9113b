package org.smguard.smrsh;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.VersionInfo;
import org.smguard.policy.VersionPage;
import org.smguard.policy.VersionState;
import org.smguard.system.NotFoundException;
import org.smguard.system.SecurityConfiguration;
import org.smguard.testing.DraftTabMocks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Tests for {@link SmrshSimulatorController}: the form, the table of verdicts, the draft
 * or a version, bounds shown beside the field, CSRF and sign-in.
 */
@WebMvcTest(SmrshSimulatorController.class)
@Import({ SecurityConfiguration.class, SmrshSimulation.class })
class SmrshSimulatorControllerTests {

	private static final String URL = "/policies/default/smrsh/simulate";

	private static final Policy DRAFT = StockPolicy.debian().withSmrsh(SmrshSimulatorTests.SMRSH);

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private PolicyService policies;

	@BeforeEach
	void policy() {
		given(this.policies.draftSettings("default")).willReturn(DraftTabMocks.draft(DRAFT));
		given(this.policies.versions(eq("default"), eq(0), anyInt())).willReturn(
				new VersionPage(List.of(new VersionInfo(1, "First", "alice", Instant.parse("2025-01-01T00:00:00Z"),
						null, VersionState.SAVED, "ab".repeat(32), null)), 0, 50, 1));
		given(this.policies.versionSettings("default", 1)).willReturn(
				new PolicyService.VersionSettingsSnapshot(null, StockPolicy.debian(), StockPolicy.debianBaseCf()));
		given(this.policies.versionSettings("default", 7))
			.willThrow(new NotFoundException("policy 'default' has no version 7"));
	}

	private static MockHttpServletRequestBuilder simulate(String mode, String input) {
		return post(URL).with(user("vic").roles("VIEWER")).with(csrf()).param("mode", mode).param("input", input);
	}

	@Test
	void redirectsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get(URL)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		verifyNoInteractions(this.policies);
	}

	@Test
	void refusesAnAccountWithoutARole() throws Exception {
		this.mvc.perform(post(URL).with(user("nora").roles()).with(csrf()).param("input", "vacation"))
			.andExpect(status().isForbidden());
	}

	@Test
	void refusesPostWithoutCsrfToken() throws Exception {
		this.mvc.perform(post(URL).with(user("vic").roles("VIEWER")).param("input", "vacation"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.policies);
	}

	@Test
	void showsTheFormToAViewer() throws Exception {
		this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name(SmrshSimulatorController.VIEW))
			.andExpect(content().string(containsString("smrsh simulator")))
			.andExpect(content().string(containsString("<option value=\"1\">First</option>")))
			.andExpect(content().string(not(containsString("id=\"verdicts\""))));
	}

	@Test
	void showsAVerdictPerCommand() throws Exception {
		this.mvc.perform(simulate("commands", "/usr/bin/vacation eric\r\n\r\ncp /etc/passwd /tmp ; sh\r\necho é\r\n"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("read as <span>commands</span>")))
			.andExpect(content().string(containsString("<code>/etc/mail/smrsh/vacation</code>")))
			.andExpect(content().string(containsString("→ /usr/bin/vacation")))
			.andExpect(content()
				.string(containsString("smrsh: &quot;cp&quot; not available for sendmail programs (stat failed)")))
			.andExpect(content().string(containsString("smrsh: cannot use \\xA9 in command")))
			.andExpect(content().string(containsString("Against <span>the draft</span>")))
			.andExpect(content().string(containsString("<strong>on</strong>")));
	}

	@Test
	void simulatesAForwardFileAgainstAVersion() throws Exception {
		this.mvc
			.perform(simulate("text", "\\eric, \"|/usr/bin/vacation eric\"\n/var/mail/eric.archive\n").param("version",
					"1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Against <span>version 1</span>")))
			.andExpect(content().string(containsString("smrsh is off in this policy")))
			.andExpect(content().string(containsString("appends the message to /var/mail/eric.archive")));
	}

	@Test
	void showsAVersionThatDoesNotExistBesideItsField() throws Exception {
		this.mvc.perform(simulate("commands", "vacation").param("version", "7"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "version"))
			.andExpect(content().string(containsString("policy &#39;default&#39; has no version 7")));
	}

	@Test
	void showsATooLongLineWithItsLineNumber() throws Exception {
		this.mvc.perform(simulate("commands", "vacation\n\n" + "x".repeat(2049)))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "input"))
			.andExpect(content().string(containsString("line 3: is longer than 2048 bytes")));
	}

	@Test
	void refusesAnUnknownMode() throws Exception {
		this.mvc.perform(simulate("shell", "vacation"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "mode"));
	}

}
