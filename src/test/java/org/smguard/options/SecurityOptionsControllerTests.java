package org.smguard.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.ArgumentCaptor;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.Forwards;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.SecurityOptionsValidator;
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
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
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
 * Tests for {@link SecurityOptionsController}.
 */
@WebMvcTest(SecurityOptionsController.class)
@Import(SecurityConfiguration.class)
class SecurityOptionsControllerTests {

	private static final String URL = "/policies/default/options";

	private static final List<String> DEBIAN_PRIVACY = StockPolicy.debian().options().privacyOptions();

	private static final String SET_PRIVACY = "options[PrivacyOptions].set";

	private static final String PRIVACY_FLAGS = "options[PrivacyOptions].flags";

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

	/** Makes the mocked service apply the change to {@code base} and validate it. */
	private void changeDraftValidates(Policy base) {
		DraftTabMocks.changeDraftValidates(this.policies, base);
	}

	private void changeDraftValidates() {
		changeDraftValidates(StockPolicy.debian());
	}

	@SuppressWarnings("unchecked")
	private SecurityOptions appliedChange() {
		ArgumentCaptor<UnaryOperator<Policy>> change = ArgumentCaptor.forClass(UnaryOperator.class);
		verify(this.policies).changeSection(eq("default"), eq(7L), any(), change.capture());
		return change.getValue().apply(StockPolicy.debian()).options();
	}

	/**
	 * What a browser sends for Debian's stock options unchanged: an unticked box sends
	 * only its {@code _} marker, an empty input the empty string.
	 */
	private static Map<String, String[]> stockForm() {
		Map<String, String[]> form = new LinkedHashMap<>();
		form.put("draftRevision", new String[] { "7" });
		set(form, "DefaultUser", "mail:mail");
		set(form, "ForwardPath", "$z/.forward.$w:$z/.forward");
		set(form, "LogLevel", "9");
		unset(form, "PostmasterCopy");
		form.put(SET_PRIVACY, new String[] { "true" });
		form.put("_" + SET_PRIVACY, new String[] { "on" });
		form.put(PRIVACY_FLAGS, DEBIAN_PRIVACY.toArray(String[]::new));
		form.put("_" + PRIVACY_FLAGS, new String[] { "on" });
		set(form, "SafeFileEnvironment", "/");
		set(form, "TempFileMode", "0640");
		return form;
	}

	private static void set(Map<String, String[]> form, String option, String value) {
		form.put(set(option), new String[] { "true" });
		form.put("_" + set(option), new String[] { "on" });
		form.put(value(option), new String[] { value });
	}

	private static void unset(Map<String, String[]> form, String option) {
		form.remove(set(option));
		form.put("_" + set(option), new String[] { "on" });
		form.put(value(option), new String[] { "" });
	}

	private static String set(String option) {
		return "options[" + option + "].set";
	}

	private static String value(String option) {
		return "options[" + option + "].value";
	}

	private static MockHttpServletRequestBuilder save(Map<String, String[]> form) {
		MockHttpServletRequestBuilder request = post(URL).with(user("ed").roles("EDITOR")).with(csrf());
		form.forEach(request::param);
		return request;
	}

	@Test
	void redirectsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get(URL)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		verifyNoInteractions(this.policies);
	}

	@Test
	void showsOptionsReadOnlyToViewer() throws Exception {
		this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name(SecurityOptionsController.VIEW))
			.andExpect(content().string(containsString("value=\"mail:mail\"")))
			.andExpect(content().string(containsString("goaway,restrictmailq,restrictqrun")))
			.andExpect(content().string(containsString("Recommended: <code>0600</code>")))
			.andExpect(content().string(not(containsString("Save to draft"))));
	}

	@Test
	void showsEveryPrivacyFlagInTheConsolesOrderAndTicksTheDraftsFlags() throws Exception {
		String html = this.mvc.perform(get(URL).with(user("ed").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Save to draft")))
			.andExpect(content().string(containsString("name=\"draftRevision\" value=\"7\"")))
			.andExpect(
					content().string(matchesPattern("(?s).*<input [^>]*value=\"authwarnings\"[^>]* checked[^>]*>.*")))
			.andExpect(content().string(matchesPattern("(?s).*<input [^>]*value=\"goaway\"(?![^>]*checked)[^>]*>.*")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		int previous = -1;
		for (String flag : SecurityOptionsValidator.PRIVACY_FLAGS) {
			int position = html.indexOf("value=\"" + flag + "\"");
			assertThat(position).as(flag).isGreaterThan(previous);
			previous = position;
		}
	}

	@ParameterizedTest
	@EnumSource(ManagedOption.class)
	void showsEveryOptionOfTheTableWithItsHelpRecommendationAndInputs(ManagedOption option) throws Exception {
		String name = option.cfName();
		String fieldset = fieldset(this.mvc.perform(get(URL).with(user("ed").roles("EDITOR")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(), option);
		assertThat(fieldset).contains("<legend>" + name + "</legend>", HtmlUtils.htmlEscape(option.help()),
				"Recommended: <code>" + HtmlUtils.htmlEscape(option.recommended()) + "</code>",
				"Value: " + HtmlUtils.htmlEscape(option.format()), "name=\"options[" + name + "].set\"");
		if (option.kind().isFlagSet()) {
			for (String flag : option.choices()) {
				assertThat(fieldset).containsPattern(
						"<input [^>]*value=\"" + flag + "\"[^>]* name=\"options\\[" + name + "]\\.flags\"");
			}
		}
		else {
			assertThat(fieldset).containsPattern("<input [^>]*name=\"options\\[" + name + "]\\.value\"");
		}
	}

	@ParameterizedTest
	@EnumSource(ManagedOption.class)
	void showsEachOptionsErrorInsideItsFieldset(ManagedOption option) throws Exception {
		changeDraftValidates();
		Map<String, String[]> form = stockForm();
		if (option.kind().isFlagSet()) {
			form.put("options[" + option.cfName() + "].flags", new String[] { "nosuchflag" });
		}
		else {
			set(form, option.cfName(), option.kind().isNumber() ? "100" : "no value\n");
		}
		String html = this.mvc.perform(save(form))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", SecurityOptionsForm.field(option)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(fieldset(html, option)).contains("class=\"field-errors\"");
		assertThat(html).doesNotContain("class=\"global-errors\"");
	}

	/** The option's fieldset of the page. */
	private static String fieldset(String html, ManagedOption option) {
		int start = html.indexOf("<fieldset id=\"option-" + option.cfName() + "\"");
		assertThat(start).as(option.cfName()).isNotNegative();
		return html.substring(start, html.indexOf("</fieldset>", start));
	}

	@Test
	void leavesUnsetOptionsUnticked() throws Exception {
		this.mvc.perform(get(URL).with(user("ed").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(model().attribute("form",
					hasProperty("options", hasEntry(equalTo("PostmasterCopy"), hasProperty("set", equalTo(false))))))
			.andExpect(content().string(containsString("name=\"options[PostmasterCopy].set\" value=\"true\">")))
			.andExpect(content().string(containsString("name=\"options[DefaultUser].set\" value=\"true\" checked")));
	}

	@Test
	void showsWarningsOfTheStoredDraft() throws Exception {
		SecurityOptions o = StockPolicy.debian().options();
		Policy lax = StockPolicy.debian()
			.withOptions(new SecurityOptions(o.defaultUser(), o.forwardPath(), o.logLevel(), o.postmasterCopy(),
					o.privacyOptions(), o.safeFileEnvironment(), "0666"));
		given(this.policies.draftSettings("default")).willReturn(draft(lax));
		this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("&#39;0666&#39; is the mode of sendmail")))
			.andExpect(content().string(containsString("lets the group or other users write them")));
	}

	@Test
	void refusesPostWithoutCsrfToken() throws Exception {
		MockHttpServletRequestBuilder request = post(URL).with(user("ed").roles("EDITOR"));
		stockForm().forEach(request::param);
		this.mvc.perform(request).andExpect(status().isForbidden());
		verifyNoInteractions(this.policies);
	}

	@Test
	void reportsLogLevelThatIsNoNumberBesideItWithoutCallingTheService() throws Exception {
		Map<String, String[]> form = stockForm();
		set(form, "LogLevel", "twelve");
		this.mvc.perform(save(form))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("form", "options[LogLevel].value", "notANumber"))
			.andExpect(content().string(containsString("<li>must be a whole number 0-99</li>")))
			.andExpect(content().string(containsString("value=\"twelve\"")));
		verify(this.policies, never()).changeSection(any(), anyLong(), any(), any());
	}

	@Test
	void reportsLogLevelOutOfRangeBesideIt() throws Exception {
		changeDraftValidates();
		Map<String, String[]> form = stockForm();
		set(form, "LogLevel", "100");
		this.mvc.perform(save(form))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "options[LogLevel].value"))
			.andExpect(content().string(containsString("&#39;100&#39; must be a whole number from 0 to 99")));
	}

	@Test
	void ignoresValueOfUnsetLogLevel() throws Exception {
		changeDraftValidates();
		Map<String, String[]> form = stockForm();
		unset(form, "LogLevel");
		form.put(value("LogLevel"), new String[] { "twelve" });
		this.mvc.perform(save(form)).andExpect(status().isFound());
		assertThat(appliedChange().logLevel()).isNull();
	}

	@Test
	void reportsRootAsDefaultUserBesideIt() throws Exception {
		changeDraftValidates();
		Map<String, String[]> form = stockForm();
		set(form, "DefaultUser", "root:mail");
		this.mvc.perform(save(form))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "options[DefaultUser].value"))
			.andExpect(content().string(containsString("&#39;root&#39; is a privileged user")));
	}

	@Test
	void reportsForwardPathThatSkipsOverrideFilesBesideIt() throws Exception {
		changeDraftValidates(StockPolicy.debian()
			.withForwards(new Forwards(Forwards.DEFAULT_DIRECTORY, List.of(new Forwards.OverrideFile("bob", "")))));
		Map<String, String[]> form = stockForm();
		set(form, "ForwardPath", "$z/.forward:/usr/local/etc/forwards/$u.forward");
		this.mvc.perform(save(form))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "options[ForwardPath].value"))
			.andExpect(content().string(containsString("<li>lists &#39;$z/.forward&#39;, a file the user can write")));
	}

	@Test
	void savesEmptyForwardPathAsTurningForwardFilesOff() throws Exception {
		changeDraftValidates();
		Map<String, String[]> form = stockForm();
		set(form, "ForwardPath", "");
		this.mvc.perform(save(form)).andExpect(status().isFound());
		assertThat(appliedChange().forwardPath()).isEmpty();
	}

	@Test
	void savesUntickedForwardPathAsUnset() throws Exception {
		changeDraftValidates();
		Map<String, String[]> form = stockForm();
		unset(form, "ForwardPath");
		this.mvc.perform(save(form)).andExpect(status().isFound());
		assertThat(appliedChange().forwardPath()).isNull();
	}

	@Test
	void savesEveryOptionAndRedirects() throws Exception {
		changeDraftValidates();
		Map<String, String[]> form = stockForm();
		set(form, "DefaultUser", "mailnull:mailnull");
		set(form, "ForwardPath", "/usr/local/etc/forwards/$u.forward:$z/.forward");
		set(form, "LogLevel", " 12 ");
		set(form, "PostmasterCopy", "postmaster,securitymaster");
		form.put(PRIVACY_FLAGS, new String[] { "restrictqrun", "goaway", "restrictmailq" });
		set(form, "SafeFileEnvironment", "/");
		set(form, "TempFileMode", "0600");
		this.mvc.perform(save(form))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl(URL))
			.andExpect(flash().attribute("message", "Security options saved in the draft."));
		assertThat(appliedChange())
			.isEqualTo(new SecurityOptions("mailnull:mailnull", "/usr/local/etc/forwards/$u.forward:$z/.forward", 12,
					"postmaster,securitymaster", List.of("restrictmailq", "restrictqrun", "goaway"), "/", "0600"));
	}

	@Test
	void keepsTheDraftsOrderOfUnchangedPrivacyFlags() throws Exception {
		changeDraftValidates();
		Map<String, String[]> form = stockForm();
		List<String> reversed = new ArrayList<>(DEBIAN_PRIVACY);
		Collections.reverse(reversed);
		form.put(PRIVACY_FLAGS, reversed.toArray(String[]::new));
		set(form, "TempFileMode", "0600");
		this.mvc.perform(save(form)).andExpect(status().isFound());
		assertThat(appliedChange().privacyOptions()).isEqualTo(DEBIAN_PRIVACY);
	}

	@Test
	void ordersChangedPrivacyFlagsAsTheConsoleLists() throws Exception {
		changeDraftValidates();
		Map<String, String[]> form = stockForm();
		form.put(PRIVACY_FLAGS, new String[] { "authwarnings", "goaway", "restrictqrun", "needmailhelo" });
		this.mvc.perform(save(form)).andExpect(status().isFound());
		assertThat(appliedChange().privacyOptions()).containsExactly("needmailhelo", "restrictqrun", "authwarnings",
				"goaway");
	}

	@Test
	void savesPrivacyOptionsSetWithoutFlagsAsEmptyAndUntickedAsUnset() throws Exception {
		changeDraftValidates();
		Map<String, String[]> form = stockForm();
		form.remove(PRIVACY_FLAGS);
		this.mvc.perform(save(form)).andExpect(status().isFound());
		assertThat(appliedChange().privacyOptions()).isEmpty();
	}

	@Test
	void savesUntickedPrivacyOptionsAsUnset() throws Exception {
		changeDraftValidates();
		Map<String, String[]> form = stockForm();
		form.remove(SET_PRIVACY);
		this.mvc.perform(save(form)).andExpect(status().isFound());
		assertThat(appliedChange().privacyOptions()).isNull();
	}

	@Test
	void reportsUnknownPrivacyFlagFromForgedRequest() throws Exception {
		changeDraftValidates();
		Map<String, String[]> form = stockForm();
		form.put(PRIVACY_FLAGS, new String[] { "goaway", "nosuchflag" });
		this.mvc.perform(save(form))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", PRIVACY_FLAGS))
			.andExpect(content().string(containsString("&#39;nosuchflag&#39; is not a known privacy flag")));
	}

	@Test
	void showsTheLabelsItsMessagesNameFieldsBy() throws Exception {
		String html = this.mvc.perform(get(URL).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		FormFieldsCoverage.assertLabelsShown(html, SecurityOptionsForm.FIELDS);
	}

}
