package org.smguard.files;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.smguard.render.SendmailCheck;
import org.smguard.sandbox.SandboxBusyException;
import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.Violation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link RenderApiController}'s validate endpoint: its answer's shape, and 429
 * when every sendmail sandbox slot stays busy.
 */
@WebMvcTest(RenderApiController.class)
@Import(SecurityConfiguration.class)
class RenderApiControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private RenderService render;

	@Test
	void refusesAnAnonymousCaller() throws Exception {
		this.mvc.perform(post("/api/v1/policies/default/draft/validate").with(httpBasic("nobody", "wrong")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void answersErrorsWarningsAndTheCheckStatus() throws Exception {
		given(this.render.validateDraft("default"))
			.willReturn(new RenderService.Report(List.of(), List.of(new Violation("sendmailCheck", "no bubblewrap")),
					SendmailCheck.Status.SKIPPED, "no bubblewrap"));
		this.mvc.perform(post("/api/v1/policies/default/draft/validate").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sendmailCheck").value("skipped"))
			.andExpect(jsonPath("$.warnings[0].field").value("sendmailCheck"));
	}

	@Test
	void answers429WhenTheSandboxStaysBusy() throws Exception {
		given(this.render.validateDraft("default")).willThrow(
				new SandboxBusyException("all 2 sendmail sandbox slots stayed busy for 10 s: try again shortly"));
		this.mvc.perform(post("/api/v1/policies/default/draft/validate").with(user("vic").roles("VIEWER")))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(content().string(containsString("slots stayed busy")));
	}

}
