package org.smguard.policies;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.smguard.policy.DraftChange;
import org.smguard.policy.DraftConflictException;
import org.smguard.policy.Forwards;
import org.smguard.policy.OverridePage;
import org.smguard.policy.PolicyService;
import org.smguard.policy.ReviewService;
import org.smguard.policy.Version;
import org.smguard.policy.VersionInfo;
import org.smguard.policy.VersionPage;
import org.smguard.policy.VersionState;
import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.ValidationException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link VersionApiController}: saving the draft as a version and reading the
 * history. {@link PolicyService} is a mock; where it throws, it throws what the real one
 * would.
 */
@WebMvcTest(VersionApiController.class)
@Import(SecurityConfiguration.class)
class VersionApiControllerTests {

	private static final VersionInfo V4 = new VersionInfo(4, "Trust majordomo", "ed",
			Instant.parse("2025-05-06T09:00:00Z"), 3, VersionState.SAVED, "ab".repeat(32), null);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private PolicyService policies;

	@MockitoBean
	private ReviewService review;

	@Test
	void anonymousGetsUnauthorizedProblemWithChallenge() throws Exception {
		this.mvc.perform(get("/api/v1/policies/default/versions"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Basic")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(post("/api/v1/policies/default/versions").contentType(MediaType.APPLICATION_JSON)
				.content("{\"message\":\"x\"}"))
			.andExpect(status().isUnauthorized());
		then(this.policies).shouldHaveNoInteractions();
	}

	@Test
	void savesVersionWithoutCsrfToken() throws Exception {
		given(this.policies.saveVersion("default", "Trust majordomo", 17L)).willReturn(V4);
		this.mvc
			.perform(post("/api/v1/policies/default/versions").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"message\":\"Trust majordomo\",\"draftRevision\":17}"))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/policies/default/versions/4"))
			.andExpect(jsonPath("$.number").value(4))
			.andExpect(jsonPath("$.message").value("Trust majordomo"))
			.andExpect(jsonPath("$.author").value("ed"))
			.andExpect(jsonPath("$.parent").value(3))
			.andExpect(jsonPath("$.state").value("saved"))
			.andExpect(jsonPath("$.createdAt").value("2025-05-06T09:00:00Z"));
		then(this.policies).should().saveVersion("default", "Trust majordomo", 17L);
	}

	@Test
	void savesVersionWithoutDraftRevision() throws Exception {
		given(this.policies.saveVersion("default", "Trust majordomo", null)).willReturn(V4);
		this.mvc
			.perform(post("/api/v1/policies/default/versions").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"message\":\"Trust majordomo\"}"))
			.andExpect(status().isCreated());
		then(this.policies).should().saveVersion("default", "Trust majordomo", null);
	}

	@Test
	void staleDraftRevisionGetsConflictWithChanges() throws Exception {
		given(this.policies.saveVersion("default", "Trust majordomo", 16L)).willThrow(new DraftConflictException(
				"the draft changed since revision 16 (now revision 17)", "default", 17, 3, List.of(new DraftChange(17,
						"alice", Instant.parse("2025-05-06T08:00:00Z"), List.of("trustedUsers.users")))));
		this.mvc
			.perform(post("/api/v1/policies/default/versions").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"message\":\"Trust majordomo\",\"draftRevision\":16}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.draftRevision").value(17))
			.andExpect(jsonPath("$.changes[0].fields[0]").value("trustedUsers.users"));
	}

	@Test
	void missingMessageGetsBadRequestNamingIt() throws Exception {
		given(this.policies.saveVersion("default", null, 17L))
			.willThrow(new ValidationException("message", "is required"));
		this.mvc
			.perform(post("/api/v1/policies/default/versions").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"draftRevision\":17}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("message"));
	}

	@Test
	void draftRevisionThatIsNoNumberGetsBadRequestNamingIt() throws Exception {
		this.mvc
			.perform(post("/api/v1/policies/default/versions").with(user("ed").roles("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"message\":\"Trust majordomo\",\"draftRevision\":\"latest\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("draftRevision"));
		then(this.policies).shouldHaveNoInteractions();
	}

	@Test
	void historyHasPagedShape() throws Exception {
		given(this.policies.versions("default", 1, 2)).willReturn(new VersionPage(List.of(V4), 1, 2, 5));
		String body = this.mvc
			.perform(get("/api/v1/policies/default/versions").param("page", "1")
				.param("size", "2")
				.with(user("vi").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode page = JSON.readTree(body);
		assertThat(page.propertyNames()).containsExactly("content", "page");
		assertThat(page.get("page").propertyNames()).containsExactlyInAnyOrder("number", "size", "totalElements",
				"totalPages");
		assertThat(page.get("page").get("number").asInt()).isEqualTo(1);
		assertThat(page.get("page").get("size").asInt()).isEqualTo(2);
		assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(5);
		assertThat(page.get("page").get("totalPages").asInt()).isEqualTo(3);
		assertThat(page.get("content").get(0).get("number").asInt()).isEqualTo(4);
		assertThat(page.get("content").get(0).get("contentHash").asString()).isEqualTo("ab".repeat(32));
	}

	@Test
	void historyUsesFirstPageOfTwentyByDefault() throws Exception {
		given(this.policies.versions("default", 0, 20)).willReturn(new VersionPage(List.of(), 0, 20, 0));
		this.mvc.perform(get("/api/v1/policies/default/versions").with(user("vi").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content").isEmpty())
			.andExpect(jsonPath("$.page.totalPages").value(0));
	}

	@Test
	void pageThatIsNoNumberGetsBadRequestNamingIt() throws Exception {
		this.mvc
			.perform(get("/api/v1/policies/default/versions").param("page", "first").with(user("vi").roles("VIEWER")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("page"));
		then(this.policies).shouldHaveNoInteractions();
	}

	@Test
	void versionHasMetadataAndSections() throws Exception {
		given(this.policies.version("default", 4)).willReturn(new Version(V4, PolicyApiControllerTests.POLICY));
		String body = this.mvc.perform(get("/api/v1/policies/default/versions/4").with(user("vi").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(JSON.readTree(body).propertyNames()).containsExactly("number", "message", "author", "createdAt",
				"parent", "state", "contentHash", "approvedBy", "trustedUsers", "shells", "smrsh", "forwards",
				"options");
	}

	@Test
	void noPublishedVersionGetsNotFoundProblem() throws Exception {
		given(this.policies.current("default")).willReturn(Optional.empty());
		this.mvc.perform(get("/api/v1/policies/default/versions/current").with(user("vi").roles("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		then(this.policies).should().current("default");
		then(this.policies).shouldHaveNoMoreInteractions();
	}

	@Test
	void overridesOfAVersionHaveTheDraftsPagedShapeWithoutRevision() throws Exception {
		given(this.policies.versionOverrides("default", 4, "b", 1, 2)).willReturn(new OverridePage(
				List.of(new Forwards.OverrideFile("bob", ""), new Forwards.OverrideFile("bruce", "b@example.org\n")),
				"b", 1, 2, 5, 40, 0));
		String body = this.mvc
			.perform(get("/api/v1/policies/default/versions/4/overrides").param("page", "1")
				.param("size", "2")
				.param("prefix", "b")
				.with(user("vi").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode page = JSON.readTree(body);
		assertThat(page.propertyNames()).containsExactly("content", "page", "prefix");
		assertThat(page.get("content").get(1).propertyNames()).containsExactly("user", "content");
		assertThat(page.at("/content/1/user").asString()).isEqualTo("bruce");
		assertThat(page.at("/content/1/content").asString()).isEqualTo("b@example.org\n");
		assertThat(page.at("/page/number").asInt()).isEqualTo(1);
		assertThat(page.at("/page/size").asInt()).isEqualTo(2);
		assertThat(page.at("/page/totalElements").asInt()).isEqualTo(5);
		assertThat(page.at("/page/totalPages").asInt()).isEqualTo(3);
		assertThat(page.get("prefix").asString()).isEqualTo("b");
	}

	@Test
	void overridesOfAVersionUseTheFirstPageOfFiftyByDefault() throws Exception {
		given(this.policies.versionOverrides("default", 4, "", 0, 50))
			.willReturn(new OverridePage(List.of(), "", 0, 50, 0, 0, 0));
		this.mvc.perform(get("/api/v1/policies/default/versions/4/overrides").with(user("vi").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content").isEmpty());
		then(this.policies).should().versionOverrides("default", 4, "", 0, 50);
	}

	@Test
	void answersOneOverrideFileOfAVersionOrNotFound() throws Exception {
		given(this.policies.versionOverride("default", 4, "bob"))
			.willReturn(Optional.of(new Forwards.OverrideFile("bob", "bob@example.org\n")));
		given(this.policies.versionOverride("default", 4, "zed")).willReturn(Optional.empty());
		this.mvc.perform(get("/api/v1/policies/default/versions/4/overrides/bob").with(user("vi").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.user").value("bob"))
			.andExpect(jsonPath("$.content").value("bob@example.org\n"));
		this.mvc.perform(get("/api/v1/policies/default/versions/4/overrides/zed").with(user("vi").roles("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("version 4 of policy 'default' has no override file for 'zed'"));
	}

	@Test
	void badPageSizeOfAVersionsOverridesGetsBadRequestNamingIt() throws Exception {
		given(this.policies.versionOverrides("default", 4, "", 0, 201))
			.willThrow(new ValidationException("size", "must be between 1 and 200"));
		this.mvc
			.perform(get("/api/v1/policies/default/versions/4/overrides").param("size", "201")
				.with(user("vi").roles("VIEWER")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
	}

}
