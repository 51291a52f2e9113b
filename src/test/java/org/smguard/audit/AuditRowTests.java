package org.smguard.audit;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuditRow}: what the audit trail page shows of a value stored as given.
 */
class AuditRowTests {

	@Test
	void showsLineBreaksAndTabsAsEscapes() {
		assertThat(AuditRow.visible("mallory\nversion.published\r\tx")).isEqualTo("mallory\\nversion.published\\r\\tx");
	}

	@Test
	void doublesABackslashSoThatAnEscapeCannotBeTyped() {
		assertThat(AuditRow.visible("a\\nb")).isEqualTo("a\\\\nb");
	}

	@Test
	void showsOtherControlAndInvisibleCharactersAsCodes() {
		assertThat(AuditRow.visible("nul\0 del\u007f nel\u0085")).isEqualTo("nul\\u0000 del\\u007f nel\\u0085");
		assertThat(AuditRow.visible("admin\u202etxt.exe")).as("bidi override").isEqualTo("admin\\u202etxt.exe");
		assertThat(AuditRow.visible("ad\u200bmin\ufeff")).as("zero-width").isEqualTo("ad\\u200bmin\\ufeff");
		assertThat(AuditRow.visible("a\u2028b")).as("line separator").isEqualTo("a\\u2028b");
		assertThat(AuditRow.visible("tag\udb40\udc41")).as("tag character, outside the BMP")
			.isEqualTo("tag\\udb40\\udc41");
		assertThat(AuditRow.visible("lone\ud800")).isEqualTo("lone\\ud800");
	}

	@Test
	void keepsPrintableTextOfAnyScript() {
		assertThat(AuditRow.visible("Größe 😀 ключ <b>&")).isEqualTo("Größe 😀 ключ <b>&");
		assertThat(AuditRow.visible("")).isEmpty();
	}

	@Test
	void linksTheActorToItsEntries() {
		AuditEntry entry = new AuditEntry(1, Instant.EPOCH, "eve\n+1", "-", "sign-in-failed", "account", "", "", "");
		AuditRow row = AuditRow.of(entry);
		assertThat(row.actor()).isEqualTo("eve\\n+1");
		assertThat(row.actorLink()).isEqualTo("/audit?actor=eve%0A%2B1");
		assertThat(row.entry()).isSameAs(entry);
	}

}
