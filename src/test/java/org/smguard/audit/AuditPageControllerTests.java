package org.smguard.audit;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.smguard.system.SecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link AuditPageController}: the audit trail page, its CSV download and the
 * check of the chain, for admins only; the filter read from the query string, and a bad
 * value named on the page instead of failing the request.
 */
@WebMvcTest(AuditPageController.class)
@Import(SecurityConfiguration.class)
class AuditPageControllerTests {

	private static final Instant AT = Instant.parse("2025-06-01T14:30:15Z");

	private static final AuditEntry FAILED = new AuditEntry(42, AT, "mallory\n<b>admin</b>", "192.0.2.7",
			"sign-in-failed", "account", "BadCredentialsException", "0".repeat(64), "1".repeat(64));

	private static final AuditEntry CREATED = new AuditEntry(41, AT.minusSeconds(60), "root", "192.0.2.1",
			"account.created", "account carol", "roles [VIEWER]", "2".repeat(64), "0".repeat(64));

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private AuditTrail audit;

	@BeforeEach
	void trail() {
		given(this.audit.actions()).willReturn(List.of("account.created", "sign-in", "sign-in-failed"));
		given(this.audit.entries(any(), any(), any(), any(), anyInt(), anyInt()))
			.willReturn(new AuditTrail.Page(List.of(FAILED, CREATED), 0, 50, 2));
	}

	@Test
	void sendsAnonymousUserToSignIn() throws Exception {
		this.mvc.perform(get("/audit")).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/audit.csv")).andExpect(redirectedUrl("/login"));
		then(this.audit).shouldHaveNoInteractions();
	}

	@Test
	void refusesEveryRoleButAdmin() throws Exception {
		for (String role : List.of("REVIEWER", "EDITOR", "VIEWER")) {
			RequestPostProcessor person = user("pat").roles(role);
			this.mvc.perform(get("/audit").with(person)).andExpect(status().isForbidden());
			this.mvc.perform(get("/audit.csv").with(person)).andExpect(status().isForbidden());
			this.mvc.perform(post("/audit/verify").with(person).with(csrf())).andExpect(status().isForbidden());
		}
		then(this.audit).shouldHaveNoInteractions();
	}

	@Test
	void showsTheNewestEntriesToAnAdmin() throws Exception {
		this.mvc.perform(get("/audit").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<td class=\"time\">2025-06-01 14:30:15</td>")))
			.andExpect(content().string(containsString("<td class=\"action\">sign-in-failed</td>")))
			.andExpect(content().string(containsString("<td class=\"subject\">account carol</td>")))
			.andExpect(content().string(containsString("<td class=\"detail\">roles [VIEWER]</td>")))
			.andExpect(content().string(containsString("<td class=\"address\">192.0.2.7</td>")))
			.andExpect(content().string(containsString("page 1 of 1")))
			.andExpect(content().string(containsString("<span id=\"total\">2</span>")))
			.andExpect(content().string(containsString("id=\"nav-audit\"")))
			.andExpect(content().string(containsString("<option value=\"sign-in-failed\">sign-in-failed</option>")))
			.andExpect(content().string(containsString("href=\"/audit.csv\"")));
		then(this.audit).should().entries(null, null, null, null, 0, AuditPageController.PAGE_SIZE);
	}

	@Test
	void showsAControlCharacterAsAnEscapeAndMarkupAsText() throws Exception {
		this.mvc.perform(get("/audit").with(admin()))
			.andExpect(content().string(containsString(">mallory\\n&lt;b&gt;admin&lt;/b&gt;</a>")))
			.andExpect(content().string(containsString("href=\"/audit?actor=mallory%0A%3Cb%3Eadmin%3C%2Fb%3E\"")))
			.andExpect(content().string(not(containsString("<b>admin"))));
	}

	@Test
	void bindsTheFilterAsUtcAndKeepsItInThePager() throws Exception {
		given(this.audit.entries(any(), any(), any(), any(), anyInt(), anyInt()))
			.willReturn(new AuditTrail.Page(List.of(FAILED), 1, 50, 160));
		this.mvc
			.perform(get("/audit").param("from", "2025-06-01T14:00")
				.param("to", "2025-06-02 08:15:30")
				.param("actor", "a+b c")
				.param("action", "sign-in-failed")
				.param("page", "1")
				.with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("page 2 of 4")))
			.andExpect(content().string(containsString("<span id=\"total\">160</span>")))
			.andExpect(content().string(containsString(
					"href=\"/audit?from=2025-06-01T14%3A00&amp;to=2025-06-02T08%3A15%3A30&amp;actor=a%2Bb%20c&amp;action=sign-in-failed\"")))
			.andExpect(content().string(containsString(
					"href=\"/audit?from=2025-06-01T14%3A00&amp;to=2025-06-02T08%3A15%3A30&amp;actor=a%2Bb%20c&amp;action=sign-in-failed&amp;page=2\"")))
			.andExpect(content().string(containsString(
					"href=\"/audit.csv?from=2025-06-01T14%3A00&amp;to=2025-06-02T08%3A15%3A30&amp;actor=a%2Bb%20c&amp;action=sign-in-failed\"")))
			.andExpect(content().string(containsString("value=\"2025-06-02T08:15:30\"")))
			.andExpect(content().string(containsString("<option value=\"sign-in-failed\" selected=\"selected\">")));
		then(this.audit).should()
			.entries(Instant.parse("2025-06-01T14:00:00Z"), Instant.parse("2025-06-02T08:15:30Z"), "a+b c",
					"sign-in-failed", 1, 50);
	}

	@Test
	void offersAnActionNoEntryHasWhenItIsTheFilter() throws Exception {
		this.mvc.perform(get("/audit").param("action", "token.revoked").with(admin()))
			.andExpect(content().string(containsString("<option value=\"token.revoked\" selected=\"selected\">")));
	}

	@Test
	void namesAnUnreadableTimeInsteadOfFailing() throws Exception {
		this.mvc.perform(get("/audit").param("from", "yesterday").param("to", "2025-13-01T00:00").with(admin()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("From: &#39;yesterday&#39; is not a date and time")))
			.andExpect(content().string(containsString("To: &#39;2025-13-01T00:00&#39; is not a date and time")))
			.andExpect(content().string(not(containsString("id=\"entries\""))));
		then(this.audit).should(never()).entries(any(), any(), any(), any(), anyInt(), anyInt());
	}

	@Test
	void namesABadPageNumber() throws Exception {
		for (String page : List.of("-1", "two", "99999999999")) {
			this.mvc.perform(get("/audit").param("page", page).with(admin()))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("Page: &#39;" + page + "&#39; is not a page number")));
		}
		then(this.audit).should(never()).entries(any(), any(), any(), any(), anyInt(), anyInt());
	}

	@Test
	void refusesAnEmptyOrBackwardTimeRange() throws Exception {
		this.mvc.perform(get("/audit").param("from", "2025-06-02T00:00").param("to", "2025-06-01T00:00").with(admin()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("To: must be later than From")));
	}

	@Test
	void downloadsTheFilterAsCsv() throws Exception {
		given(this.audit.newest(any(), any(), any(), any(), anyInt())).willReturn(List.of(FAILED));
		this.mvc.perform(get("/audit.csv").param("action", "sign-in-failed").with(admin()))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "text/csv;charset=UTF-8"))
			.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\""))
			.andExpect(content().string(startsWith("id,at,actor,address,action,subject,detail,prev_hash,hash\r\n42,")))
			.andExpect(content().string(containsString("\"mallory\n<b>admin</b>\"")));
		then(this.audit).should().newest(null, null, null, "sign-in-failed", 10_000);
	}

	@Test
	void refusesACsvOfABadFilterNamingTheField() throws Exception {
		this.mvc.perform(get("/audit.csv").param("to", "soon").with(admin()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("To: 'soon' is not a date and time")));
		then(this.audit).should(never()).newest(any(), any(), any(), any(), anyInt());
	}

	@Test
	void verifiesTheChainAndReturnsToTheSameFilter() throws Exception {
		given(this.audit.verify()).willReturn(new AuditTrail.Verification(1234, false, 57L));
		this.mvc.perform(post("/audit/verify").param("action", "sign-in").param("page", "2").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/audit?action=sign-in&page=2"))
			.andExpect(flash().attribute("verifiedEntries", 1234L))
			.andExpect(flash().attribute("verifiedIntact", false))
			.andExpect(flash().attribute("firstBroken", 57L));
	}

	@Test
	void showsTheResultOfTheCheck() throws Exception {
		this.mvc
			.perform(get("/audit").flashAttr("verifiedEntries", 1234L)
				.flashAttr("verifiedIntact", false)
				.flashAttr("firstBroken", 57L)
				.with(admin()))
			.andExpect(content().string(containsString("<dd id=\"verified-entries\">1,234</dd>")))
			.andExpect(content().string(containsString("<dd id=\"verified-intact\">no</dd>")))
			.andExpect(content().string(containsString("<dd id=\"first-broken\">#57</dd>")));
	}

	@Test
	void refusesTheCheckWithoutCsrfToken() throws Exception {
		this.mvc.perform(post("/audit/verify").with(admin())).andExpect(status().isForbidden());
		then(this.audit).should(never()).verify();
	}

	private static RequestPostProcessor admin() {
		return user("root").roles("ADMIN");
	}

}
