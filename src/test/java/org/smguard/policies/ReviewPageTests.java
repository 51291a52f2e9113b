package org.smguard.policies;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.policy.DraftSection;
import org.smguard.policy.PolicyService;
import org.smguard.policy.Shells;
import org.smguard.testing.SignedIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The review on the version page, with the real services: each person sees the buttons
 * their role and authorship allow, and a refused step says why on the page.
 */
@SpringBootTest
@AutoConfigureMockMvc
@DirtiesContext
class ReviewPageTests {

	private static final String PAGE = "/policies/default/versions/1";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> "review-page-operator-secret");
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private PolicyService policies;

	private static final RequestPostProcessor AUTHOR = user("erin").roles("EDITOR");

	private static final RequestPostProcessor REVIEWER = user("rhea").roles("REVIEWER");

	@Test
	void takesAVersionFromSavedToCurrentOnItsPage() throws Exception {
		SignedIn.as("erin", () -> {
			long revision = this.policies.draftSettings("default").revision();
			this.policies.changeSection("default", revision, DraftSection.SHELLS,
					(p) -> p.withShells(new Shells(List.of("/bin/sh", "/bin/bash"), false)));
			return this.policies.saveVersion("default", "Allow bash", null);
		}, "EDITOR");
		this.mvc.perform(get(PAGE).with(AUTHOR))
			.andExpect(content().string(containsString("Propose for review")))
			.andExpect(content().string(not(containsString("id=\"approve\""))));
		this.mvc.perform(get(PAGE).with(REVIEWER))
			.andExpect(content().string(not(containsString("Propose for review"))))
			.andExpect(content().string(not(containsString("id=\"approve\""))));

		this.mvc.perform(post(PAGE + "/propose").with(AUTHOR).with(csrf()).param("comment", "bash for admins"))
			.andExpect(redirectedUrl(PAGE))
			.andExpect(flash().attribute("message", "Version 1 is proposed for review."));
		this.mvc.perform(get(PAGE).with(AUTHOR))
			.andExpect(content().string(containsString("the author cannot approve their own version")))
			.andExpect(content().string(not(containsString("id=\"approve\""))));
		this.mvc.perform(post(PAGE + "/approve").with(user("erin").roles("EDITOR", "REVIEWER")).with(csrf()))
			.andExpect(redirectedUrl(PAGE))
			.andExpect(flash().attribute("errorMessage",
					containsString("the author of version 1 cannot approve it: a second person must")));

		this.mvc.perform(get("/reviews").with(REVIEWER))
			.andExpect(content().string(containsString("Allow bash")))
			.andExpect(content().string(containsString("id=\"nav-reviews\"")));
		this.mvc.perform(get("/reviews").with(user("erin").roles("EDITOR", "REVIEWER")))
			.andExpect(content().string(containsString("Nothing waits for your review.")));
		this.mvc.perform(get(PAGE).with(REVIEWER))
			.andExpect(content().string(containsString("id=\"approve\"")))
			.andExpect(content().string(containsString("id=\"reject\"")))
			.andExpect(content().string(containsString("bash for admins")));
		this.mvc.perform(post(PAGE + "/approve").with(REVIEWER).with(csrf()).param("comment", "fine"))
			.andExpect(flash().attribute("message", "Version 1 is approved."));
		this.mvc.perform(post(PAGE + "/publish").with(REVIEWER).with(csrf()))
			.andExpect(flash().attribute("message", "Version 1 is published: it is now the current version."));
		this.mvc.perform(get(PAGE).with(user("vic").roles("VIEWER")))
			.andExpect(content().string(containsString("id=\"current\"")))
			.andExpect(content().string(containsString("<dd>rhea</dd>")))
			.andExpect(content().string(not(containsString("id=\"publish\""))));
		this.mvc.perform(get("/policies").with(user("vic").roles("VIEWER")))
			.andExpect(content().string(containsString("<td>1</td>")));
	}

	@Test
	void refusesReviewStepsWithoutCsrfToken() throws Exception {
		this.mvc.perform(post(PAGE + "/approve").with(REVIEWER)).andExpect(status().isForbidden());
	}

}
