package org.smguard.importer;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.PolicyService;
import org.smguard.policy.StockPolicy;
import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.ValidationException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link ImportController}.
 */
@WebMvcTest(ImportController.class)
@Import(SecurityConfiguration.class)
class ImportControllerTests {

	private static final MockMultipartFile SHELLS = new MockMultipartFile("shells", "shells", "text/plain",
			"/bin/sh\n".getBytes());

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ImportService imports;

	@MockitoBean
	private PolicyService policies;

	@BeforeEach
	void draft() {
		given(this.policies.draftSettings("default")).willReturn(new DraftSettings("default", 4, 1,
				StockPolicy.debian(), 0, "alice", Instant.parse("2025-01-01T00:00:00Z")));
	}

	@Test
	void sendsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get("/policies/default/import")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void showsUploadFormToEditorOnly() throws Exception {
		this.mvc.perform(get("/policies/default/import").with(user("ed").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"import-form\"")));
		this.mvc.perform(get("/policies/default/import").with(user("vic").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("id=\"import-form\""))));
	}

	@Test
	void refusesUploadWithoutCsrfToken() throws Exception {
		this.mvc
			.perform(multipart("/policies/default/import").file(SHELLS)
				.param("draftRevision", "4")
				.with(user("ed").roles("EDITOR")))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.imports);
	}

	@Test
	void importsAndShowsWhatWasTaken() throws Exception {
		given(this.imports.importFiles(eq("default"), eq(4L), any()))
			.willReturn(new ImportReport(5, List.of("shells: 1 valid shells"), List.of()));
		this.mvc
			.perform(multipart("/policies/default/import").file(SHELLS)
				.param("draftRevision", "4")
				.with(user("ed").roles("EDITOR"))
				.with(csrf()))
			.andExpect(redirectedUrl("/policies/default/import"))
			.andExpect(flash().attributeExists("report"));
		ArgumentCaptor<HostFiles> files = ArgumentCaptor.forClass(HostFiles.class);
		verify(this.imports).importFiles(eq("default"), eq(4L), files.capture());
		assertThat(files.getValue().shells()).isEqualTo("/bin/sh\n".getBytes());
		assertThat(files.getValue().cf()).isNull();
	}

	@Test
	void showsRefusalWithFieldAndStatus400() throws Exception {
		given(this.imports.importFiles(eq("default"), eq(4L), any()))
			.willThrow(new ValidationException("cf", "line 12: LogLevel 'abc' is not a whole number 0-99"));
		this.mvc
			.perform(multipart("/policies/default/import").file(SHELLS)
				.param("draftRevision", "4")
				.with(user("ed").roles("EDITOR"))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("line 12: LogLevel &#39;abc&#39; is not a whole number")));
	}

}
