package org.smguard.diff;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.system.NotFoundException;
import org.smguard.system.SecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link DiffApiController}: the structured diff as JSON, unified diffs with
 * {@code Accept: text/x-diff}, 404 for a version that does not exist and 401 without
 * credentials.
 */
@WebMvcTest(DiffApiController.class)
@Import(SecurityConfiguration.class)
class DiffApiControllerTests {

	private static final String DIFF = "/api/v1/policies/default/versions/1/diff/2";

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
	void refusesAnAnonymousCaller() throws Exception {
		this.mvc.perform(get(DIFF)).andExpect(status().isUnauthorized());
		this.mvc.perform(get(DIFF).with(httpBasic("nobody", "wrong"))).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.diffs);
	}

	@Test
	void refusesAnAccountWithoutARole() throws Exception {
		this.mvc.perform(get(DIFF).with(user("nora").roles())).andExpect(status().isForbidden());
		verifyNoInteractions(this.diffs);
	}

	@Test
	void answersTheStructuredDiffAsJson() throws Exception {
		this.mvc.perform(get(DIFF).with(user("vic").roles("VIEWER")).accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.policy").value("default"))
			.andExpect(jsonPath("$.from").value(1))
			.andExpect(jsonPath("$.to").value(2))
			.andExpect(jsonPath("$.changed").value(true))
			.andExpect(jsonPath("$.baseCfChanged").value(false))
			.andExpect(jsonPath("$.trustedUsers.added[0]").value("listmaster"))
			.andExpect(jsonPath("$.trustedUsers.lineStyle").value(nullValue()))
			.andExpect(jsonPath("$.options[0].name").value("LogLevel"))
			.andExpect(jsonPath("$.options[0].from").value(9))
			.andExpect(jsonPath("$.options[0].to").value(nullValue()))
			.andExpect(jsonPath("$.options[0].fromText").doesNotExist())
			.andExpect(jsonPath("$.forwards.added[0].user").value("bob"))
			.andExpect(jsonPath("$.files[0].name").value("sendmail.cf"))
			.andExpect(jsonPath("$.files[0].status").value("modified"))
			.andExpect(jsonPath("$.files[0].lines").doesNotExist())
			.andExpect(jsonPath("$.files[2].name").value("bob.forward"))
			.andExpect(jsonPath("$.files[2].status").value("added"));
	}

	@Test
	void answersJsonWhenTheClientTakesAnything() throws Exception {
		this.mvc.perform(get(DIFF).with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
		this.mvc.perform(get(DIFF).with(user("vic").roles("VIEWER")).header(HttpHeaders.ACCEPT, "*/*"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
	}

	@Test
	void answersUnifiedDiffsForTextXDiff() throws Exception {
		this.mvc.perform(get(DIFF).with(user("vic").roles("VIEWER")).header(HttpHeaders.ACCEPT, "text/x-diff"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/x-diff"))
			.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, containsString("default-1-2.diff")))
			.andExpect(content().string(startsWith("diff --git a/sendmail.cf b/sendmail.cf\n--- a/sendmail.cf\n")))
			.andExpect(content().string(containsString("\n-O LogLevel=9\n+#O LogLevel=9\n")))
			.andExpect(content().string(containsString(
					"diff --git a/bob.forward b/bob.forward\nnew file mode 100644\n--- /dev/null\n+++ b/bob.forward\n"
							+ "@@ -0,0 +1 @@\n+<script>alert('bob')</script>\n")));
	}

	@Test
	void answersAnEmptyDiffForAVersionAndItself() throws Exception {
		this.mvc.perform(get("/api/v1/policies/default/versions/2/diff/2").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changed").value(false))
			.andExpect(jsonPath("$.files").isEmpty());
		this.mvc
			.perform(get("/api/v1/policies/default/versions/2/diff/2").with(user("vic").roles("VIEWER"))
				.header(HttpHeaders.ACCEPT, "text/x-diff"))
			.andExpect(status().isOk())
			.andExpect(content().string(""));
	}

	@Test
	void answersNotFoundForAVersionThatDoesNotExist() throws Exception {
		this.mvc
			.perform(get("/api/v1/policies/default/versions/1/diff/9").with(user("vic").roles("VIEWER"))
				.accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("policy 'default' has no version 9"));
		this.mvc
			.perform(get("/api/v1/policies/default/versions/1/diff/9").with(user("vic").roles("VIEWER"))
				.header(HttpHeaders.ACCEPT, "text/x-diff"))
			.andExpect(status().isNotFound());
	}

	@Test
	void answersNotFoundForAVersionThatIsNoNumber() throws Exception {
		this.mvc.perform(get("/api/v1/policies/default/versions/1/diff/current").with(user("vic").roles("VIEWER")))
			.andExpect(status().isNotFound());
		verifyNoInteractions(this.diffs);
	}

}
