package org.smguard.smrsh;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.StockPolicy;
import org.smguard.system.NotFoundException;
import org.smguard.system.SecurityConfiguration;
import org.smguard.testing.DraftTabMocks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link SmrshSimulateApiController}: the JSON shape of the contract, who may
 * call it, and 400 naming the field for input out of bounds.
 */
@WebMvcTest(SmrshSimulateApiController.class)
@Import({ SecurityConfiguration.class, SmrshSimulation.class })
class SmrshSimulateApiControllerTests {

	private static final String URL = "/api/v1/policies/default/smrsh/simulate";

	private static final Policy DRAFT = StockPolicy.debian().withSmrsh(SmrshSimulatorTests.SMRSH);

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private PolicyService policies;

	@BeforeEach
	void policy() {
		given(this.policies.draftSettings("default")).willReturn(DraftTabMocks.draft(DRAFT));
		given(this.policies.versionSettings("default", 9))
			.willThrow(new NotFoundException("policy 'default' has no version 9"));
	}

	private static MockHttpServletRequestBuilder simulate(String json) {
		return post(URL).with(user("vic").roles("VIEWER")).contentType(MediaType.APPLICATION_JSON).content(json);
	}

	@Test
	void refusesAnAnonymousCaller() throws Exception {
		this.mvc.perform(post(URL).contentType(MediaType.APPLICATION_JSON).content("{\"commands\":[\"x\"]}"))
			.andExpect(status().isUnauthorized());
		this.mvc
			.perform(post(URL).with(httpBasic("nobody", "wrong"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"commands\":[\"x\"]}"))
			.andExpect(status().isUnauthorized());
		verifyNoInteractions(this.policies);
	}

	@Test
	void refusesAnAccountWithoutARole() throws Exception {
		this.mvc
			.perform(post(URL).with(user("nora").roles())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"commands\":[\"x\"]}"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.policies);
	}

	@Test
	void answersTheVerdictsInInputOrder() throws Exception {
		this.mvc.perform(simulate("{\"commands\": [\"vacation eric\", \"cp ; x\", \"echo é\"]}"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.results", hasSize(3)))
			.andExpect(jsonPath("$.results[0].input").value("vacation eric"))
			.andExpect(jsonPath("$.results[0].allowed").value(true))
			.andExpect(jsonPath("$.results[0].program").value("/etc/mail/smrsh/vacation"))
			.andExpect(jsonPath("$.results[0].target").value("/usr/bin/vacation"))
			.andExpect(jsonPath("$.results[0].arguments[0]").value("eric"))
			.andExpect(jsonPath("$.results[0].commands[0].kind").value("sm.bin"))
			.andExpect(jsonPath("$.results[1].allowed").value(false))
			.andExpect(jsonPath("$.results[1].program").doesNotExist())
			.andExpect(jsonPath("$.results[1].message")
				.value("smrsh: \"cp\" not available for sendmail programs (stat failed)"))
			.andExpect(jsonPath("$.results[1].exitCode").value(69))
			.andExpect(jsonPath("$.results[2].message").value("smrsh: cannot use \\xA9 in command"))
			.andExpect(jsonPath("$.format").value("commands"))
			.andExpect(jsonPath("$.smrshEnabled").value(true));
	}

	@Test
	void classifiesTheEntriesOfAText() throws Exception {
		this.mvc.perform(simulate("{\"text\": \"staff: alice, \\\"|/usr/bin/procmail\\\", /var/mail/staff\\n\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.format").value("aliases"))
			.andExpect(jsonPath("$.results[*].kind").value(contains("address", "program", "file")))
			.andExpect(jsonPath("$.results[1].command").value("/usr/bin/procmail"))
			.andExpect(jsonPath("$.results[1].line").value(1));
	}

	@Test
	void refusesInputOutOfBoundsNamingTheField() throws Exception {
		this.mvc.perform(simulate("{\"commands\": [\"vacation\", \"" + "x".repeat(2049) + "\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("commands[1]"));
		this.mvc.perform(simulate("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("commands"));
		this.mvc.perform(simulate("{\"commands\": \"vacation\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("commands"));
		verifyNoInteractions(this.policies);
	}

	@Test
	void answersNotFoundForAVersionThatDoesNotExist() throws Exception {
		this.mvc.perform(simulate("{\"commands\": [\"vacation\"], \"version\": 9}"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("policy 'default' has no version 9"));
	}

}
