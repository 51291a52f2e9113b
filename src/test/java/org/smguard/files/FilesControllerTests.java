package org.smguard.files;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.PolicyService;
import org.smguard.policy.StockPolicy;
import org.smguard.render.RenderedFile;
import org.smguard.render.SendmailCheck;
import org.smguard.system.NotFoundException;
import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.Violation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link FilesController}: the file list, one file with line numbers, its
 * download, and the check page.
 */
@WebMvcTest(FilesController.class)
@Import(SecurityConfiguration.class)
class FilesControllerTests {

	private static final RenderedFile SHELLS = new RenderedFile("shells", "/etc/shells", "root:root", "0644",
			"# /etc/shells: valid login shells\n/bin/sh\n/bin/<b>bash</b>\n");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private RenderService render;

	@MockitoBean
	private PolicyService policies;

	@BeforeEach
	void draft() {
		given(this.policies.draftSettings("default")).willReturn(new DraftSettings("default", 3, 1,
				StockPolicy.debian(), 0, "alice", Instant.parse("2025-01-01T00:00:00Z")));
		given(this.render.draftFiles("default")).willReturn(List.of(SHELLS));
		given(this.render.draftFile("default", "shells")).willReturn(SHELLS);
		given(this.render.draftFile("default", "passwd")).willThrow(new NotFoundException("no file named 'passwd'"));
	}

	@Test
	void sendsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get("/policies/default/files")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void listsFilesWithPathModeSizeAndHash() throws Exception {
		this.mvc.perform(get("/policies/default/files").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/etc/shells")))
			.andExpect(content().string(containsString("0644")))
			.andExpect(content().string(containsString(SHELLS.sha256().substring(0, 12))));
	}

	@Test
	void showsFileWithLineNumbersAndEscapedText() throws Exception {
		this.mvc.perform(get("/policies/default/files/shells").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"L3\"")))
			.andExpect(content().string(containsString("/bin/&lt;b&gt;bash&lt;/b&gt;")));
	}

	@Test
	void downloadsFileAsAttachmentWithItsBytes() throws Exception {
		this.mvc.perform(get("/policies/default/files/shells?download=true").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("attachment")))
			.andExpect(header().string("ETag", "\"" + SHELLS.sha256() + "\""))
			.andExpect(content().bytes(SHELLS.bytes()));
	}

	@Test
	void answersNotFoundForUnknownFile() throws Exception {
		this.mvc.perform(get("/policies/default/files/passwd").with(user("vic").roles("VIEWER")))
			.andExpect(status().isNotFound());
	}

	@Test
	void answersNotFoundForUnknownVersion() throws Exception {
		given(this.render.versionFiles("default", 9)).willThrow(new NotFoundException("no version 9"));
		this.mvc.perform(get("/policies/default/versions/9/files").with(user("vic").roles("VIEWER")))
			.andExpect(status().isNotFound());
	}

	@Test
	void showsCheckOutcomeWithFieldsOfErrorsAndWarnings() throws Exception {
		given(this.render.validateDraft("default")).willReturn(new RenderService.Report(
				List.of(new Violation("trustedUsers.users",
						"sendmail's class t differs from the policy: extra [evil]")),
				List.of(new Violation("options.DefaultUser", "unknown user mailnull")), SendmailCheck.Status.FAILED,
				null));
		this.mvc.perform(get("/policies/default/check").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("failed")))
			.andExpect(content().string(containsString("Trusted users, users: sendmail&#39;s class t differs")))
			.andExpect(content().string(containsString("Options, DefaultUser: unknown user mailnull")))
			.andExpect(content().string(not(containsString("options.DefaultUser"))));
	}

}
