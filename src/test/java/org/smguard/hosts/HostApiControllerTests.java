package org.smguard.hosts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.smguard.system.ConflictException;
import org.smguard.system.NotFoundException;
import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link HostApiController} behind the API filter chain (HTTP Basic, no CSRF)
 * and the host chain: the shapes of register, list, rotate and revoke, and the problem
 * answers of the service's refusals. Roles are the service's and are tested through the
 * real stack in {@code HostsApiTests}.
 */
@WebMvcTest(HostApiController.class)
@Import({ SecurityConfiguration.class, HostSecurityConfiguration.class, HostApiControllerTests.Accounts.class })
class HostApiControllerTests {

	private static final String TOKEN = "smh_" + "Q".repeat(43);

	private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

	private static final Host MX1 = new Host(3, "mx1.example.org", "default", "root", AT, AT, 2, AT.plusSeconds(60),
			AT.plusSeconds(3600), "192.0.2.7", 3, null);

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private HostService hosts;

	@MockitoBean
	private HostTokenAuthenticator hostTokens;

	@TestConfiguration(proxyBeanMethods = false)
	static class Accounts {

		@Bean
		UserDetailsService users() {
			BCryptPasswordEncoder fast = new BCryptPasswordEncoder(4);
			return new InMemoryUserDetailsManager(
					User.withUsername("root").password(fast.encode("admin pass")).roles("ADMIN").build(),
					User.withUsername("vi").password(fast.encode("viewer pass")).roles("VIEWER").build());
		}

	}

	@Test
	void registersAndShowsTheTokenOnce() throws Exception {
		given(this.hosts.register("mx1.example.org", "default")).willReturn(new NewHost(MX1, TOKEN));
		this.mvc
			.perform(post("/api/v1/hosts").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"mx1.example.org\",\"policy\":\"default\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/hosts/mx1.example.org"))
			.andExpect(jsonPath("$.name").value("mx1.example.org"))
			.andExpect(jsonPath("$.token").value(TOKEN));
	}

	@Test
	void namesTheFieldOfAValidationError() throws Exception {
		given(this.hosts.register("bad name", "nope"))
			.willThrow(new ValidationException(List.of(new Violation(HostService.NAME, HostNameRules.RULE),
					new Violation(HostService.POLICY, "there is no policy named 'nope'"))));
		this.mvc
			.perform(post("/api/v1/hosts").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"bad name\",\"policy\":\"nope\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(jsonPath("$.errors[0].message").value(HostNameRules.RULE))
			.andExpect(jsonPath("$.errors[1].field").value("policy"));
	}

	@Test
	void refusesAnUnknownFieldByName() throws Exception {
		this.mvc
			.perform(post("/api/v1/hosts").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"mx1\",\"policy\":\"default\",\"token\":\"smh_mine\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("token"));
		then(this.hosts).shouldHaveNoInteractions();
	}

	@Test
	void answersConflictForADuplicateName() throws Exception {
		given(this.hosts.register("mx1.example.org", "default"))
			.willThrow(new ConflictException("a host named 'mx1.example.org' is registered already"));
		this.mvc
			.perform(post("/api/v1/hosts").with(httpBasic("root", "admin pass"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"mx1.example.org\",\"policy\":\"default\"}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void listsAPageWithoutTokens() throws Exception {
		given(this.hosts.page(0, 50)).willReturn(new HostPage(List.of(MX1), 0, 50, 1));
		given(this.hosts.now()).willReturn(AT.plus(Duration.ofHours(26)));
		this.mvc.perform(get("/api/v1/hosts").with(httpBasic("vi", "viewer pass")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].name").value("mx1.example.org"))
			.andExpect(jsonPath("$.content[0].policy").value("default"))
			.andExpect(jsonPath("$.content[0].installedVersion").value(2))
			.andExpect(jsonPath("$.content[0].currentVersion").value(3))
			.andExpect(jsonPath("$.content[0].drift").value(true))
			.andExpect(jsonPath("$.content[0].lastAskedAt").value("2026-12-01T11:00:00Z"))
			.andExpect(jsonPath("$.content[0].lastAskedFrom").value("192.0.2.7"))
			.andExpect(jsonPath("$.content[0].silent").value(false))
			.andExpect(jsonPath("$.content[0].token").doesNotExist())
			.andExpect(jsonPath("$.page.totalElements").value(1))
			.andExpect(jsonPath("$.page.totalPages").value(1));
	}

	@Test
	void flagsAHostSilentWhenItHasNotAskedForLongerThanTheLimit() throws Exception {
		given(this.hosts.get("mx1.example.org")).willReturn(MX1);
		given(this.hosts.now()).willReturn(MX1.lastAskedAt().plus(Duration.ofHours(25)).plusSeconds(1));
		this.mvc.perform(get("/api/v1/hosts/mx1.example.org").with(httpBasic("vi", "viewer pass")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.silent").value(true))
			.andExpect(jsonPath("$.drift").value(true));
	}

	@Test
	void rotatesAndRevokes() throws Exception {
		given(this.hosts.rotate("mx1.example.org")).willReturn(new NewHost(MX1, TOKEN));
		this.mvc.perform(post("/api/v1/hosts/mx1.example.org/token").with(httpBasic("root", "admin pass")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.token").value(TOKEN));
		this.mvc.perform(delete("/api/v1/hosts/mx1.example.org").with(httpBasic("root", "admin pass")))
			.andExpect(status().isNoContent());
		then(this.hosts).should().revoke("mx1.example.org");
	}

	@Test
	void answersNotFoundForAnUnknownHost() throws Exception {
		given(this.hosts.revoke("mx9")).willThrow(new NotFoundException("no host named 'mx9'"));
		this.mvc.perform(delete("/api/v1/hosts/mx9").with(httpBasic("root", "admin pass")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aHostTokenDoesNotOpenTheAdminApi() throws Exception {
		given(this.hostTokens.authenticate(TOKEN, "127.0.0.1"))
			.willReturn(Optional.of(new HostAuthentication(new HostPrincipal(3, "mx1.example.org", "default"))));
		this.mvc.perform(get("/api/v1/hosts").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isUnauthorized())
			.andExpect(content().string(not(containsString("mx1.example.org"))));
		then(this.hosts).shouldHaveNoInteractions();
	}

}
