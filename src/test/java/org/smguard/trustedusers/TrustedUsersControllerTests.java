package org.smguard.trustedusers;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.system.SecurityConfiguration;
import org.smguard.testing.DraftTabMocks;
import org.smguard.testing.FormFieldsCoverage;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

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
 * Tests for {@link TrustedUsersController}.
 */
@WebMvcTest(TrustedUsersController.class)
@Import(SecurityConfiguration.class)
class TrustedUsersControllerTests {

	private static final String URL = "/policies/default/trusted-users";

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

	@Test
	void redirectsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get(URL)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		verifyNoInteractions(this.policies);
	}

	@Test
	void showsDraftReadOnlyToViewer() throws Exception {
		this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name(TrustedUsersController.VIEW))
			.andExpect(content().string(containsString("daemon")))
			.andExpect(content().string(not(containsString("Save to draft"))));
	}

	@Test
	void showsSaveButtonToEditor() throws Exception {
		this.mvc.perform(get(URL).with(user("ed").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Save to draft")))
			.andExpect(content().string(containsString("name=\"draftRevision\" value=\"7\"")));
	}

	@Test
	void showsWarningsOfTheStoredDraft() throws Exception {
		Policy redundant = StockPolicy.debian()
			.withTrustedUsers(new TrustedUsers(TrustedUsers.LineStyle.T, List.of("root"),
					new TrustedUsersFile("/etc/mail/trusted-users", true, List.of("root"))));
		given(this.policies.draftSettings("default")).willReturn(draft(redundant));
		this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Names in the file, line 1: &#39;root&#39; is already trusted by"
					+ " line 1 of *Names in sendmail.cf*; listing it in the file")));
	}

	@Test
	void refusesPostWithoutCsrfToken() throws Exception {
		this.mvc
			.perform(post(URL).with(user("ed").roles("EDITOR"))
				.param("draftRevision", "7")
				.param("lineStyle", "T")
				.param("users", "root"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.policies);
	}

	@Test
	void showsServiceViolationBesideTheLineOfTheUsersField() throws Exception {
		changeDraftValidates();
		this.mvc
			.perform(post(URL).with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("draftRevision", "7")
				.param("lineStyle", "T")
				.param("users", "root\r\nbad user\r\n"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(TrustedUsersController.VIEW))
			.andExpect(model().attributeHasFieldErrors("form", "users"))
			.andExpect(content().string(containsString("line 2: &#39;bad user&#39; must be 1-32 characters")));
	}

	@Test
	void namesTheLineThatAlreadyListsARepeatedUser() throws Exception {
		changeDraftValidates();
		this.mvc
			.perform(post(URL).with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("draftRevision", "7")
				.param("lineStyle", "T")
				.param("users", "root\r\ndaemon\r\nRoot\r\n"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "users"))
			.andExpect(content().string(containsString("<li>line 3: line 1 already lists &#39;root&#39;, the same as"
					+ " &#39;Root&#39; to sendmail, which compares these names ignoring case; list each user once</li>")))
			.andExpect(content().string(not(containsString("trustedUsers."))));
	}

	@Test
	void refusesMissingLineStyleWithoutCallingTheService() throws Exception {
		this.mvc
			.perform(post(URL).with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("draftRevision", "7")
				.param("lineStyle", "")
				.param("users", "root"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "lineStyle"));
		verify(this.policies, never()).changeSection(any(), anyLong(), any(), any());
	}

	@Test
	void savesTrustedUsersAndRedirects() throws Exception {
		changeDraftValidates();
		this.mvc
			.perform(post(URL).with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("draftRevision", "7")
				.param("lineStyle", "Ct")
				.param("users", "root\r\n\r\n majordomo \r\n")
				.param("fileEnabled", "true")
				.param("filePath", "/etc/mail/trusted-users")
				.param("fileOptional", "true")
				.param("fileUsers", "list"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl(URL))
			.andExpect(flash().attribute("message", "Trusted users saved in the draft."));
		TrustedUsers saved = appliedChange().trustedUsers();
		assertThat(saved.lineStyle()).isEqualTo(TrustedUsers.LineStyle.Ct);
		assertThat(saved.users()).containsExactly("root", "majordomo");
		assertThat(saved.file().users()).isEqualTo(List.of("list"));
		assertThat(saved.file().optional()).isTrue();
	}

	@Test
	void showsTheLabelsItsMessagesNameFieldsBy() throws Exception {
		String html = this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		FormFieldsCoverage.assertLabelsShown(html, TrustedUsersForm.FIELDS);
	}

}
