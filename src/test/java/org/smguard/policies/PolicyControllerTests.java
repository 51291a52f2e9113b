package org.smguard.policies;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.policy.DraftChange;
import org.smguard.policy.DraftConflictException;
import org.smguard.policy.DraftSettings;
import org.smguard.policy.Forwards;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.OverridePage;
import org.smguard.policy.PolicyService;
import org.smguard.policy.PolicyService.VersionSettingsSnapshot;
import org.smguard.policy.PolicySummary;
import org.smguard.policy.ReviewService;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.VersionInfo;
import org.smguard.policy.VersionPage;
import org.smguard.policy.VersionState;
import org.smguard.system.ConflictException;
import org.smguard.system.NotFoundException;
import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.ValidationException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
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
 * Tests for {@link PolicyController}.
 */
@WebMvcTest(PolicyController.class)
@Import(SecurityConfiguration.class)
class PolicyControllerTests {

	private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

	private static final String HASH = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	private static final VersionInfo VERSION_1 = new VersionInfo(1, "Trust majordomo for the list server", "alice", NOW,
			null, VersionState.SAVED, HASH, null);

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private PolicyService policies;

	@MockitoBean
	private ReviewService review;

	@BeforeEach
	void policies() {
		PolicySummary summary = new PolicySummary("default", "Debian's stock sendmail settings", null, 1, 7, 1, true,
				null, null, 2, List.of("shells.entries", "options.LogLevel"));
		given(this.policies.list()).willReturn(List.of(summary));
		given(this.policies.summary("default")).willReturn(summary);
		given(this.policies.draftSettings("default"))
			.willReturn(new DraftSettings("default", 7, 1, StockPolicy.debian(), 0, "alice", NOW));
		given(this.policies.versions("default", 0, 20)).willReturn(new VersionPage(List.of(VERSION_1), 0, 20, 1));
		given(this.policies.versionSettings("default", 1))
			.willReturn(new VersionSettingsSnapshot(VERSION_1, StockPolicy.debian(), StockPolicy.debianBaseCf()));
		given(this.policies.versionOverrides("default", 1, "", 0, 50)).willReturn(overrides("", 0, 0));
	}

	/** A page of 50 of {@code matching} override files out of 120, users user000 on. */
	private static OverridePage overrides(String prefix, int page, int matching) {
		List<Forwards.OverrideFile> items = new ArrayList<>();
		for (int i = page * 50; i < Math.min(matching, (page + 1) * 50); i++) {
			items.add(new Forwards.OverrideFile(String.format("user%03d", i), (i == 0) ? "" : "archive@example.org\n"));
		}
		return new OverridePage(items, prefix, page, 50, matching, prefix.isEmpty() ? matching : 120, 0);
	}

	@Test
	void redirectsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get("/policies")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		verifyNoInteractions(this.policies);
	}

	@Test
	void listsPoliciesWithoutCreateFormForViewer() throws Exception {
		this.mvc.perform(get("/policies").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name(PolicyController.LIST_VIEW))
			.andExpect(content().string(containsString("href=\"/policies/default/trusted-users\"")))
			.andExpect(content().string(containsString("Debian&#39;s stock sendmail settings")))
			.andExpect(content().string(containsString("2 changes since version 1, not yet saved as a version")))
			.andExpect(content().string(containsString("title=\"shells.entries, options.LogLevel\"")))
			.andExpect(content().string(not(containsString("Create policy"))));
	}

	@Test
	void showsCreateFormToAdmin() throws Exception {
		this.mvc.perform(get("/policies").with(user("ada").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Create policy")));
	}

	@Test
	void createsPolicyForAdminAndOpensIt() throws Exception {
		this.mvc
			.perform(post("/policies").with(user("ada").roles("ADMIN"))
				.with(csrf())
				.param("name", "mx-gateways")
				.param("description", "MX hosts")
				.param("copyFrom", "default"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/policies/mx-gateways/trusted-users"))
			.andExpect(flash().attribute("message", "Created policy mx-gateways."));
		verify(this.policies).create("mx-gateways", "MX hosts", "default");
	}

	@Test
	void createsPolicyFromStockSettingsWhenNoSourceIsChosen() throws Exception {
		this.mvc
			.perform(post("/policies").with(user("ada").roles("ADMIN"))
				.with(csrf())
				.param("name", "list-server")
				.param("description", "")
				.param("copyFrom", ""))
			.andExpect(status().isFound());
		verify(this.policies).create("list-server", "", null);
	}

	@Test
	void refusesCreateWithoutCsrfToken() throws Exception {
		this.mvc.perform(post("/policies").with(user("ada").roles("ADMIN")).param("name", "mx-gateways"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.policies);
	}

	@Test
	void refusesBlankNameWithoutCallingTheService() throws Exception {
		this.mvc.perform(post("/policies").with(user("ada").roles("ADMIN")).with(csrf()).param("name", " "))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(PolicyController.LIST_VIEW))
			.andExpect(model().attributeHasFieldErrors("newPolicy", "name"));
		verify(this.policies, never()).create(any(), any(), any());
	}

	@Test
	void showsServiceViolationBesideName() throws Exception {
		given(this.policies.create(anyString(), anyString(), any()))
			.willThrow(new ValidationException("name", "must be 1-64 characters of a-z 0-9 . _ -"));
		this.mvc.perform(post("/policies").with(user("ada").roles("ADMIN")).with(csrf()).param("name", "MX"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("newPolicy", "name"))
			.andExpect(content().string(containsString("<li>must be 1-64 characters of a-z 0-9 . _ -</li>")));
	}

	@Test
	void showsConflictPageForTakenName() throws Exception {
		given(this.policies.create(anyString(), anyString(), any()))
			.willThrow(new ConflictException("a policy named 'default' already exists"));
		this.mvc.perform(post("/policies").with(user("ada").roles("ADMIN")).with(csrf()).param("name", "default"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("a policy named &#39;default&#39; already exists")));
	}

	@Test
	void opensPolicyAtItsFirstTab() throws Exception {
		this.mvc.perform(get("/policies/default").with(user("vic").roles("VIEWER")))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/policies/default/trusted-users"));
	}

	@Test
	void showsNotFoundPageForUnknownPolicy() throws Exception {
		given(this.policies.summary("nosuch")).willThrow(new NotFoundException("no policy named 'nosuch'"));
		this.mvc.perform(get("/policies/nosuch").with(user("vic").roles("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("<h1>Not found</h1>")))
			.andExpect(content().string(not(containsString("&lt;title&gt;"))))
			.andExpect(content().string(containsString("no policy named &#39;nosuch&#39;")));
	}

	@Test
	void showsHistoryWithoutSaveFormToViewer() throws Exception {
		this.mvc.perform(get("/policies/default/versions").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name(PolicyController.VERSIONS_VIEW))
			.andExpect(content().string(containsString("href=\"/policies/default/versions/1\"")))
			.andExpect(content().string(containsString("Trust majordomo for the list server")))
			.andExpect(content().string(containsString("2025-01-01 12:00:00")))
			.andExpect(content().string(containsString(">0123456789ab</code>")))
			.andExpect(content().string(not(containsString("Save version"))));
	}

	@Test
	void showsSaveFormWithDraftRevisionToEditor() throws Exception {
		this.mvc.perform(get("/policies/default/versions").with(user("ed").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Save version")))
			.andExpect(content().string(containsString("name=\"draftRevision\" value=\"7\"")));
	}

	@Test
	void savesVersionAndRedirectsToHistory() throws Exception {
		given(this.policies.saveVersion("default", "Trust majordomo", 7L))
			.willReturn(new VersionInfo(2, "Trust majordomo", "ed", NOW, 1, VersionState.SAVED, HASH, null));
		this.mvc
			.perform(post("/policies/default/versions").with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("message", "Trust majordomo")
				.param("draftRevision", "7"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/policies/default/versions"))
			.andExpect(flash().attribute("message", "Saved version 2."));
	}

	@Test
	void refusesBlankVersionMessageBesideTheField() throws Exception {
		this.mvc
			.perform(post("/policies/default/versions").with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("message", "  ")
				.param("draftRevision", "7"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(PolicyController.VERSIONS_VIEW))
			.andExpect(model().attributeHasFieldErrors("saveVersion", "message"))
			.andExpect(content().string(containsString("class=\"field-errors\"")));
		verify(this.policies, never()).saveVersion(any(), any(), any());
	}

	@Test
	void showsDraftWithoutChangesAsGlobalError() throws Exception {
		given(this.policies.saveVersion("default", "Again", 7L))
			.willThrow(new ValidationException("draft", "has no changes since version 1: there is nothing to save"));
		this.mvc
			.perform(post("/policies/default/versions").with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("message", "Again")
				.param("draftRevision", "7"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasErrors("saveVersion"))
			.andExpect(content().string(containsString("The draft: has no changes since version 1")));
	}

	@Test
	void refusesSaveVersionWithoutCsrfToken() throws Exception {
		this.mvc
			.perform(post("/policies/default/versions").with(user("ed").roles("EDITOR"))
				.param("message", "Trust majordomo")
				.param("draftRevision", "7"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.policies);
	}

	@Test
	void showsVersionReadOnly() throws Exception {
		this.mvc.perform(get("/policies/default/versions/1").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name(PolicyController.VERSION_VIEW))
			.andExpect(content().string(containsString("Trust majordomo for the list server")))
			.andExpect(content().string(containsString(HASH)))
			.andExpect(content().string(containsString("<code>/usr/bin/dash</code>")))
			.andExpect(content().string(containsString("needmailhelo,needexpnhelo")));
	}

	@Test
	void linksAVersionToItsDiffsWithThePreviousAndTheCurrentVersion() throws Exception {
		VersionInfo third = new VersionInfo(3, "Log more", "alice", NOW, 2, VersionState.SAVED, HASH, null);
		given(this.policies.versionSettings("default", 3))
			.willReturn(new VersionSettingsSnapshot(third, StockPolicy.debian(), StockPolicy.debianBaseCf()));
		given(this.policies.versionOverrides("default", 3, "", 0, 50)).willReturn(overrides("", 0, 0));
		given(this.policies.summary("default")).willReturn(new PolicySummary("default",
				"Debian's stock sendmail settings", 1, 3, 7, 3, false, "rhea", null, 0, List.of()));
		this.mvc.perform(get("/policies/default/versions/3").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/policies/default/versions/2/diff/3\"")))
			.andExpect(content().string(containsString("Compare with previous version")))
			.andExpect(content().string(containsString("href=\"/policies/default/versions/1/diff/3\"")))
			.andExpect(content().string(containsString("Compare with the current version")))
			.andExpect(content().string(containsString("action=\"/policies/default/diff\"")));
		this.mvc.perform(get("/policies/default/versions/1").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Compare with previous version"))))
			.andExpect(content().string(not(containsString("Compare with the current version"))));
	}

	@Test
	void showsEveryOptionOfTheTableInTheVersion() throws Exception {
		String html = this.mvc.perform(get("/policies/default/versions/1").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		SecurityOptions options = StockPolicy.debian().options();
		for (ManagedOption option : ManagedOption.values()) {
			String value = option.cfValue(options);
			String shown = (value != null) ? "<code>" + HtmlUtils.htmlEscape(value) + "</code>"
					: "<span class=\"muted\">unset (sendmail's default)</span>";
			assertThat(html).as(option.cfName()).contains("<tr><th>" + option.cfName() + "</th><td>" + shown);
		}
	}

	@Test
	void showsNotFoundPageForUnknownVersion() throws Exception {
		given(this.policies.versionSettings("default", 9))
			.willThrow(new NotFoundException("policy 'default' has no version 9"));
		this.mvc.perform(get("/policies/default/versions/9").with(user("vic").roles("VIEWER")))
			.andExpect(status().isNotFound());
	}

	@Test
	void showsOnePageOfTheVersionsOverrideFilesWithoutLoadingThemAll() throws Exception {
		given(this.policies.versionOverrides("default", 1, "", 1, 50)).willReturn(overrides("", 1, 120));
		this.mvc.perform(get("/policies/default/versions/1").param("page", "1").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("120 override files")))
			.andExpect(content().string(containsString("<code>user050</code>")))
			.andExpect(content().string(containsString("<code>user099</code>")))
			.andExpect(content().string(not(containsString("<code>user100</code>"))))
			.andExpect(content().string(containsString("page 2 of 3")))
			.andExpect(
					content().string(containsString("href=\"/policies/default/versions/1?q=&amp;page=0#overrides\"")))
			.andExpect(
					content().string(containsString("href=\"/policies/default/versions/1?q=&amp;page=2#overrides\"")))
			.andExpect(content().string(containsString("action=\"/policies/default/versions/1#overrides\"")));
		verify(this.policies, never()).version(any(), anyInt());
	}

	@Test
	void filtersTheVersionsOverrideFilesByTheStrippedPrefix() throws Exception {
		given(this.policies.versionOverrides("default", 1, "User00", 0, 50)).willReturn(overrides("User00", 0, 10));
		this.mvc.perform(get("/policies/default/versions/1").param("q", " User00 ").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<span>10</span> of")))
			.andExpect(
					content().string(containsString("<span>120</span> override files belong to users starting with")))
			.andExpect(content().string(containsString("<code>User00</code>")))
			.andExpect(content().string(containsString("<code>user009</code>")))
			.andExpect(content().string(not(containsString("page 1 of"))));
	}

	@Test
	void showsTheLastPageForAPagePastTheLast() throws Exception {
		given(this.policies.versionOverrides("default", 1, "", 7, 50))
			.willReturn(new OverridePage(List.of(), "", 7, 50, 120, 120, 0));
		given(this.policies.versionOverrides("default", 1, "", 2, 50)).willReturn(overrides("", 2, 120));
		this.mvc.perform(get("/policies/default/versions/1").param("page", "7").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<code>user119</code>")))
			.andExpect(content().string(containsString("page 3 of 3")));
	}

	@Test
	void showsTheCopyFormWithTheDraftRevisionToEditorsOnly() throws Exception {
		this.mvc.perform(get("/policies/default/versions/1").with(user("ed").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("action=\"/policies/default/versions/1/copy-to-draft\"")))
			.andExpect(content().string(containsString("name=\"draftRevision\" value=\"7\"")))
			.andExpect(content().string(containsString("Copy this version into the draft")))
			.andExpect(content().string(containsString("The draft stays based on version 1")));
		this.mvc.perform(get("/policies/default/versions/1").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("copy-to-draft"))));
	}

	@Test
	void copiesTheVersionIntoTheDraftAndOpensTheHistory() throws Exception {
		this.mvc
			.perform(post("/policies/default/versions/1/copy-to-draft").with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("draftRevision", "7"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/policies/default/versions"))
			.andExpect(flash().attribute("message", "The draft now holds the content of version 1."));
		verify(this.policies).copyVersionToDraft("default", 1, 7L);
	}

	@Test
	void leadsAStaleCopyBackToTheVersionSayingWhatChanged() throws Exception {
		given(this.policies.copyVersionToDraft("default", 1, 6L)).willThrow(new DraftConflictException(
				"the draft changed since revision 6 (now revision 7)", "default", 7, 1,
				List.of(new DraftChange(7, "alice", NOW, List.of("shells.entries", "forwards.overrides[bob]")))));
		this.mvc
			.perform(post("/policies/default/versions/1/copy-to-draft").with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("draftRevision", "6"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/policies/default/versions/1"))
			.andExpect(flash().attribute("errorMessage",
					"Nothing was copied: the draft changed since this page was loaded (now revision 7; changed by"
							+ " alice: shells.entries, forwards.overrides[bob]). Look at the draft first; copying"
							+ " again from this page replaces those changes too."));
	}

	@Test
	void leadsACopyThatBreaksTodaysRulesBackToTheVersion() throws Exception {
		given(this.policies.copyVersionToDraft("default", 1, 7L))
			.willThrow(new ValidationException("options.LogLevel", "must be between 0 and 99"));
		this.mvc
			.perform(post("/policies/default/versions/1/copy-to-draft").with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("draftRevision", "7"))
			.andExpect(redirectedUrl("/policies/default/versions/1"))
			.andExpect(flash().attribute("errorMessage", containsString("options.LogLevel: must be between 0 and 99")));
	}

	@Test
	void refusesACopyWithoutDraftRevisionOrCsrfToken() throws Exception {
		this.mvc
			.perform(post("/policies/default/versions/1/copy-to-draft").with(user("ed").roles("EDITOR")).with(csrf()))
			.andExpect(redirectedUrl("/policies/default/versions/1"))
			.andExpect(flash().attribute("errorMessage", containsString("did not carry the draft revision")));
		this.mvc
			.perform(post("/policies/default/versions/1/copy-to-draft").with(user("ed").roles("EDITOR"))
				.param("draftRevision", "7"))
			.andExpect(status().isForbidden());
		verify(this.policies, never()).copyVersionToDraft(any(), anyInt(), anyLong());
	}

	@Test
	void showsTheForbiddenPageToAViewerWhoCopies() throws Exception {
		given(this.policies.copyVersionToDraft("default", 1, 7L)).willThrow(new AccessDeniedException("EDITOR"));
		this.mvc
			.perform(post("/policies/default/versions/1/copy-to-draft").with(user("vic").roles("VIEWER"))
				.with(csrf())
				.param("draftRevision", "7"))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("Your account&#39;s roles do not allow this action.")));
	}

}
