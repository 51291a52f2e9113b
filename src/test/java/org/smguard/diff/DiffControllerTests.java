package org.smguard.diff;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.system.NotFoundException;
import org.smguard.system.SecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Tests for {@link DiffController}: the compare page with its sections and coloured,
 * escaped unified diffs, the download, the compare form, and who may see it.
 */
@WebMvcTest(DiffController.class)
@Import(SecurityConfiguration.class)
class DiffControllerTests {

	private static final String PAGE = "/policies/default/versions/1/diff/2";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private DiffService diffs;

	@BeforeEach
	void diffs() {
		given(this.diffs.diff("default", 1, 2)).willReturn(TestDiffs.stockToEdited());
		given(this.diffs.diff("default", 2, 2)).willReturn(TestDiffs.same());
		given(this.diffs.diff("default", 1, 9)).willThrow(new NotFoundException("policy 'default' has no version 9"));
	}

	@Test
	void sendsAnAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get(PAGE)).andExpect(redirectedUrl("/login"));
		verifyNoInteractions(this.diffs);
	}

	@Test
	void showsWhatChangedSectionBySection() throws Exception {
		this.mvc.perform(get(PAGE).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name(DiffController.DIFF_VIEW))
			.andExpect(content().string(containsString("<ins class=\"diff-added\"><code>listmaster</code></ins>")))
			.andExpect(content().string(containsString("<tr id=\"option-LogLevel\">")))
			.andExpect(content().string(containsString("<td class=\"diff-added\"><span class=\"muted\">unset</span>")))
			.andExpect(content().string(containsString("<td class=\"diff-removed\"><code>9</code>")))
			.andExpect(content().string(containsString("Added (1):")));
	}

	@Test
	void coloursTheLinesOfEachFileAndEscapesTheirText() throws Exception {
		String html = this.mvc.perform(get(PAGE).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("<tr class=\"diff-removed\"><td><pre>-O LogLevel=9</pre></td></tr>")
			.contains("<tr class=\"diff-added\"><td><pre>+#O LogLevel=9</pre></td></tr>")
			.contains("<tr class=\"diff-hunk\"><td><pre>@@ -0,0 +1 @@</pre></td></tr>")
			.contains("+&lt;script&gt;alert(&#39;bob&#39;)&lt;/script&gt;")
			.doesNotContain("<script>alert")
			.doesNotContain("style=");
	}

	@Test
	void saysSoWhenTwoVersionsAreTheSame() throws Exception {
		this.mvc.perform(get("/policies/default/versions/2/diff/2").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"no-changes\"")))
			.andExpect(content().string(containsString("Every rendered file is the same in both versions.")));
	}

	@Test
	void downloadsTheUnifiedDiff() throws Exception {
		this.mvc.perform(get(PAGE + "?download=true").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/x-diff"))
			.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, startsWith("attachment")))
			.andExpect(content().string(startsWith("diff --git a/sendmail.cf b/sendmail.cf\n")));
	}

	@Test
	void showsTheNotFoundPageForAVersionThatDoesNotExist() throws Exception {
		this.mvc.perform(get("/policies/default/versions/1/diff/9").with(user("vic").roles("VIEWER")))
			.andExpect(status().isNotFound());
	}

	@Test
	void sendsTheCompareFormToTheDiffOfTheTwoVersions() throws Exception {
		this.mvc.perform(get("/policies/default/diff?from=3&to=1").with(user("vic").roles("VIEWER")))
			.andExpect(redirectedUrl("/policies/default/versions/3/diff/1"));
		verifyNoInteractions(this.diffs);
	}

}
