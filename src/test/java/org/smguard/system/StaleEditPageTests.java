package org.smguard.system;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.policy.DraftSection;
import org.smguard.policy.DraftSettings;
import org.smguard.policy.PolicyService;
import org.smguard.policy.Shells;
import org.smguard.testing.SignedIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Two people editing the same draft in the browser, with the real services: a save of one
 * tab goes through after another tab changed, a stale save of the same tab gets the
 * conflict page, which keeps what was typed and can send it again on top of the current
 * draft.
 */
@SpringBootTest
@AutoConfigureMockMvc
@DirtiesContext
@WithMockUser(username = "second-editor", roles = "EDITOR")
class StaleEditPageTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> "stale-operator-secret");
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private PolicyService policies;

	private long revision() {
		return draft().revision();
	}

	private DraftSettings draft() {
		return asFirstEditor(() -> this.policies.draftSettings("default"));
	}

	/** Another editor changes the shells while the page of this one is open. */
	private void someoneElseChangesShells(long loaded) {
		asFirstEditor(() -> this.policies.changeSection("default", loaded, DraftSection.SHELLS,
				(p) -> p.withShells(new Shells(List.of("/bin/sh", "/bin/dash"), false))));
	}

	/**
	 * Runs a service call as the other editor (MockMvc clears the test's own context).
	 */
	private static <T> T asFirstEditor(Supplier<T> call) {
		return SignedIn.as("first-editor", call, "EDITOR");
	}

	@Test
	void savesATabThatNobodyElseChanged() throws Exception {
		long loaded = revision();
		someoneElseChangesShells(loaded);
		this.mvc
			.perform(post("/policies/default/trusted-users").with(csrf())
				.param("draftRevision", Long.toString(loaded))
				.param("lineStyle", "T")
				.param("users", "root\ndaemon\nlistmaster"))
			.andExpect(status().is3xxRedirection());
		assertThat(draft().policy().trustedUsers().users()).contains("listmaster");
		assertThat(draft().policy().shells().entries()).contains("/bin/dash");
	}

	@Test
	void keepsWhatWasTypedOnTheConflictPageAndSendsItAgain() throws Exception {
		long loaded = revision();
		someoneElseChangesShells(loaded);
		long current = revision();
		String page = this.mvc
			.perform(post("/policies/default/shells").with(csrf())
				.param("draftRevision", Long.toString(loaded))
				.param("entries", "/bin/sh\n/usr/bin/<fish>"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("The draft changed while you were editing")))
			.andExpect(content().string(containsString("shells.entries")))
			.andExpect(content().string(containsString("What you typed")))
			.andExpect(content().string(containsString("/bin/sh\n/usr/bin/&lt;fish&gt;</textarea>")))
			.andExpect(content().string(containsString("name=\"draftRevision\" value=\"" + current + "\"")))
			.andExpect(content().string(not(containsString("value=\"" + loaded + "\""))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("action=\"/policies/default/shells\"");
		assertThat(draft().policy().shells().entries()).contains("/bin/dash");

		this.mvc
			.perform(post("/policies/default/shells").with(csrf())
				.param("draftRevision", Long.toString(current))
				.param("entries", "/bin/sh\n/usr/bin/fish"))
			.andExpect(status().is3xxRedirection());
		assertThat(draft().policy().shells().entries()).containsExactly("/bin/sh", "/usr/bin/fish");
	}

}
