package org.smguard.system;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.smguard.policy.PolicyService;
import org.smguard.policy.Shells;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The role matrix over the browser's forms, with the real services and their method
 * security (no stubs): a VIEWER's valid change is refused with 403 and changes nothing;
 * the same change by an EDITOR is saved.
 */
@SpringBootTest
@AutoConfigureMockMvc
@DirtiesContext
class BrowserFormRoleTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> "matrix-admin-secret");
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private PolicyService policies;

	static Stream<Arguments> forms() {
		return Stream.of(Arguments.of("trusted-users", Map.of("lineStyle", "T", "users", "root\ndaemon\nmajordomo")),
				Arguments.of("shells", Map.of("entries", "/bin/sh\n/bin/zsh")),
				Arguments.of("smrsh",
						Map.of("enabled", "true", "smrshPath", "/usr/libexec/sendmail/smrsh", "binDirectory",
								"/etc/mail/smrsh", "programs", "vacation /usr/bin/vacation")),
				Arguments.of("forwards", Map.of("directory", "/srv/forwards")),
				Arguments.of("options", Map.of("options[LogLevel].set", "true", "options[LogLevel].value", "12")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forms")
	void refusesAViewersChangeAndSavesAnEditors(String tab, Map<String, String> fields) throws Exception {
		long before = revision();
		this.mvc.perform(form("/policies/default/" + tab, fields, before).with(user("vic").roles("VIEWER")))
			.andExpect(status().isForbidden());
		assertThat(revision()).as("a viewer changed nothing").isEqualTo(before);

		this.mvc.perform(form("/policies/default/" + tab, fields, before).with(user("eve").roles("EDITOR")))
			.andExpect(status().is3xxRedirection());
		assertThat(revision()).as("an editor's change is saved").isGreaterThan(before);
	}

	@ParameterizedTest(name = "{0} saves a version")
	@MethodSource("roles")
	void letsOnlyAnEditorSaveAVersion(String role, boolean allowed) throws Exception {
		long current = revision();
		// Each save needs a change to save.
		asAdmin(() -> this.policies.changeDraft("default", current, (policy) -> policy
			.withShells(new Shells(List.of("/bin/sh", "/bin/" + role.toLowerCase(Locale.ROOT)), false))));
		long versions = versionCount();
		long revision = revision();
		this.mvc
			.perform(form("/policies/default/versions", Map.of("message", "by " + role), revision)
				.with(user("someone").roles(role)))
			.andExpect(allowed ? status().is3xxRedirection() : status().isForbidden());
		assertThat(versionCount()).isEqualTo(allowed ? versions + 1 : versions);
	}

	static Stream<Arguments> roles() {
		return Stream.of(Arguments.of("VIEWER", false), Arguments.of("REVIEWER", false), Arguments.of("EDITOR", true),
				Arguments.of("ADMIN", true));
	}

	private long revision() {
		return asAdmin(() -> this.policies.draft("default").revision());
	}

	private long versionCount() {
		return asAdmin(() -> this.policies.versions("default", 0, 1).totalItems());
	}

	/** Reads the policy with the service's own method security, as an admin. */
	private static <T> T asAdmin(Supplier<T> read) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("matrix-admin", null,
					AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
		try {
			return read.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static MockHttpServletRequestBuilder form(String path, Map<String, String> fields, long revision) {
		MockHttpServletRequestBuilder request = post(path).with(csrf())
			.param("draftRevision", String.valueOf(revision));
		fields.forEach(request::param);
		return request;
	}

}
