package org.smguard.forwards;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.policy.DraftConflictException;
import org.smguard.policy.DraftSettings;
import org.smguard.policy.Forwards;
import org.smguard.policy.Forwards.OverrideFile;
import org.smguard.policy.OverridePage;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.PolicyValidator;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.StockPolicy;
import org.smguard.system.NotFoundException;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
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
 * Tests for {@link ForwardsController}.
 */
@WebMvcTest(ForwardsController.class)
@Import(SecurityConfiguration.class)
class ForwardsControllerTests {

	private static final String URL = "/policies/default/forwards";

	private static final String FORWARD_PATH = "/usr/local/etc/forwards/$u.forward:$z/.forward";

	/** Debian's settings with ForwardPath reading the override files, and two of them. */
	private static final Policy POLICY = withOverrides(
			List.of(new OverrideFile("alice", "alice@example.org\n"), new OverrideFile("bob", "")));

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private PolicyService policies;

	/** The override files of the mocked draft, changed as the service would. */
	private final List<OverrideFile> stored = new ArrayList<>();

	@BeforeEach
	void draft() {
		useDraft(POLICY);
	}

	/**
	 * Makes the mocked service hold {@code policy}: it pages, finds, adds, replaces and
	 * removes its override files and checks a change by the same rules as the real one.
	 */
	private void useDraft(Policy policy) {
		this.stored.clear();
		this.stored.addAll(policy.forwards().overrides());
		given(this.policies.draftSettings("default")).willReturn(draft(policy));
		given(this.policies.draftOverrides(eq("default"), any(), anyInt(), anyInt())).willAnswer((invocation) -> {
			String prefix = invocation.getArgument(1, String.class).toLowerCase(Locale.ROOT);
			int page = invocation.getArgument(2);
			int size = invocation.getArgument(3);
			List<OverrideFile> matching = this.stored.stream()
				.filter((o) -> o.user().toLowerCase(Locale.ROOT).startsWith(prefix))
				.sorted(Comparator.comparing((OverrideFile o) -> o.user().toLowerCase(Locale.ROOT))
					.thenComparing(OverrideFile::user))
				.toList();
			List<OverrideFile> items = matching.stream().skip((long) page * size).limit(size).toList();
			return new OverridePage(items, invocation.getArgument(1), page, size, matching.size(), this.stored.size(),
					DraftTabMocks.REVISION);
		});
		given(this.policies.draftOverride(eq("default"), any())).willAnswer((invocation) -> this.stored.stream()
			.filter((o) -> o.user().equals(invocation.getArgument(1)))
			.findFirst());
		given(this.policies.putOverride(eq("default"), eq(DraftTabMocks.REVISION), any())).willAnswer((invocation) -> {
			OverrideFile override = invocation.getArgument(2);
			List<String> sameName = this.stored.stream()
				.map(OverrideFile::user)
				.filter((user) -> user.equalsIgnoreCase(override.user()))
				.toList();
			PolicyValidator.validateOverrideChange(policy, this.stored.size(), override, sameName).throwIfErrors();
			this.stored.removeIf((o) -> o.user().equals(override.user()));
			this.stored.add(override);
			return draft(policy);
		});
		given(this.policies.removeOverride(eq("default"), eq(DraftTabMocks.REVISION), any()))
			.willAnswer((invocation) -> {
				String user = invocation.getArgument(2);
				if (!this.stored.removeIf((o) -> o.user().equals(user))) {
					throw new NotFoundException("the draft has no override file for '" + user + "'");
				}
				return draft(policy);
			});
	}

	private static Policy withOverrides(List<OverrideFile> overrides) {
		Policy stock = StockPolicy.debian();
		SecurityOptions o = stock.options();
		return stock.withForwards(new Forwards(Forwards.DEFAULT_DIRECTORY, overrides))
			.withOptions(new SecurityOptions(o.defaultUser(), FORWARD_PATH, o.logLevel(), o.postmasterCopy(),
					o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
	}

	private static DraftSettings draft(Policy policy) {
		return DraftTabMocks.draft(policy);
	}

	/** Makes the mocked service apply the change to {@code base} and validate it. */
	private void changeDraftValidates(Policy base) {
		DraftTabMocks.changeDraftValidates(this.policies, base);
	}

	private Policy appliedChange() {
		return DraftTabMocks.appliedChange(this.policies, POLICY);
	}

	private static MockHttpServletRequestBuilder saveOverride(String user, String content) {
		return post(URL + "/overrides").with(user("ed").roles("EDITOR"))
			.with(csrf())
			.param("draftRevision", "7")
			.param("user", user)
			.param("content", content);
	}

	private static MockHttpServletRequestBuilder remove(String user) {
		return post(URL + "/overrides/remove").with(user("ed").roles("EDITOR"))
			.with(csrf())
			.param("draftRevision", "7")
			.param("user", user)
			.param("q", "b")
			.param("page", "0");
	}

	private static MockHttpServletRequestBuilder saveDirectory(String directory) {
		return post(URL).with(user("ed").roles("EDITOR"))
			.with(csrf())
			.param("draftRevision", "7")
			.param("directory", directory);
	}

	private void draftHasNumberedOverrides(int count) {
		List<OverrideFile> overrides = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			overrides.add(new OverrideFile(String.format("user%03d", i), ""));
		}
		useDraft(withOverrides(overrides));
	}

	@Test
	void redirectsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get(URL)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		verifyNoInteractions(this.policies);
	}

	@Test
	void showsOverridesReadOnlyToViewer() throws Exception {
		this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name(ForwardsController.VIEW))
			.andExpect(content().string(containsString("<code>alice</code>")))
			.andExpect(content().string(containsString("alice@example.org")))
			.andExpect(content().string(containsString("empty: always deliver locally")))
			.andExpect(content().string(not(containsString("Remove"))))
			.andExpect(content().string(not(containsString("Save directory"))))
			.andExpect(content().string(not(containsString("Add or replace"))));
	}

	@Test
	void showsChangeFormsWithCsrfTokenAndRevisionToEditor() throws Exception {
		this.mvc.perform(get(URL).with(user("ed").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Save directory")))
			.andExpect(content().string(containsString("Add or replace an override file")))
			.andExpect(content().string(containsString("Leave the content empty for an empty file")))
			.andExpect(content().string(containsString("name=\"user\" value=\"bob\"")))
			.andExpect(content().string(containsString("name=\"draftRevision\" value=\"7\"")))
			.andExpect(content()
				.string(containsString("id=\"override-draftRevision\" name=\"draftRevision\" value=\"7\"")))
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(containsString(">Remove</button>")));
	}

	@Test
	void showsFiftyOverridesPerPage() throws Exception {
		draftHasNumberedOverrides(120);
		this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<code>user050</code>")))
			.andExpect(content().string(not(containsString("<code>user051</code>"))))
			.andExpect(content().string(containsString("page 1 of 3")))
			.andExpect(content().string(containsString("120 override files")));
		this.mvc.perform(get(URL).param("page", "2").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("<code>user100</code>"))))
			.andExpect(content().string(containsString("<code>user101</code>")))
			.andExpect(content().string(containsString("<code>user120</code>")))
			.andExpect(content().string(containsString("page 3 of 3")));
	}

	@Test
	void showsLastPageForPageBeyondTheEnd() throws Exception {
		draftHasNumberedOverrides(120);
		this.mvc.perform(get(URL).param("page", "99").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<code>user120</code>")));
	}

	@Test
	void filtersOverridesByUserPrefixIgnoringCase() throws Exception {
		draftHasNumberedOverrides(120);
		this.mvc.perform(get(URL).param("q", "USER11").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<code>user110</code>")))
			.andExpect(content().string(containsString("<code>user119</code>")))
			.andExpect(content().string(not(containsString("<code>user120</code>"))))
			.andExpect(content().string(not(containsString("<code>user011</code>"))))
			.andExpect(content().string(containsString("<span>10</span> of")));
	}

	@Test
	void fillsTheFormWithTheOverrideToEdit() throws Exception {
		this.mvc.perform(get(URL).param("edit", "alice").with(user("ed").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(model().attribute("override", hasProperty("user", equalTo("alice"))))
			.andExpect(content().string(containsString("value=\"alice\"")))
			.andExpect(content().string(containsString(">alice@example.org\n</textarea>")));
	}

	@Test
	void showsWarningsOfTheStoredDraft() throws Exception {
		useDraft(withOverrides(List.of(new OverrideFile("Carol", ""))));
		this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(
					"Override file of Carol: &#39;Carol&#39; has upper-case letters, but sendmail lowercases")));
	}

	@Test
	void refusesPostsWithoutCsrfToken() throws Exception {
		this.mvc
			.perform(post(URL + "/overrides").with(user("ed").roles("EDITOR"))
				.param("draftRevision", "7")
				.param("user", "carol")
				.param("content", ""))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post(URL + "/overrides/remove").with(user("ed").roles("EDITOR"))
				.param("draftRevision", "7")
				.param("user", "bob"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post(URL).with(user("ed").roles("EDITOR")).param("draftRevision", "7").param("directory", "/x"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.policies);
	}

	@Test
	void showsViolationsBesideUserAndContent() throws Exception {
		changeDraftValidates(POLICY);
		this.mvc.perform(saveOverride("bad user", "carol@example.org\r\n\tx\r\n"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(ForwardsController.VIEW))
			.andExpect(model().attributeHasFieldErrors("override", "user", "content"))
			.andExpect(content().string(containsString("<li>&#39;bad user&#39; must be 1-32 characters")))
			.andExpect(content().string(containsString("<li>line 2 contains a tab")));
	}

	@Test
	void showsUserWhoAlreadyHasAnOverrideInOtherCaseBesideUser() throws Exception {
		changeDraftValidates(POLICY);
		this.mvc.perform(saveOverride("BOB", ""))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("override", "user"))
			.andExpect(content().string(containsString("&#39;BOB&#39; already has an override")));
	}

	@Test
	void showsForwardPathThatDoesNotReadOverridesAsGlobalError() throws Exception {
		useDraft(StockPolicy.debian());
		this.mvc.perform(saveOverride("carol", ""))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasErrors("override"))
			.andExpect(content().string(containsString("class=\"global-errors\"")))
			.andExpect(content().string(containsString("ForwardPath (Security options tab): does not list")));
	}

	@Test
	void refusesMissingContentWithTheMeaningOfEmpty() throws Exception {
		changeDraftValidates(POLICY);
		this.mvc
			.perform(post(URL + "/overrides").with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("draftRevision", "7")
				.param("user", "carol"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("is required (an empty text means: always deliver locally)")));
	}

	@Test
	void addsOverrideWithLineFeedsOnlyAndRedirectsToIt() throws Exception {
		changeDraftValidates(POLICY);
		this.mvc.perform(saveOverride(" carol ", "carol@example.org\r\n\"|/usr/bin/vacation carol\"\r\n"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl(URL + "?q=carol"))
			.andExpect(flash().attribute("message", "Override file of carol saved in the draft."));
		assertThat(this.stored).containsExactly(POLICY.forwards().overrides().get(0),
				POLICY.forwards().overrides().get(1),
				new OverrideFile("carol", "carol@example.org\n\"|/usr/bin/vacation carol\"\n"));
	}

	@Test
	void replacesOverrideOfTheSameUserWithEmptyFile() throws Exception {
		changeDraftValidates(POLICY);
		this.mvc.perform(saveOverride("alice", "")).andExpect(status().isFound());
		assertThat(this.stored).containsExactlyInAnyOrder(new OverrideFile("alice", ""), new OverrideFile("bob", ""));
	}

	@Test
	void removesOneOverrideAndReturnsToTheSamePage() throws Exception {
		changeDraftValidates(POLICY);
		this.mvc.perform(remove("bob"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl(URL + "?q=b&page=0"))
			.andExpect(flash().attribute("message", "Override file of bob removed from the draft."));
		assertThat(this.stored).containsExactly(new OverrideFile("alice", "alice@example.org\n"));
	}

	@Test
	void refusesToRemoveOverrideThatDoesNotExist() throws Exception {
		changeDraftValidates(POLICY);
		this.mvc.perform(remove("zed"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasErrors("removal"))
			.andExpect(content().string(containsString("the draft has no override file for &#39;zed&#39;")));
	}

	@Test
	void showsConflictPageForStaleRemoval() throws Exception {
		given(this.policies.removeOverride(eq("default"), eq(6L), any())).willThrow(mock(DraftConflictException.class));
		this.mvc
			.perform(post(URL + "/overrides/remove").with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("draftRevision", "6")
				.param("user", "bob"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("The draft changed while you were editing")));
	}

	@Test
	void changesDirectoryAndKeepsOverrides() throws Exception {
		changeDraftValidates(POLICY);
		this.mvc.perform(saveDirectory("/usr/local/etc/forwards"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl(URL))
			.andExpect(flash().attribute("message", "Override directory saved in the draft."));
		assertThat(appliedChange().forwards().directory()).isEqualTo(Forwards.DEFAULT_DIRECTORY);
	}

	@Test
	void showsBadDirectoryBesideItsField() throws Exception {
		changeDraftValidates(POLICY);
		this.mvc.perform(saveDirectory("etc/forwards"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "directory"))
			.andExpect(content().string(containsString("&#39;etc/forwards&#39; must be an absolute path")));
	}

	@Test
	void showsDirectoryThatForwardPathDoesNotReadAsGlobalError() throws Exception {
		changeDraftValidates(POLICY);
		this.mvc.perform(saveDirectory("/etc/mail/forwards"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasErrors("form"))
			.andExpect(content().string(containsString(
					"ForwardPath (Security options tab): does not list &#39;/etc/mail/forwards/$u.forward&#39;")));
	}

	@Test
	void refusesOversizedContentWithoutCallingTheService() throws Exception {
		this.mvc.perform(saveOverride("carol", "x".repeat(200_001)))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("override", "content"));
		verify(this.policies, never()).putOverride(any(), anyLong(), any());
	}

	@Test
	void showsTheLabelsItsMessagesNameFieldsBy() throws Exception {
		String html = this.mvc.perform(get(URL).with(user("ed").roles("EDITOR")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		FormFieldsCoverage.assertLabelsShown(html, ForwardsController.DIRECTORY_FIELDS);
		FormFieldsCoverage.assertLabelsShown(html, ForwardsController.OVERRIDE_FIELDS);
	}

}
