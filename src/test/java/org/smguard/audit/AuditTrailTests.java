package org.smguard.audit;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.validation.ValidationException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit trail against the real H2 schema: entries in sequence order, newest first,
 * filtered; the hash chain proves them intact and names the first entry changed or
 * removed behind the console's back.
 */
@SpringBootTest
@DirtiesContext
@WithMockUser(username = "auditor", roles = "ADMIN")
class AuditTrailTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> "audit-operator-secret");
	}

	@Autowired
	private AuditTrail audit;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void keepsEntriesInOrderAndProvesThemIntactUntilOneIsChanged() {
		long before = this.audit.verify().entries();
		this.audit.record("version.proposed", "default v1", "first");
		this.audit.recordAs("mallory\nversion.published default v9", "sign-in-failed", "account", "");
		this.audit.record("version.approved", "default v1", "=HYPERLINK(\"x\")");
		AuditTrail.Page newest = this.audit.entries(null, null, null, 0, 3);
		assertThat(newest.content()).extracting(AuditEntry::action)
			.containsExactly("version.approved", "sign-in-failed", "version.proposed");
		assertThat(newest.content().get(1).actor()).as("a name with a newline stays one field of one entry")
			.isEqualTo("mallory\nversion.published default v9");
		assertThat(this.audit.entries(null, null, "auditor", 0, 50).content()).extracting(AuditEntry::actor)
			.containsOnly("auditor");
		assertThat(this.audit.entries(Instant.now().plusSeconds(60), null, null, 0, 50).content()).isEmpty();
		AuditTrail.Verification intact = this.audit.verify();
		assertThat(intact.intact()).isTrue();
		assertThat(intact.entries()).isEqualTo(before + 3);

		long changed = newest.content().get(1).id();
		this.jdbc.sql("UPDATE audit_entry SET detail = 'nothing happened' WHERE id = ?").param(changed).update();
		AuditTrail.Verification broken = this.audit.verify();
		assertThat(broken.intact()).isFalse();
		assertThat(broken.firstBroken()).isEqualTo(changed);
		this.jdbc.sql("UPDATE audit_entry SET detail = '' WHERE id = ?").param(changed).update();
		assertThat(this.audit.verify().intact()).as("restored").isTrue();
	}

	@Test
	void noticesARemovedEntry() {
		this.audit.record("a", "s", "");
		this.audit.record("b", "s", "");
		this.audit.record("c", "s", "");
		AuditEntry middle = this.audit.entries(null, null, null, 0, 3).content().get(1);
		this.jdbc.sql("DELETE FROM audit_entry WHERE id = ?").param(middle.id()).update();
		AuditTrail.Verification broken = this.audit.verify();
		assertThat(broken.intact()).isFalse();
		assertThat(broken.firstBroken()).as("the entry after the gap").isGreaterThan(middle.id());
		this.jdbc
			.sql("INSERT INTO audit_entry (id, at, actor, address, action, subject, detail, prev_hash, hash)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(middle.id(), middle.at().atOffset(ZoneOffset.UTC), middle.actor(), middle.address(),
					middle.action(), middle.subject(), middle.detail(), middle.prevHash(), middle.hash())
			.update();
		assertThat(this.audit.verify().intact()).as("restored").isTrue();
	}

	@Test
	void filtersByActionAndActorTogetherAndListsTheActions() {
		this.audit.recordAs("nell", "filter.test-a", "s1", "");
		this.audit.recordAs("nell", "filter.test-b", "s2", "");
		this.audit.recordAs("otto", "filter.test-a", "s3", "");
		this.audit.recordAs("nell", "filter.test-a", "s4", "");
		assertThat(this.audit.entries(null, null, null, "filter.test-a", 0, 50).content())
			.extracting(AuditEntry::subject)
			.containsExactly("s4", "s3", "s1");
		AuditTrail.Page nells = this.audit.entries(null, null, "nell", "filter.test-a", 0, 1);
		assertThat(nells.totalElements()).isEqualTo(2);
		assertThat(nells.totalPages()).isEqualTo(2);
		assertThat(nells.content()).extracting(AuditEntry::subject).containsExactly("s4");
		assertThat(this.audit.entries(null, null, null, "filter.test", 0, 50).content()).as("exact, not a prefix")
			.isEmpty();
		assertThat(this.audit.newest(null, null, null, "filter.test-a", 2)).extracting(AuditEntry::subject)
			.containsExactly("s4", "s3");
		assertThat(this.audit.actions()).contains("filter.test-a", "filter.test-b").isSorted().doesNotHaveDuplicates();
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.audit.newest(null, null, null, null, AuditTrail.MAX_EXPORT + 1));
	}

	@Test
	@WithMockUser(username = "eddie", roles = "EDITOR")
	void letsOnlyAnAdminRead() {
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.audit.entries(null, null, null, 0, 10));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.audit.entries(null, null, null, "sign-in", 0, 10));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.audit.verify());
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.audit.newest(null, null, null, null, 10));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.audit.actions());
	}

}
