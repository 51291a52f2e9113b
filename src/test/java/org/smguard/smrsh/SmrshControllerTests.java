package org.smguard.smrsh;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.Smrsh;
import org.smguard.policy.StockPolicy;
import org.smguard.system.SecurityConfiguration;
import org.smguard.testing.DraftTabMocks;
import org.smguard.testing.FormFieldsCoverage;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
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
 * Tests for {@link SmrshController}.
 */
@WebMvcTest(SmrshController.class)
@Import(SecurityConfiguration.class)
class SmrshControllerTests {

	private static final String URL = "/policies/default/smrsh";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private PolicyService policies;

	@BeforeEach
	void draft() {
		given(this.policies.draftSettings("default")).willReturn(draft(StockPolicy.debian()));
	}

	private static DraftSettings draft(Policy policy) {
		return DraftTabMocks.draft(policy);
	}

	/** Makes the mocked service apply the change and validate it as the real one does. */
	private void changeDraftValidates() {
		DraftTabMocks.changeDraftValidates(this.policies, StockPolicy.debian());
	}

	private Policy appliedChange() {
		return DraftTabMocks.appliedChange(this.policies, StockPolicy.debian());
	}

	private static MockHttpServletRequestBuilder save(String programs) {
		return save(programs, "/etc/mail/smrsh").param("enabled", "true");
	}

	private static MockHttpServletRequestBuilder save(String programs, String binDirectory) {
		return post(URL).with(user("ed").roles("EDITOR"))
			.with(csrf())
			.param("draftRevision", "7")
			.param("smrshPath", "/usr/libexec/sendmail/smrsh")
			.param("binDirectory", binDirectory)
			.param("programs", programs);
	}

	@Test
	void redirectsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get(URL)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		verifyNoInteractions(this.policies);
	}

	@Test
	void showsDraftReadOnlyToViewer() throws Exception {
		this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name(SmrshController.VIEW))
			.andExpect(content().string(containsString("mail.local /usr/libexec/sendmail/mail.local")))
			.andExpect(content().string(containsString("sendmail restricted shell")))
			.andExpect(content().string(containsString("href=\"/policies/default/smrsh/simulate\"")))
			.andExpect(content().string(containsString("<option value=\"/etc/smrsh\">RHEL, Fedora</option>")))
			.andExpect(content().string(not(containsString("Save to draft"))));
	}

	@Test
	void showsSaveButtonAndDraftRevisionToEditor() throws Exception {
		this.mvc.perform(get(URL).with(user("ed").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Save to draft")))
			.andExpect(content().string(containsString("name=\"draftRevision\" value=\"7\"")));
	}

	@Test
	void warnsWhenEnabledWithoutPrograms() throws Exception {
		Policy noPrograms = StockPolicy.debian()
			.withSmrsh(new Smrsh(true, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY, List.of()));
		given(this.policies.draftSettings("default")).willReturn(draft(noPrograms));
		this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Allowed programs: smrsh is enabled but no program is linked")));
	}

	@Test
	void refusesPostWithoutCsrfToken() throws Exception {
		this.mvc
			.perform(post(URL).with(user("ed").roles("EDITOR"))
				.param("draftRevision", "7")
				.param("programs", "vacation /usr/bin/vacation"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.policies);
	}

	@Test
	void reportsLinesThatAreNotOnePairWithoutCallingTheService() throws Exception {
		this.mvc.perform(save("vacation /usr/bin/vacation\r\nprocmail\r\nmy prog /usr/bin/prog\r\n"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(SmrshController.VIEW))
			.andExpect(model().attributeHasFieldErrors("form", "programs"))
			.andExpect(content().string(containsString("line 2: &#39;procmail&#39; must be a program name and the")))
			.andExpect(content().string(containsString("line 3: &#39;my prog /usr/bin/prog&#39; must be")));
		verify(this.policies, never()).changeSection(any(), anyLong(), any(), any());
	}

	@Test
	void showsBadProgramNameBesideItsLine() throws Exception {
		changeDraftValidates();
		this.mvc.perform(save("vacation /usr/bin/vacation\n../sh /bin/sh"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "programs"))
			.andExpect(content().string(containsString("line 2: &#39;../sh&#39; must be a bare program name")));
	}

	@Test
	void namesTheLineThatAlreadyListsARepeatedProgram() throws Exception {
		changeDraftValidates();
		this.mvc.perform(save("vacation /usr/bin/vacation\nprocmail /usr/bin/procmail\nVacation /usr/bin/x"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "programs"))
			.andExpect(content().string(containsString("<li>line 3: line 1 already lists &#39;vacation&#39; (names are"
					+ " compared ignoring case); list each program once</li>")))
			.andExpect(content().string(not(containsString("smrsh.programs"))));
	}

	@Test
	void showsBadPathBesideItsField() throws Exception {
		changeDraftValidates();
		this.mvc.perform(save("vacation /usr/bin/vacation", "etc/mail/smrsh"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "binDirectory"))
			.andExpect(content().string(containsString("&#39;etc/mail/smrsh&#39; must be an absolute path")));
	}

	@Test
	void savesSmrshAndRedirects() throws Exception {
		changeDraftValidates();
		this.mvc.perform(save("vacation  /usr/bin/vacation\r\n\r\nprocmail\t/usr/bin/procmail\r\n"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl(URL))
			.andExpect(flash().attribute("message", "smrsh settings saved in the draft."));
		assertThat(appliedChange().smrsh()).isEqualTo(new Smrsh(true, "/usr/libexec/sendmail/smrsh", "/etc/mail/smrsh",
				List.of(new Smrsh.Program("vacation", "/usr/bin/vacation"),
						new Smrsh.Program("procmail", "/usr/bin/procmail"))));
	}

	@Test
	void disablesSmrshWhenCheckboxIsNotSent() throws Exception {
		changeDraftValidates();
		this.mvc.perform(save("vacation /usr/bin/vacation", "/etc/mail/smrsh").param("_enabled", "on"))
			.andExpect(status().isFound());
		assertThat(appliedChange().smrsh().enabled()).isFalse();
	}

	@Test
	void showsTheLabelsItsMessagesNameFieldsBy() throws Exception {
		String html = this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		FormFieldsCoverage.assertLabelsShown(html, SmrshForm.FIELDS);
	}

}
