package org.smguard.policies;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.smguard.policy.Draft;
import org.smguard.policy.DraftChange;
import org.smguard.policy.DraftConflictException;
import org.smguard.policy.Forwards;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.PolicySummary;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Shells;
import org.smguard.policy.Smrsh;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.system.NotFoundException;
import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link PolicyApiController}: the draft's JSON shape and how a bad or stale
 * {@code PUT} is answered. {@link PolicyService} is a mock; where it throws, it throws
 * what the real one would.
 */
@WebMvcTest(PolicyApiController.class)
@Import(SecurityConfiguration.class)
class PolicyApiControllerTests {

	static final Policy POLICY = new Policy(
			new TrustedUsers(TrustedUsers.LineStyle.T, List.of("root", "daemon", "uucp"),
					new TrustedUsersFile("/etc/mail/trusted-users", true, List.of("majordomo"))),
			new Shells(List.of("/bin/sh", "/bin/bash"), false),
			new Smrsh(true, "/usr/libexec/sendmail/smrsh", "/etc/mail/smrsh",
					List.of(new Smrsh.Program("vacation", "/usr/bin/vacation"))),
			new Forwards("/usr/local/etc/forwards", List.of(new Forwards.OverrideFile("bob", ""))),
			new SecurityOptions("mailnull:mailnull", "/usr/local/etc/forwards/$u.forward:$z/.forward", 9, null,
					List.of("goaway", "restrictmailq", "restrictqrun"), "/", "0600"));

	static final Draft DRAFT = new Draft("default", 17, 3, POLICY, "alice", Instant.parse("2025-05-06T07:08:09Z"));

	/** The draft body of API.md. */
	static final String BODY = """
			{
			  "baseVersion": 3,
			  "draftRevision": 17,
			  "trustedUsers": { "lineStyle": "T", "users": ["root", "daemon", "uucp"],
			                    "file": { "path": "/etc/mail/trusted-users", "optional": true, "users": ["majordomo"] } },
			  "shells": { "entries": ["/bin/sh", "/bin/bash"], "allowAnyShell": false },
			  "smrsh": { "enabled": true, "smrshPath": "/usr/libexec/sendmail/smrsh", "binDirectory": "/etc/mail/smrsh",
			             "programs": [ { "name": "vacation", "target": "/usr/bin/vacation" } ] },
			  "forwards": { "directory": "/usr/local/etc/forwards",
			                "overrides": [ { "user": "bob", "content": "" } ] },
			  "options": { "DefaultUser": "mailnull:mailnull", "ForwardPath": "/usr/local/etc/forwards/$u.forward:$z/.forward",
			               "LogLevel": 9, "PostmasterCopy": null, "PrivacyOptions": ["goaway", "restrictmailq", "restrictqrun"],
			               "SafeFileEnvironment": "/", "TempFileMode": "0600" }
			}
			""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private PolicyService policies;

	@Test
	void anonymousGetsUnauthorizedProblemWithChallenge() throws Exception {
		this.mvc.perform(get("/api/v1/policies/default/draft"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Basic")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(put("/api/v1/policies/default/draft").contentType(MediaType.APPLICATION_JSON).content(BODY))
			.andExpect(status().isUnauthorized());
		then(this.policies).shouldHaveNoInteractions();
	}

	@Test
	void draftHasDocumentedShape() throws Exception {
		given(this.policies.draft("default")).willReturn(DRAFT);
		String body = this.mvc.perform(get("/api/v1/policies/default/draft").with(user("vi").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode draft = JSON.readTree(body);
		assertThat(draft.get("baseVersion").asInt()).isEqualTo(3);
		assertThat(draft.get("draftRevision").asLong()).isEqualTo(17);

		JsonNode trusted = draft.get("trustedUsers");
		assertThat(trusted.propertyNames()).containsExactly("lineStyle", "users", "file");
		assertThat(trusted.get("lineStyle").asString()).isEqualTo("T");
		assertThat(texts(trusted.get("users"))).containsExactly("root", "daemon", "uucp");
		assertThat(trusted.get("file").propertyNames()).containsExactly("path", "optional", "users");
		assertThat(trusted.get("file").get("optional").asBoolean()).isTrue();

		assertThat(draft.get("shells").propertyNames()).containsExactly("entries", "allowAnyShell");
		assertThat(texts(draft.get("shells").get("entries"))).containsExactly("/bin/sh", "/bin/bash");

		JsonNode smrsh = draft.get("smrsh");
		assertThat(smrsh.propertyNames()).containsExactly("enabled", "smrshPath", "binDirectory", "programs");
		assertThat(smrsh.get("programs").get(0).propertyNames()).containsExactly("name", "target");
		assertThat(smrsh.get("programs").get(0).get("target").asString()).isEqualTo("/usr/bin/vacation");

		JsonNode forwards = draft.get("forwards");
		assertThat(forwards.propertyNames()).containsExactly("directory", "overrides");
		assertThat(forwards.get("overrides").get(0).propertyNames()).containsExactly("user", "content");

		JsonNode options = draft.get("options");
		assertThat(options.propertyNames()).containsExactlyElementsOf(ManagedOption.NAMES);
		assertThat(options.get("PostmasterCopy").isNull()).as("unset option is null").isTrue();
		assertThat(options.get("LogLevel").isInt()).isTrue();
		assertThat(options.get("LogLevel").asInt()).isEqualTo(9);
		assertThat(texts(options.get("PrivacyOptions"))).containsExactly("goaway", "restrictmailq", "restrictqrun");
	}

	@Test
	void draftShowsMissingTrustedUsersFileAndUnsetOptionsAsNull() throws Exception {
		Policy bare = POLICY.withTrustedUsers(new TrustedUsers(TrustedUsers.LineStyle.Ct, List.of(), null))
			.withOptions(SecurityOptions.unset());
		given(this.policies.draft("default")).willReturn(new Draft("default", 1, null, bare, "system", Instant.now()));
		String body = this.mvc.perform(get("/api/v1/policies/default/draft").with(user("vi").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode draft = JSON.readTree(body);
		assertThat(draft.get("baseVersion").isNull()).isTrue();
		assertThat(draft.get("trustedUsers").get("file").isNull()).isTrue();
		assertThat(draft.get("trustedUsers").get("lineStyle").asString()).isEqualTo("Ct");
		JsonNode options = draft.get("options");
		assertThat(options.propertyNames()).containsExactlyElementsOf(ManagedOption.NAMES);
		ManagedOption.NAMES.forEach((name) -> assertThat(options.get(name).isNull()).as(name).isTrue());
	}

	@Test
	void replacesDraftWithDocumentedBody() throws Exception {
		given(this.policies.replaceDraft("default", 17, 3, POLICY))
			.willReturn(new Draft("default", 18, 3, POLICY, "ed", Instant.now()));
		this.mvc
			.perform(put("/api/v1/policies/default/draft").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.draftRevision").value(18));
		then(this.policies).should().replaceDraft("default", 17, 3, POLICY);
	}

	@Test
	void acceptsBodyOfGetSentBackUnchanged() throws Exception {
		given(this.policies.draft("default")).willReturn(DRAFT);
		given(this.policies.replaceDraft("default", 17, 3, POLICY)).willReturn(DRAFT);
		String body = this.mvc.perform(get("/api/v1/policies/default/draft").with(user("ed").roles("EDITOR")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(JSON.readTree(body).has("updatedBy")).isTrue();
		this.mvc
			.perform(put("/api/v1/policies/default/draft").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isOk());
		then(this.policies).should().replaceDraft("default", 17, 3, POLICY);
	}

	@Test
	void editorCannotCreatePolicy() throws Exception {
		this.mvc
			.perform(post("/api/v1/policies").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"mx\",\"description\":\"gateways\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		then(this.policies).shouldHaveNoInteractions();
	}

	@Test
	void adminCreatesPolicyWithoutCsrfToken() throws Exception {
		given(this.policies.create("mx", "gateways", null))
			.willReturn(new PolicySummary("mx", "gateways", null, null, 1, null, true, null, null, null, List.of()));
		this.mvc
			.perform(post("/api/v1/policies").with(user("root").roles("ADMIN"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"mx\",\"description\":\"gateways\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/policies/mx"))
			.andExpect(jsonPath("$.draftState").value("modified"));
	}

	@Test
	void misspeltOptionGetsBadRequestNamingIt() throws Exception {
		this.mvc
			.perform(put("/api/v1/policies/default/draft").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY.replace("\"LogLevel\"", "\"Loglevel\"")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("options.Loglevel"))
			.andExpect(jsonPath("$.errors[0].message").value("is not a known field"));
		then(this.policies).shouldHaveNoInteractions();
	}

	@Test
	void logLevelThatIsNoNumberGetsBadRequestNamingIt() throws Exception {
		this.mvc
			.perform(put("/api/v1/policies/default/draft").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY.replace("\"LogLevel\": 9", "\"LogLevel\": \"abc\"")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("options.LogLevel"))
			.andExpect(jsonPath("$.errors[0].message").value("has the wrong type: expected a whole number"));
		then(this.policies).shouldHaveNoInteractions();
	}

	@Test
	void fractionalLogLevelGetsBadRequestInsteadOfRounding() throws Exception {
		this.mvc
			.perform(put("/api/v1/policies/default/draft").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY.replace("\"LogLevel\": 9", "\"LogLevel\": 9.5")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("options.LogLevel"));
		then(this.policies).shouldHaveNoInteractions();
	}

	@Test
	void missingFlagMeansFalse() throws Exception {
		given(this.policies.replaceDraft(eq("default"), eq(17L), eq(3), any())).willReturn(DRAFT);
		this.mvc
			.perform(put("/api/v1/policies/default/draft").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY.replace(", \"allowAnyShell\": true", "").replace(", \"allowAnyShell\": false", "")))
			.andExpect(status().isOk());
		ArgumentCaptor<Policy> sent = ArgumentCaptor.forClass(Policy.class);
		then(this.policies).should().replaceDraft(eq("default"), eq(17L), eq(3), sent.capture());
		assertThat(sent.getValue().shells().allowAnyShell()).isFalse();
	}

	@Test
	void missingDraftRevisionGetsBadRequestNamingIt() throws Exception {
		this.mvc
			.perform(put("/api/v1/policies/default/draft").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY.replace("\"draftRevision\": 17,", "")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("draftRevision"));
		then(this.policies).shouldHaveNoInteractions();
	}

	@Test
	void staleDraftGetsConflictWithCurrentRevisionAndChanges() throws Exception {
		given(this.policies.replaceDraft(eq("default"), eq(17L), eq(3), any()))
			.willThrow(new DraftConflictException("the draft changed since revision 17 (now revision 18)", "default",
					18, 3, List.of(new DraftChange(18, "alice", Instant.parse("2025-05-06T08:00:00Z"),
							List.of("options.LogLevel", "shells.entries")))));
		this.mvc
			.perform(put("/api/v1/policies/default/draft").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.draftRevision").value(18))
			.andExpect(jsonPath("$.baseVersion").value(3))
			.andExpect(jsonPath("$.changes[0].revision").value(18))
			.andExpect(jsonPath("$.changes[0].author").value("alice"))
			.andExpect(jsonPath("$.changes[0].fields[0]").value("options.LogLevel"));
	}

	@Test
	void refusedDraftGetsBadRequestWithEveryError() throws Exception {
		given(this.policies.replaceDraft(anyString(), anyLong(), any(), any()))
			.willThrow(new ValidationException(List.of(new Violation("trustedUsers.users[1]", "'da emon' must be"),
					new Violation("options.LogLevel", "must be between 0 and 99"))));
		this.mvc
			.perform(put("/api/v1/policies/default/draft").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors.length()").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("trustedUsers.users[1]"))
			.andExpect(jsonPath("$.errors[1].field").value("options.LogLevel"))
			.andExpect(jsonPath("$.errors[1].message").value("must be between 0 and 99"));
	}

	@Test
	void emptyBodyGetsBadRequest() throws Exception {
		this.mvc
			.perform(put("/api/v1/policies/default/draft").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("body"));
		then(this.policies).should(never()).replaceDraft(anyString(), anyLong(), any(), any());
	}

	private static List<String> texts(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

	@Test
	void copiesAVersionIntoTheDraftAnsweringTheDraft() throws Exception {
		given(this.policies.copyVersionToDraft("default", 2, 17L))
			.willReturn(new Draft("default", 18, 3, POLICY, "ed", Instant.parse("2025-05-06T07:08:09Z")));
		String body = this.mvc
			.perform(post("/api/v1/policies/default/draft/copy-from-version").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\":2,\"draftRevision\":17}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.draftRevision").value(18))
			.andExpect(jsonPath("$.baseVersion").value(3))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(JSON.readTree(body).propertyNames()).containsExactly("policy", "baseVersion", "draftRevision",
				"updatedBy", "updatedAt", "trustedUsers", "shells", "smrsh", "forwards", "options");
	}

	@Test
	void refusesACopyWithoutVersionOrRevisionNamingBoth() throws Exception {
		this.mvc
			.perform(post("/api/v1/policies/default/draft/copy-from-version").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("version"))
			.andExpect(jsonPath("$.errors[1].field").value("draftRevision"));
		this.mvc
			.perform(post("/api/v1/policies/default/draft/copy-from-version").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\":\"latest\",\"draftRevision\":17}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("version"));
		then(this.policies).shouldHaveNoInteractions();
	}

	@Test
	void answersAStaleCopyWithConflictAndTheChanges() throws Exception {
		given(this.policies.copyVersionToDraft("default", 2, 16L)).willThrow(new DraftConflictException(
				"the draft changed since revision 16 (now revision 17)", "default", 17, 3, List.of(new DraftChange(17,
						"alice", Instant.parse("2025-05-06T08:00:00Z"), List.of("forwards.overrides[bob]")))));
		this.mvc
			.perform(post("/api/v1/policies/default/draft/copy-from-version").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\":2,\"draftRevision\":16}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.draftRevision").value(17))
			.andExpect(jsonPath("$.changes[0].fields[0]").value("forwards.overrides[bob]"));
	}

	@Test
	void answersNotFoundForCopyingAVersionThatDoesNotExist() throws Exception {
		given(this.policies.copyVersionToDraft("default", 9, 17L))
			.willThrow(new NotFoundException("policy 'default' has no version 9"));
		this.mvc
			.perform(post("/api/v1/policies/default/draft/copy-from-version").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\":9,\"draftRevision\":17}"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
