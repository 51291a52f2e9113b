package org.smguard.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.smguard.policy.Draft;
import org.smguard.policy.DraftSection;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.PolicySummary;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Shells;
import org.smguard.testing.SignedIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The role matrix over the browser's forms, with the real services and their method
 * security (no stubs): a valid change by a VIEWER or REVIEWER is refused with 403 and
 * changes nothing; the same change by an EDITOR or ADMIN is saved; without a session it
 * leads to the sign-in page, without a CSRF token it is refused. Every case starts from
 * the same draft.
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
		registry.add("smguard.admin-password", () -> "matrix-operator-secret");
	}

	/** The draft as the first start made it. */
	private static Policy initial;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private PolicyService policies;

	/**
	 * A form of a draft tab: what it sends, a change of the initial draft, and what the
	 * draft must hold first.
	 */
	record Form(String name, Map<String, String> fields, UnaryOperator<Policy> setUp) {

		Form(String name, Map<String, String> fields) {
			this(name, fields, UnaryOperator.identity());
		}

		String path() {
			return "/policies/default/" + this.name;
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<Form> forms() {
		return Stream.of(new Form("trusted-users", Map.of("lineStyle", "T", "users", "root\ndaemon\nmajordomo")),
				new Form("shells", Map.of("entries", "/bin/sh\n/bin/zsh")),
				new Form("smrsh",
						Map.of("enabled", "true", "smrshPath", "/usr/libexec/sendmail/smrsh", "binDirectory",
								"/etc/mail/smrsh", "programs", "vacation /usr/bin/vacation")),
				new Form("forwards", Map.of("directory", "/srv/forwards")),
				new Form("forwards/overrides", Map.of("user", "carol", "content", "carol@example.org\n"),
						BrowserFormRoleTests::readingOverrides),
				new Form("forwards/overrides/remove", Map.of("user", "bob", "q", "bo", "page", "0"),
						(policy) -> withOverrideOfBob(readingOverrides(policy))),
				new Form("options", Map.of("options[LogLevel].set", "true", "options[LogLevel].value", "12")));
	}

	static Stream<Arguments> formsAndRoles() {
		return forms().flatMap((form) -> Stream.of("VIEWER", "REVIEWER", "EDITOR", "ADMIN")
			.map((role) -> Arguments.of(form, role, role.equals("EDITOR") || role.equals("ADMIN"))));
	}

	@BeforeEach
	void restoreTheInitialDraft() {
		Draft draft = asAdmin(() -> this.policies.draft("default"));
		if (initial == null) {
			initial = draft.policy();
		}
		asAdmin(() -> this.policies.replaceDraft("default", draft.revision(), null, initial));
	}

	@ParameterizedTest(name = "{0} by {1}")
	@MethodSource("formsAndRoles")
	void letsOnlyAnEditorChangeTheDraft(Form form, String role, boolean allowed) throws Exception {
		long before = setUp(form);
		ResultActions result = this.mvc
			.perform(form(form.path(), form.fields(), before).with(user("someone").roles(role)));
		if (allowed) {
			result.andExpect(status().is3xxRedirection());
			assertThat(revision()).as("the change is saved").isGreaterThan(before);
		}
		else {
			result.andExpect(status().isForbidden())
				.andExpect(content().string(containsString("do not allow this action")));
			assertThat(revision()).as("nothing changed").isEqualTo(before);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forms")
	void sendsAChangeWithoutSignInToTheSignInPage(Form form) throws Exception {
		long before = setUp(form);
		this.mvc.perform(form(form.path(), form.fields(), before)).andExpect(redirectedUrl("/login"));
		assertThat(revision()).isEqualTo(before);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forms")
	void refusesAnEditorsChangeWithoutCsrfToken(Form form) throws Exception {
		long before = setUp(form);
		MockHttpServletRequestBuilder request = post(form.path()).param("draftRevision", String.valueOf(before))
			.with(user("eve").roles("EDITOR"));
		form.fields().forEach(request::param);
		this.mvc.perform(request).andExpect(status().isForbidden());
		assertThat(revision()).isEqualTo(before);
	}

	@ParameterizedTest(name = "{0} saves a version")
	@MethodSource("roles")
	void letsOnlyAnEditorSaveAVersion(String role, boolean allowed) throws Exception {
		long current = revision();
		// Each save needs a change to save.
		asAdmin(() -> this.policies.changeSection("default", current, DraftSection.SHELLS, (policy) -> policy
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

	@ParameterizedTest(name = "{0} creates a policy")
	@MethodSource("creators")
	void letsOnlyAnAdminCreateAPolicy(String role, boolean allowed) throws Exception {
		String name = "made-by-" + role.toLowerCase(Locale.ROOT);
		this.mvc
			.perform(post("/policies").with(csrf())
				.param("name", name)
				.param("description", "")
				.param("copyFrom", "")
				.with(user("someone").roles(role)))
			.andExpect(allowed ? status().is3xxRedirection() : status().isForbidden());
		if (allowed) {
			assertThat(policyNames()).contains(name);
		}
		else {
			assertThat(policyNames()).doesNotContain(name);
		}
	}

	static Stream<Arguments> creators() {
		return Stream.of(Arguments.of("VIEWER", false), Arguments.of("REVIEWER", false), Arguments.of("EDITOR", false),
				Arguments.of("ADMIN", true));
	}

	/** Makes the draft hold what the form needs; returns the revision it is then at. */
	private long setUp(Form form) {
		Draft current = asAdmin(() -> this.policies.draft("default"));
		return asAdmin(() -> this.policies
			.replaceDraft("default", current.revision(), null, form.setUp().apply(current.policy()))
			.revision());
	}

	/** Sendmail must read the override files before any may exist. */
	private static Policy readingOverrides(Policy policy) {
		SecurityOptions o = policy.options();
		return policy
			.withOptions(new SecurityOptions(o.defaultUser(), policy.forwards().directory() + "/$u.forward:$z/.forward",
					o.logLevel(), o.postmasterCopy(), o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
	}

	private static Policy withOverrideOfBob(Policy policy) {
		List<Forwards.OverrideFile> overrides = new ArrayList<>(policy.forwards().overrides());
		overrides.add(new Forwards.OverrideFile("bob", "bob@example.org\n"));
		return policy.withForwards(new Forwards(policy.forwards().directory(), overrides));
	}

	private long revision() {
		return asAdmin(() -> this.policies.draft("default").revision());
	}

	private long versionCount() {
		return asAdmin(() -> this.policies.versions("default", 0, 1).totalItems());
	}

	private List<String> policyNames() {
		return asAdmin(() -> this.policies.list().stream().map(PolicySummary::name).toList());
	}

	/** Reads the policy with the service's own method security, as an admin. */
	private static <T> T asAdmin(Supplier<T> read) {
		return SignedIn.as("matrix-admin", read, "ADMIN");
	}

	private static MockHttpServletRequestBuilder form(String path, Map<String, String> fields, long revision) {
		MockHttpServletRequestBuilder request = post(path).with(csrf())
			.param("draftRevision", String.valueOf(revision));
		fields.forEach(request::param);
		return request;
	}

}
