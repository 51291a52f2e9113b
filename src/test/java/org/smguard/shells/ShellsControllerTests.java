package org.smguard.shells;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.Shells;
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
 * Tests for {@link ShellsController}.
 */
@WebMvcTest(ShellsController.class)
@Import(SecurityConfiguration.class)
class ShellsControllerTests {

	private static final String URL = "/policies/default/shells";

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

	private static MockHttpServletRequestBuilder save(String entries) {
		return post(URL).with(user("ed").roles("EDITOR"))
			.with(csrf())
			.param("draftRevision", "7")
			.param("entries", entries);
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
			.andExpect(view().name(ShellsController.VIEW))
			.andExpect(content().string(containsString("/usr/bin/dash")))
			.andExpect(content().string(containsString("never using <code>/SENDMAIL/ANY/SHELL/</code>")))
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
	void showsWarningsOfTheStoredDraft() throws Exception {
		Policy anyShell = StockPolicy.debian().withShells(new Shells(List.of("/bin/sh"), true));
		given(this.policies.draftSettings("default")).willReturn(draft(anyShell));
		this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("class=\"flash warning\" role=\"status\">I understand the risk: "
					+ "/SENDMAIL/ANY/SHELL/ makes every account&#39;s shell valid")))
			.andExpect(content().string(not(containsString("shells.allowAnyShell"))));
	}

	@Test
	void showsNoWarningForStockDraft() throws Exception {
		this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("role=\"status\""))));
	}

	@Test
	void refusesPostWithoutCsrfToken() throws Exception {
		this.mvc
			.perform(post(URL).with(user("ed").roles("EDITOR")).param("draftRevision", "7").param("entries", "/bin/sh"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.policies);
	}

	@Test
	void showsAnyShellTypedIntoTheListBesideItsLine() throws Exception {
		changeDraftValidates();
		this.mvc.perform(save("/bin/sh\r\n/SENDMAIL/ANY/SHELL/\r\n"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(ShellsController.VIEW))
			.andExpect(model().attributeHasFieldErrors("form", "entries"))
			.andExpect(content().string(containsString("<li>line 2: /SENDMAIL/ANY/SHELL/ cannot be listed as a shell")))
			.andExpect(
					content().string(containsString("remove it here and tick *I understand the risk* to acknowledge")))
			.andExpect(content().string(not(containsString("allowAnyShell to"))))
			.andExpect(content().string(containsString("class=\"invalid\"")));
	}

	@Test
	void showsRepeatedShellBesideItsLine() throws Exception {
		changeDraftValidates();
		this.mvc.perform(save("/bin/sh\n/bin/sh"))
			.andExpect(status().isBadRequest())
			.andExpect(content()
				.string(containsString("line 2: line 1 already lists &#39;/bin/sh&#39;; list each shell once")));
	}

	@Test
	void refusesOversizedTextWithoutCallingTheService() throws Exception {
		this.mvc.perform(save("/bin/sh\n".repeat(30_000)))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "entries"));
		verify(this.policies, never()).changeSection(any(), anyLong(), any(), any());
	}

	@Test
	void savesShellsAndAcknowledgementAndRedirects() throws Exception {
		changeDraftValidates();
		this.mvc.perform(save("/bin/sh\r\n\r\n /bin/bash \r\n").param("allowAnyShell", "true"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl(URL))
			.andExpect(flash().attribute("message", "Valid shells saved in the draft."));
		assertThat(appliedChange().shells()).isEqualTo(new Shells(List.of("/bin/sh", "/bin/bash"), true));
	}

	@Test
	void clearsAcknowledgementWhenCheckboxIsNotSent() throws Exception {
		changeDraftValidates();
		this.mvc.perform(save("/bin/sh").param("_allowAnyShell", "on")).andExpect(status().isFound());
		assertThat(appliedChange().shells().allowAnyShell()).isFalse();
	}

	@Test
	void showsTheLabelsItsMessagesNameFieldsBy() throws Exception {
		String html = this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		FormFieldsCoverage.assertLabelsShown(html, ShellsForm.FIELDS);
	}

}
