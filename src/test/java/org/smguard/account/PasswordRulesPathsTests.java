package org.smguard.account;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.testing.ApiClient;
import org.smguard.testing.InProcessConsole;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The password rules on every path that sets a password, through the running console: the
 * API (new account, an admin's reset, one's own change), the browser's forms (new
 * account, reset, own change, the forced first change) and the first admin's password
 * from the environment. Each refusal names the field and the rule.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "smguard.admin-password=" + PasswordRulesPathsTests.ADMIN_PASSWORD)
@AutoConfigureMockMvc
class PasswordRulesPathsTests {

	static final String ADMIN_PASSWORD = "rules-operator-secret";

	private static final String GOOD = "meadow-cobalt-thistle";

	private static final String COMMON = "password1234";

	private static final String TOO_EASY = "is too easy to guess: This is a very common password."
			+ " Add another word or two. Uncommon words are better.";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	private int port;

	@Autowired
	private MockMvc mvc;

	private ApiClient admin() {
		return ApiClient.forPort(this.port).as("admin", ADMIN_PASSWORD);
	}

	@Test
	void apiRefusesAWeakPasswordForANewAccount() {
		ApiClient.Response refused = admin().post("/api/v1/users",
				Map.of("username", "newbie", "password", COMMON, "roles", List.of("VIEWER")));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(error(refused)).isEqualTo(Map.of("field", "password", "message", TOO_EASY));
		ApiClient.Response named = admin().post("/api/v1/users",
				Map.of("username", "newbie", "password", "Newbie-on-the-harbour", "roles", List.of("VIEWER")));
		assertThat(error(named)).isEqualTo(Map.of("field", "password", "message", "must not contain the user name"));
		ApiClient.Response shortOne = admin().post("/api/v1/users",
				Map.of("username", "newbie", "password", "cobalt-ferns", "roles", List.of("VIEWER")));
		assertThat(shortOne.status()).isEqualTo(201);
		assertThat(admin().get("/api/v1/users/newbie").status()).isEqualTo(200);
	}

	@Test
	void apiRefusesAWeakPasswordInAnAdminsReset() {
		createAccount("resettee", false);
		ApiClient.Response refused = admin().patch("/api/v1/users/resettee", Map.of("password", COMMON));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(error(refused)).isEqualTo(Map.of("field", "password", "message", TOO_EASY));
		assertThat(ApiClient.forPort(this.port).as("resettee", GOOD).get("/api/v1/policies").status()).isEqualTo(200);

		ApiClient.Response reset = admin().patch("/api/v1/users/resettee",
				Map.of("password", "thistle-cobalt-meadow", "mustChangePassword", true));
		assertThat(reset.status()).as("%s", reset).isEqualTo(200);
		assertThat(reset.json().get("mustChangePassword").asBoolean()).isTrue();
		assertThat(ApiClient.forPort(this.port).as("resettee", GOOD).get("/api/v1/policies").status()).isEqualTo(401);
	}

	@Test
	void apiRefusesAWeakPasswordInOnesOwnChange() {
		createAccount("changer", false);
		ApiClient owner = ApiClient.forPort(this.port).as("changer", GOOD);
		ApiClient.Response refused = owner.post("/api/v1/account/password",
				Map.of("currentPassword", GOOD, "newPassword", "qwertyuiopas"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(error(refused).get("field")).isEqualTo("newPassword");
		assertThat(error(refused).get("message")).startsWith("is too easy to guess: ");
		ApiClient.Response named = owner.post("/api/v1/account/password",
				Map.of("currentPassword", GOOD, "newPassword", "changer-of-the-guard"));
		assertThat(error(named)).isEqualTo(Map.of("field", "newPassword", "message", "must not contain the user name"));
	}

	@Test
	void browserRefusesAWeakPasswordForANewAccountAndInAReset() throws Exception {
		MockHttpSession session = signIn("admin", ADMIN_PASSWORD);
		this.mvc
			.perform(post("/admin/users").session(session)
				.with(csrf())
				.param("username", "formed")
				.param("password", COMMON)
				.param("roles", "VIEWER"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("is too easy to guess: This is a very common password.")))
			.andExpect(content().string(containsString("At least <span>12</span> characters")));
		createAccount("formed", false);
		this.mvc
			.perform(post("/admin/users/formed/password").session(session)
				.with(csrf())
				.param("password", "Formed-on-the-harbour")
				.param("mustChangePassword", "true"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("must not contain the user name")));
	}

	@Test
	void browserRefusesAWeakPasswordInTheForcedFirstChangeAndInALaterOne() throws Exception {
		createAccount("firsttimer", true);
		MockHttpSession session = signIn("firsttimer", GOOD);
		this.mvc.perform(get("/policies").session(session)).andExpect(redirectedUrl("/account/password"));
		this.mvc
			.perform(post("/account/password").session(session)
				.with(csrf())
				.param("currentPassword", GOOD)
				.param("newPassword", COMMON)
				.param("repeatPassword", COMMON))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString(TOO_EASY)))
			.andExpect(content().string(containsString("id=\"change-required\"")));
		this.mvc.perform(get("/policies").session(session)).andExpect(redirectedUrl("/account/password"));
		this.mvc
			.perform(post("/account/password").session(session)
				.with(csrf())
				.param("currentPassword", GOOD)
				.param("newPassword", "harbour-violet-quill")
				.param("repeatPassword", "harbour-violet-quill"))
			.andExpect(redirectedUrl("/policies"));
		this.mvc
			.perform(post("/account/password").session(session)
				.with(csrf())
				.param("currentPassword", "harbour-violet-quill")
				.param("newPassword", "short-one")
				.param("repeatPassword", "short-one"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("must be at least 12 characters")));
	}

	@Test
	void refusesToCreateTheFirstAdminWithAWeakPasswordFromTheEnvironment(@TempDir Path otherData) {
		assertThatException().isThrownBy(() -> InProcessConsole.start(otherData, COMMON).close())
			.satisfies((ex) -> assertThat(rootMessage(ex))
				.isEqualTo("Refusing to create account 'admin': SMGUARD_ADMIN_PASSWORD: " + TOO_EASY
						+ ". Set a stronger SMGUARD_ADMIN_PASSWORD, or leave it unset to get a one-time password."));
		assertThatException().isThrownBy(() -> InProcessConsole.start(otherData, "admin-of-the-harbour").close())
			.satisfies((ex) -> assertThat(rootMessage(ex))
				.contains("SMGUARD_ADMIN_PASSWORD: must not contain the user name"));
	}

	private void createAccount(String username, boolean mustChange) {
		ApiClient.Response created = admin().post("/api/v1/users", Map.of("username", username, "password", GOOD,
				"roles", List.of("VIEWER"), "mustChangePassword", mustChange));
		assertThat(created.status()).as("%s", created).isEqualTo(201);
	}

	private MockHttpSession signIn(String username, String password) throws Exception {
		return (MockHttpSession) this.mvc.perform(formLogin().user(username).password(password))
			.andExpect(redirectedUrl("/"))
			.andReturn()
			.getRequest()
			.getSession(false);
	}

	private static Map<String, String> error(ApiClient.Response response) {
		assertThat(response.status()).as("%s", response).isEqualTo(400);
		JsonNode errors = response.json().get("errors");
		assertThat(errors).as("%s", response).hasSize(1);
		return Map.of("field", errors.get(0).get("field").asString(), "message",
				errors.get(0).get("message").asString());
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

}
