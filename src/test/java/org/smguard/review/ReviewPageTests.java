package org.smguard.review;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.policy.DraftSection;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.ReviewService;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Shells;
import org.smguard.policy.Smrsh;
import org.smguard.policy.TrustedUsers;
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

	@Autowired
	private ReviewService review;

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
			.andExpect(content().string(containsString("class=\"advice-summary\"")))
			.andExpect(content().string(containsString("<dd>rhea</dd>")))
			.andExpect(content().string(not(containsString("id=\"publish\""))));
		this.mvc.perform(get("/policies").with(user("vic").roles("VIEWER")))
			.andExpect(content().string(containsString("approved by rhea")));
	}

	@Test
	void showsWhatAVersionChangesItsCheckAndItsButtonsOnOnePage() throws Exception {
		String page = "/policies/reviewed/versions/";
		SignedIn.as("admin", () -> this.policies.create("reviewed", "", null), "ADMIN");
		edit("reviewed", DraftSection.SHELLS, (p) -> p.withShells(new Shells(List.of("/bin/sh", "/bin/bash"), false)));
		save("reviewed", "Allow bash");
		edit("reviewed", DraftSection.TRUSTED_USERS, ReviewPageTests::trustMajordomo);
		edit("reviewed", DraftSection.OPTIONS, ReviewPageTests::logMore);
		save("reviewed", "Trust majordomo, log more");

		this.mvc.perform(get(page + "1/review").with(REVIEWER))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"first-version\"")))
			.andExpect(content().string(containsString("id=\"sendmail-check\"")));
		this.mvc
			.perform(post(page + "2/propose").with(AUTHOR)
				.with(csrf())
				.param("comment", "list server")
				.param("from", "review"))
			.andExpect(redirectedUrl(page + "2/review"));
		this.mvc.perform(get(page + "2/review").with(REVIEWER))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"diff-trusted-users\"")))
			.andExpect(content().string(containsString("<code>majordomo</code>")))
			.andExpect(content().string(containsString("id=\"option-LogLevel\"")))
			.andExpect(content().string(containsString("id=\"file-sendmail.cf\"")))
			.andExpect(content().string(containsString("id=\"no-errors\"")))
			.andExpect(content().string(containsString(">passed<")))
			.andExpect(content().string(containsString("list server")))
			.andExpect(content().string(containsString("id=\"approve\"")))
			.andExpect(content().string(containsString("id=\"advice\"")))
			.andExpect(content().string(containsString("data-rule=\"privacy-options\"")))
			.andExpect(content().string(containsString("LogLevel 12 logs both sides of every SMTP conversation")))
			.andExpect(content().string(containsString("Trusted beyond root, daemon and uucp: majordomo")))
			.andExpect(content().string(not(containsString("id=\"diff-shells\""))))
			.andExpect(content().string(not(containsString("id=\"needs-rebase\""))));
		this.mvc.perform(get(page + "2/review").with(AUTHOR))
			.andExpect(content().string(not(containsString("id=\"approve\""))));
		this.mvc.perform(post(page + "2/approve").with(REVIEWER).with(csrf()).param("from", "review"))
			.andExpect(redirectedUrl(page + "2/review"))
			.andExpect(flash().attribute("message", "Version 2 is approved."));
		this.mvc.perform(get("/reviews").with(REVIEWER))
			.andExpect(content().string(not(containsString("/policies/reviewed/versions/2/review"))));
	}

	@Test
	void flagsAVersionThatMustBeReBasedAndReBasesItFromItsReviewPage() throws Exception {
		String page = "/policies/rebased/versions/";
		SignedIn.as("admin", () -> this.policies.create("rebased", "", null), "ADMIN");
		edit("rebased", DraftSection.SHELLS, (p) -> p.withShells(new Shells(List.of("/bin/sh", "/bin/bash"), false)));
		publish("rebased", save("rebased", "Allow bash"));
		edit("rebased", DraftSection.OPTIONS, ReviewPageTests::logMore);
		publish("rebased", save("rebased", "Log more"));
		edit("rebased", DraftSection.TRUSTED_USERS, ReviewPageTests::trustMajordomo);
		int proposed = save("rebased", "Trust majordomo");
		SignedIn.as("erin", () -> this.review.propose("rebased", proposed, ""), "EDITOR");
		this.mvc.perform(get(page + proposed + "/review").with(REVIEWER))
			.andExpect(content().string(not(containsString("id=\"needs-rebase\""))));
		SignedIn.as("admin", () -> this.review.rollback("rebased", 1, "logging filled the disk", true), "ADMIN",
				"EDITOR");

		this.mvc.perform(get(page + proposed + "/review").with(AUTHOR))
			.andExpect(content().string(containsString("id=\"needs-rebase\"")))
			.andExpect(content().string(containsString("id=\"rebase\"")))
			.andExpect(content().string(containsString("<code>majordomo</code>")));
		this.mvc.perform(post(page + proposed + "/rebase").with(AUTHOR).with(csrf()))
			.andExpect(redirectedUrl(page + (proposed + 2) + "/review"))
			.andExpect(flash().attribute("message", "Version " + (proposed + 2) + " re-bases version " + proposed
					+ " on the current version; it now awaits review."));
		this.mvc.perform(get(page + (proposed + 2) + "/review").with(REVIEWER))
			.andExpect(content().string(not(containsString("id=\"needs-rebase\""))))
			.andExpect(content().string(containsString("<code>majordomo</code>")))
			.andExpect(content().string(not(containsString("id=\"option-LogLevel\""))));
	}

	@Test
	void saysWhatIsCurrentAndWhatTheDraftHoldsInWords() throws Exception {
		String versions = "/policies/worded/versions";
		SignedIn.as("admin", () -> this.policies.create("worded", "", null), "ADMIN");
		this.mvc.perform(get(versions).with(user("vic").roles("VIEWER")))
			.andExpect(content().string(containsString("No version published yet.")))
			.andExpect(content().string(containsString("not saved as a version yet")));
		edit("worded", DraftSection.SHELLS, (p) -> p.withShells(new Shells(List.of("/bin/sh", "/bin/bash"), false)));
		publish("worded", save("worded", "Allow bash"));
		this.mvc.perform(get(versions).with(user("vic").roles("VIEWER")))
			.andExpect(content().string(containsString("approved by rhea")))
			.andExpect(content().string(containsString("UTC")))
			.andExpect(content().string(containsString(">same as version 1<")));

		edit("worded", DraftSection.TRUSTED_USERS, ReviewPageTests::trustMajordomo);
		edit("worded", DraftSection.OPTIONS, (p) -> {
			SecurityOptions o = p.options();
			return p.withOptions(new SecurityOptions(o.defaultUser(), "/usr/local/etc/forwards/$u.forward:$z/.forward",
					12, o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
		});
		for (String user : List.of("alice", "bob")) {
			SignedIn.as("erin", () -> this.policies.putOverride("worded",
					this.policies.draftSettings("worded").revision(), new Forwards.OverrideFile(user, "")), "EDITOR");
		}
		this.mvc.perform(get("/policies").with(user("vic").roles("VIEWER")))
			.andExpect(content().string(containsString("5 changes since version 1, not yet saved as a version")))
			.andExpect(content().string(
					containsString("trustedUsers.users, options.ForwardPath, options.LogLevel, forwards.overrides")));
		SignedIn.as("erin",
				() -> this.policies.removeOverride("worded", this.policies.draftSettings("worded").revision(), "bob"),
				"EDITOR");
		this.mvc.perform(get(versions).with(user("vic").roles("VIEWER")))
			.andExpect(content().string(containsString("4 changes since version 1, not yet saved as a version")));
	}

	@Test
	void asksForAReasonForEachCriticalFindingBeforeApproving() throws Exception {
		String page = "/policies/critical/versions/1";
		SignedIn.as("admin", () -> this.policies.create("critical", "", null), "ADMIN");
		edit("critical", DraftSection.SMRSH,
				(p) -> p.withSmrsh(new Smrsh(true, "/bin/bash", Smrsh.DEFAULT_BIN_DIRECTORY, p.smrsh().programs())));
		save("critical", "smrsh through bash");
		SignedIn.as("erin", () -> this.review.propose("critical", 1, ""), "EDITOR");
		String finding = "smrsh-is-a-shell@smrsh.smrshPath";

		this.mvc.perform(get(page + "/review").with(REVIEWER))
			.andExpect(content().string(containsString("id=\"acknowledgements\"")))
			.andExpect(content().string(containsString("name=\"acknowledge:" + finding + "\"")))
			.andExpect(content().string(containsString("1 critical")));
		this.mvc.perform(post(page + "/approve").with(REVIEWER).with(csrf()).param("from", "review"))
			.andExpect(redirectedUrl(page + "/review"))
			.andExpect(flash().attribute("errorMessage", containsString(
					"Acknowledgement: the critical finding 'The smrsh path is /bin/bash, a program that runs anything'")));
		this.mvc
			.perform(post(page + "/approve").with(REVIEWER)
				.with(csrf())
				.param("from", "review")
				.param("acknowledge:" + finding, "test host, no user accounts"))
			.andExpect(flash().attribute("message", "Version 1 is approved."));
		this.mvc.perform(get(page).with(user("vic").roles("VIEWER")))
			.andExpect(content().string(containsString("id=\"acknowledged\"")))
			.andExpect(content().string(containsString("test host, no user accounts")));
	}

	private void edit(String policy, DraftSection section, UnaryOperator<Policy> change) {
		SignedIn.as("erin", () -> this.policies.changeSection(policy, this.policies.draftSettings(policy).revision(),
				section, change), "EDITOR");
	}

	private int save(String policy, String message) {
		return SignedIn.as("erin", () -> this.policies.saveVersion(policy, message, null), "EDITOR").number();
	}

	private void publish(String policy, int number) {
		SignedIn.as("erin", () -> this.review.propose(policy, number, ""), "EDITOR");
		SignedIn.as("rhea", () -> this.review.approve(policy, number, ""), "REVIEWER");
		SignedIn.as("rhea", () -> this.review.publish(policy, number), "REVIEWER");
	}

	private static Policy trustMajordomo(Policy policy) {
		TrustedUsers trusted = policy.trustedUsers();
		List<String> users = new ArrayList<>(trusted.users());
		users.add("majordomo");
		return policy.withTrustedUsers(new TrustedUsers(trusted.lineStyle(), users, trusted.file()));
	}

	private static Policy logMore(Policy policy) {
		SecurityOptions o = policy.options();
		return policy.withOptions(new SecurityOptions(o.defaultUser(), o.forwardPath(), 12, o.postmasterCopy(),
				o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
	}

	@Test
	void refusesReviewStepsWithoutCsrfToken() throws Exception {
		this.mvc.perform(post(PAGE + "/approve").with(REVIEWER)).andExpect(status().isForbidden());
	}

}
