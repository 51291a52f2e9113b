package org.smguard.hosts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.audit.AuditTrail;
import org.smguard.bundle.BundleFile;
import org.smguard.bundle.BundleService;
import org.smguard.bundle.Freshness;
import org.smguard.bundle.FreshnessStatement;
import org.smguard.bundle.SignedFreshness;
import org.smguard.system.SecurityConfiguration;

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
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link HostSelfApiController} behind the host filter chain, with the real
 * {@link HostService} and {@link HostTokenAuthenticator} over a mocked store, bundle
 * service and freshness: one 401 for every request that is not a known host's, the bundle
 * of the host's own policy only, ETag and 304, the freshness headers on every answer, and
 * the report.
 */
@WebMvcTest(HostSelfApiController.class)
@Import({ SecurityConfiguration.class, HostSecurityConfiguration.class, HostService.class, HostTokenAuthenticator.class,
		HostSelfApiControllerTests.Accounts.class })
class HostSelfApiControllerTests {

	private static final String TOKEN = "smh_" + "A".repeat(43);

	private static final HostPrincipal MX1 = new HostPrincipal(11, "mx1.example.org", "mx-gateways");

	private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

	@TempDir
	static Path dir;

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private HostStore store;

	@MockitoBean
	private BundleService bundles;

	@MockitoBean
	private Freshness freshness;

	@MockitoBean
	private AuditTrail audit;

	@TestConfiguration(proxyBeanMethods = false)
	static class Accounts {

		@Bean
		UserDetailsService users() {
			BCryptPasswordEncoder fast = new BCryptPasswordEncoder(4);
			return new InMemoryUserDetailsManager(
					User.withUsername("root").password(fast.encode("admin pass")).roles("ADMIN").build());
		}

	}

	@BeforeEach
	void host() {
		given(this.store.findCaller(HostTokenSecret.hash(TOKEN)))
			.willReturn(Optional.of(new HostStore.Caller(MX1, null, null)));
		given(this.freshness.issue(anyString(), anyInt()))
			.willAnswer((call) -> signed(call.getArgument(0), call.getArgument(1)));
	}

	@Test
	void missingWrongAndRevokedTokensGetOneAnswer() throws Exception {
		String missing = unauthorized(get("/api/v1/hosts/self/freshness"));
		String wrong = unauthorized(
				get("/api/v1/hosts/self/freshness").header(HttpHeaders.AUTHORIZATION, "Bearer smh_" + "B".repeat(43)));
		String malformed = unauthorized(
				get("/api/v1/hosts/self/bundle").header(HttpHeaders.AUTHORIZATION, "Bearer nonsense"));
		// A revoked host has no row: its token is looked up and found by nothing.
		given(this.store.findCaller(HostTokenSecret.hash(TOKEN))).willReturn(Optional.empty());
		String revoked = unauthorized(host(get("/api/v1/hosts/self/freshness")));
		assertThat(wrong).isEqualTo(missing);
		assertThat(malformed).isEqualTo(missing);
		assertThat(revoked).isEqualTo(missing);
		then(this.freshness).should(never()).issue(anyString(), anyInt());
	}

	@Test
	void personalTokenBasicAndSessionDoNotOpenTheHostPaths() throws Exception {
		unauthorized(
				get("/api/v1/hosts/self/freshness").header(HttpHeaders.AUTHORIZATION, "Bearer smg_" + "A".repeat(43)));
		unauthorized(get("/api/v1/hosts/self/bundle").with(httpBasic("root", "admin pass")));
		unauthorized(get("/api/v1/hosts/self/freshness").with(user("root").roles("ADMIN")));
		unauthorized(post("/api/v1/hosts/self/report").with(user("root").roles("ADMIN"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":3}"));
		then(this.store).should(never()).recordInstalled(anyLong(), anyInt(), any());
	}

	@Test
	void throttlesInvalidTokensByAddress() throws Exception {
		int status = 0;
		for (int i = 0; i < 25 && status != 429; i++) {
			status = this.mvc.perform(get("/api/v1/hosts/self/freshness").with((request) -> {
				request.setRemoteAddr("198.51.100.9");
				return request;
			}).header(HttpHeaders.AUTHORIZATION, "Bearer smh_" + "C".repeat(43))).andReturn().getResponse().getStatus();
		}
		assertThat(status).isEqualTo(429);
		this.mvc.perform(host(get("/api/v1/hosts/self/freshness")).with((request) -> {
			request.setRemoteAddr("198.51.100.9");
			return request;
		})).andExpect(status().isTooManyRequests()).andExpect(header().exists(HttpHeaders.RETRY_AFTER));
		this.mvc.perform(host(get("/api/v1/hosts/self/freshness"))).andExpect(status().isOk());
	}

	@Test
	void recordsWhenAndWhereTheHostAsked() throws Exception {
		this.mvc.perform(host(get("/api/v1/hosts/self/freshness")).with((request) -> {
			request.setRemoteAddr("192.0.2.25");
			return request;
		})).andExpect(status().isOk());
		then(this.store).should().markAsked(eq(11L), any(), eq("192.0.2.25"), any());
	}

	@Test
	void freshnessStatesTheHostsPolicysPublishedVersion() throws Exception {
		given(this.store.currentVersion("mx-gateways")).willReturn(7);
		this.mvc.perform(host(get("/api/v1/hosts/self/freshness")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.statement.policy").value("mx-gateways"))
			.andExpect(jsonPath("$.statement.version").value(7))
			.andExpect(jsonPath("$.statement.issuedAt").value("2026-12-02T06:00:00Z"))
			.andExpect(jsonPath("$.statement.expiresAt").value("2026-12-03T06:00:00Z"))
			.andExpect(jsonPath("$.signature").value("c2lnbmF0dXJl"))
			.andExpect(jsonPath("$.signedText").value(signed("mx-gateways", 7).signedText()));
	}

	@Test
	void freshnessSaysVersionZeroWhenNothingIsPublished() throws Exception {
		given(this.store.currentVersion("mx-gateways")).willReturn(null);
		this.mvc.perform(host(get("/api/v1/hosts/self/freshness")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.statement.version").value(0));
	}

	@Test
	void servesThePublishedBundleOfTheHostsOwnPolicyWithItsVersionAsETag() throws Exception {
		bundle(7, "gzip bytes of version 7");
		MvcResult result = this.mvc
			.perform(host(get("/api/v1/hosts/self/bundle").param("policy", "default").param("version", "2")))
			.andExpect(status().isOk())
			.andExpect(content().contentType("application/gzip"))
			.andExpect(header().string(HttpHeaders.ETAG, "\"7\""))
			.andExpect(header().longValue(HttpHeaders.CONTENT_LENGTH, 23))
			.andExpect(header().string(SignedFreshness.SIGNATURE_HEADER, "c2lnbmF0dXJl"))
			.andExpect(content().string("gzip bytes of version 7"))
			.andReturn();
		assertThat(statementHeader(result)).contains("policy=mx-gateways\nversion=7\n");
		then(this.bundles).should().publishedBundle("mx-gateways");
		then(this.bundles).should(never()).publishedBundle("default");
	}

	@Test
	void answersNotModifiedWithTheFreshnessHeadersWhenTheHostHasTheVersion() throws Exception {
		given(this.store.currentVersion("mx-gateways")).willReturn(7);
		MvcResult result = this.mvc
			.perform(host(get("/api/v1/hosts/self/bundle")).header(HttpHeaders.IF_NONE_MATCH, "\"7\""))
			.andExpect(status().isNotModified())
			.andExpect(header().string(HttpHeaders.ETAG, "\"7\""))
			.andExpect(header().string(SignedFreshness.SIGNATURE_HEADER, "c2lnbmF0dXJl"))
			.andReturn();
		assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
		assertThat(statementHeader(result)).contains("version=7\n");
		then(this.bundles).should(never()).publishedBundle(anyString());
		bundle(7, "gzip bytes of version 7");
		this.mvc.perform(host(get("/api/v1/hosts/self/bundle")).header(HttpHeaders.IF_NONE_MATCH, "\"6\""))
			.andExpect(status().isOk())
			.andExpect(content().string("gzip bytes of version 7"));
	}

	@Test
	void answersNotFoundWithVersionZeroWhenNothingIsPublished() throws Exception {
		given(this.bundles.publishedBundle("mx-gateways")).willReturn(Optional.empty());
		MvcResult result = this.mvc.perform(host(get("/api/v1/hosts/self/bundle")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(header().doesNotExist(HttpHeaders.ETAG))
			.andExpect(header().exists(SignedFreshness.SIGNATURE_HEADER))
			.andReturn();
		assertThat(statementHeader(result)).contains("policy=mx-gateways\nversion=0\n");
	}

	@Test
	void reportRecordsTheInstalledVersionAndAuditsAChangeOnly() throws Exception {
		given(this.store.hasVersion("mx-gateways", 5)).willReturn(true);
		given(this.store.lockInstalled(11)).willReturn(Optional.of(new HostStore.Installed(4)));
		this.mvc
			.perform(host(post("/api/v1/hosts/self/report")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\":5}"))
			.andExpect(status().isNoContent());
		then(this.store).should().recordInstalled(eq(11L), eq(5), any());
		then(this.audit).should()
			.record("host.installed", "host mx1.example.org", "version 5 (was 4) of policy mx-gateways");

		given(this.store.lockInstalled(11)).willReturn(Optional.of(new HostStore.Installed(5)));
		this.mvc
			.perform(host(post("/api/v1/hosts/self/report")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\":5}"))
			.andExpect(status().isNoContent());
		then(this.store).should().recordInstalled(eq(11L), eq(5), any());
	}

	@Test
	void reportNamesTheVersionFieldWhenItIsNotAPositiveWholeNumber() throws Exception {
		given(this.store.lockInstalled(11)).willReturn(Optional.of(new HostStore.Installed(null)));
		for (String body : new String[] { "{\"version\":0}", "{\"version\":-3}", "{\"version\":\"seven\"}",
				"{\"version\":2.5}", "{}", "{\"version\":null}" }) {
			this.mvc
				.perform(host(post("/api/v1/hosts/self/report")).contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("version"));
		}
		this.mvc
			.perform(host(post("/api/v1/hosts/self/report")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\":3,\"policy\":\"default\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("policy"));
		then(this.store).should(never()).recordInstalled(anyLong(), anyInt(), any());
	}

	@Test
	void reportKeepsCheckedFactsAndNamesTheFieldOfBadOnes() throws Exception {
		given(this.store.hasVersion("mx-gateways", 5)).willReturn(true);
		given(this.store.lockInstalled(11)).willReturn(Optional.of(new HostStore.Installed(5)));
		this.mvc.perform(host(post("/api/v1/hosts/self/report")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":5,\"facts\":{\"missingShells\":[\"/bin/zsh\"],\"files\":[{\"path\":"
					+ "\"/etc/mail/trusted-users\",\"problem\":\"mode\",\"actual\":\"0666\",\"expected\":\"0644\"}]}}"))
			.andExpect(status().isNoContent());
		then(this.store).should()
			.recordFacts(eq(11L), eq(new HostFacts(List.of("/bin/zsh"), List
				.of(new HostFacts.FileProblem("/etc/mail/trusted-users", HostFacts.Problem.MODE, "0666", "0644")))),
					any());

		String[][] bad = { { "{\"missingShells\":[\"/bin/z sh\"]}", "facts.missingShells[0]" },
				{ "{\"files\":[{\"path\":\"/etc/../x\",\"problem\":\"missing\"}]}", "facts.files[0].path" },
				{ "{\"files\":[{\"path\":\"/etc/x\",\"problem\":\"mode\",\"actual\":\"<b>\",\"expected\":\"0644\"}]}",
						"facts.files[0].actual" },
				{ "{\"files\":[{\"path\":\"/etc/x\",\"problem\":\"owner\",\"actual\":\"a:b\",\"expected\":\"root\"}]}",
						"facts.files[0].expected" },
				{ "{\"files\":[{\"path\":\"/etc/x\",\"problem\":\"content\",\"actual\":\"0644\"}]}",
						"facts.files[0]" } };
		for (String[] facts : bad) {
			this.mvc
				.perform(host(post("/api/v1/hosts/self/report")).contentType(MediaType.APPLICATION_JSON)
					.content("{\"version\":5,\"facts\":" + facts[0] + "}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value(facts[1]));
		}
		then(this.store).should().recordFacts(anyLong(), any(), any());
	}

	@Test
	void reportRefusesAVersionThePolicyDoesNotHave() throws Exception {
		given(this.store.hasVersion("mx-gateways", 9)).willReturn(false);
		this.mvc
			.perform(host(post("/api/v1/hosts/self/report")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\":9}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("version"))
			.andExpect(jsonPath("$.errors[0].message").value("policy 'mx-gateways' has no version 9"));
		then(this.store).should(never()).recordInstalled(anyLong(), anyInt(), any());
	}

	private String unauthorized(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request)
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"smguard\""))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private void bundle(int version, String content) throws Exception {
		Path file = dir.resolve("mx-gateways-" + version + ".tar.gz");
		Files.writeString(file, content);
		given(this.bundles.publishedBundle("mx-gateways"))
			.willReturn(Optional.of(new BundleFile("mx-gateways", version, file, Files.size(file), "0".repeat(64))));
	}

	private static MockHttpServletRequestBuilder host(MockHttpServletRequestBuilder request) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
	}

	private static SignedFreshness signed(String policy, int version) {
		FreshnessStatement statement = new FreshnessStatement(policy, version, NOW, NOW.plusSeconds(86_400));
		return new SignedFreshness(statement, "c2lnbmF0dXJl", statement.text());
	}

	private static String statementHeader(MvcResult result) {
		return new String(Base64.getDecoder().decode(result.getResponse().getHeader(SignedFreshness.STATEMENT_HEADER)));
	}

}
