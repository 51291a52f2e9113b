package org.smguard.hosts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.policy.PolicyService;
import org.smguard.system.ConflictException;
import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Tests for {@link HostsController}: the Hosts page with its drift and silent flags, the
 * forms admins use, and a token shown once with the commands that set the host up.
 */
@WebMvcTest(HostsController.class)
@Import(SecurityConfiguration.class)
class HostsControllerTests {

	private static final String TOKEN = "smh_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";

	private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

	/** Runs the published version and asked a minute ago. */
	private static final Host CURRENT = new Host(1, "mx1.example.org", "default", "root", NOW.minusSeconds(86_400 * 9),
			NOW, 4, NOW, NOW.minusSeconds(60), "192.0.2.1", 4, null);

	/**
	 * Runs an older version, last asked two days ago, and reported a missing shell and a
	 * loosened file.
	 */
	private static final Host BEHIND = new Host(2, "mx2.example.org", "default", "root", NOW.minusSeconds(86_400 * 9),
			NOW, 3, NOW, NOW.minus(Duration.ofDays(2)), "192.0.2.2", 4, new HostFacts(List.of("/bin/zsh"),
					List.of(new HostFacts.FileProblem("/etc/shells", HostFacts.Problem.MODE, "0666", "0644"))));

	/** Registered an hour ago for a policy with nothing published; never asked. */
	private static final Host FRESH = new Host(3, "mx3.example.org", "list-server", "root", NOW.minusSeconds(3600), NOW,
			null, null, null, null, null, null);

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private HostService hosts;

	@MockitoBean
	private PolicyService policies;

	@BeforeEach
	void hosts() {
		given(this.hosts.now()).willReturn(NOW);
		given(this.hosts.page(0, HostsController.PAGE_SIZE))
			.willReturn(new HostPage(List.of(CURRENT, BEHIND, FRESH), 0, HostsController.PAGE_SIZE, 3));
		given(this.policies.names()).willReturn(List.of("default", "mx-gateways"));
	}

	@Test
	void sendsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get("/hosts")).andExpect(redirectedUrl("/login"));
		then(this.hosts).shouldHaveNoInteractions();
	}

	@Test
	void aHostTokenOpensNoPage() throws Exception {
		this.mvc.perform(get("/hosts").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(redirectedUrl("/login"));
		then(this.hosts).shouldHaveNoInteractions();
	}

	@Test
	void showsDriftAndSilentFlagsPerHost() throws Exception {
		String page = this.mvc.perform(get("/hosts").with(user("vi").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name(HostsController.VIEW))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String current = row(page, "mx1.example.org");
		String behind = row(page, "mx2.example.org");
		assertThat(current).contains("192.0.2.1")
			.doesNotContain(">drift<")
			.doesNotContain(">silent<")
			.doesNotContain("host problem");
		assertThat(behind).contains("class=\"badge warn drift\"")
			.contains(">drift<")
			.contains(">silent<")
			.contains("2026-11-30 12:00 from 192.0.2.2")
			.contains(">2 host problems<")
			.contains("reported: listed shells it lacks 1, installed files changed 1");
		assertThat(row(page, "mx3.example.org")).contains(">never<")
			.contains(">none<")
			.doesNotContain(">drift<")
			.doesNotContain(">silent<");
	}

	@Test
	void viewerSeesNoForms() throws Exception {
		this.mvc.perform(get("/hosts").with(user("vi").roles("VIEWER")))
			.andExpect(content().string(allOf(not(containsString("new-host-form")), not(containsString("Revoke")),
					not(containsString("Rotate token")))));
	}

	@Test
	void adminSeesTheForms() throws Exception {
		this.mvc.perform(get("/hosts").with(user("root").roles("ADMIN")))
			.andExpect(content().string(allOf(containsString("new-host-form"), containsString("Revoke"),
					containsString("Rotate token"), containsString("<option value=\"mx-gateways\""))));
	}

	@Test
	void refusesAFormWithoutCsrfToken() throws Exception {
		this.mvc
			.perform(post("/hosts").with(user("root").roles("ADMIN"))
				.param("name", "mx3.example.org")
				.param("policy", "default"))
			.andExpect(status().isForbidden());
		then(this.hosts).should(never()).register(anyString(), anyString());
	}

	@Test
	void registersAndShowsTheTokenOnceWithTheSetupCommands() throws Exception {
		given(this.hosts.register("mx3.example.org", "default")).willReturn(new NewHost(
				new Host(3, "mx3.example.org", "default", "root", NOW, NOW, null, null, null, null, 4, null), TOKEN));
		this.mvc
			.perform(post("/hosts").with(user("root").roles("ADMIN"))
				.with(csrf())
				.param("name", " mx3.example.org ")
				.param("policy", "default"))
			.andExpect(redirectedUrl("/hosts"))
			.andExpect(flash().attribute("newHostToken", TOKEN))
			.andExpect(flash().attribute("hostSetup", containsString("/etc/smguard/host-token")));
		this.mvc
			.perform(get("/hosts").with(user("root").roles("ADMIN"))
				.flashAttr("newHostName", "mx3.example.org")
				.flashAttr("newHostToken", TOKEN)
				.flashAttr("hostSetup", HostSetup.commands(TOKEN, "https://console.example")))
			.andExpect(content().string(allOf(containsString("id=\"new-host-token-value\">" + TOKEN),
					containsString("chmod 0600 /etc/smguard/host-token"), containsString("/etc/smguard/pull.conf"),
					containsString("https://console.example/api/v1/hosts/self/freshness"))));
	}

	@Test
	void showsTheServicesErrorsBesideTheFields() throws Exception {
		given(this.hosts.register("Bad_Name", "nope"))
			.willThrow(new ValidationException(List.of(new Violation(HostService.NAME, HostNameRules.RULE),
					new Violation(HostService.POLICY, "there is no policy named 'nope'"))));
		this.mvc
			.perform(post("/hosts").with(user("root").roles("ADMIN"))
				.with(csrf())
				.param("name", "Bad_Name")
				.param("policy", "nope"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("form", "name", "policy"))
			.andExpect(content().string(containsString("aria-invalid=\"true\"")));
	}

	@Test
	void showsADuplicateNameBesideTheField() throws Exception {
		given(this.hosts.register("mx1.example.org", "default"))
			.willThrow(new ConflictException("a host named 'mx1.example.org' is registered already"));
		this.mvc
			.perform(post("/hosts").with(user("root").roles("ADMIN"))
				.with(csrf())
				.param("name", "mx1.example.org")
				.param("policy", "default"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("form", "name", "taken"));
	}

	@Test
	void nonAdminCannotRegister() throws Exception {
		given(this.hosts.register("mx3.example.org", "default")).willThrow(new AccessDeniedException("admins only"));
		this.mvc
			.perform(post("/hosts").with(user("ed").roles("EDITOR"))
				.with(csrf())
				.param("name", "mx3.example.org")
				.param("policy", "default"))
			.andExpect(status().isForbidden());
	}

	@Test
	void rotatesAndRevokes() throws Exception {
		given(this.hosts.rotate("mx1.example.org")).willReturn(new NewHost(CURRENT, TOKEN));
		given(this.hosts.revoke("mx1.example.org")).willReturn(CURRENT);
		this.mvc.perform(post("/hosts/mx1.example.org/token").with(user("root").roles("ADMIN")).with(csrf()))
			.andExpect(redirectedUrl("/hosts"))
			.andExpect(flash().attribute("newHostToken", TOKEN));
		this.mvc.perform(post("/hosts/mx1.example.org/revoke").with(user("root").roles("ADMIN")).with(csrf()))
			.andExpect(redirectedUrl("/hosts"))
			.andExpect(flash().attribute("message", containsString("Revoked host mx1.example.org")));
	}

	@Test
	void pagesFiftyHostsAtATime() throws Exception {
		given(this.hosts.page(1, HostsController.PAGE_SIZE))
			.willReturn(new HostPage(List.of(CURRENT), 1, HostsController.PAGE_SIZE, 120));
		this.mvc.perform(get("/hosts").param("page", "1").with(user("vi").roles("VIEWER")))
			.andExpect(content().string(allOf(containsString("page 2 of 3 (120 hosts)"),
					containsString("href=\"/hosts?page=0\""), containsString("href=\"/hosts?page=2\""))));
	}

	/** The table row of one host. */
	private static String row(String page, String name) {
		int start = page.indexOf("id=\"host-" + name + "\"");
		assertThat(start).as(name).isPositive();
		return page.substring(start, page.indexOf("</tr>", start));
	}

}
