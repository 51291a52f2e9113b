package org.smguard.importer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import org.smguard.cf.SendmailReader;
import org.smguard.policy.Draft;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.Shells;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.TrustedUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ImportService}: files are read before the draft is locked, and read
 * again over a change that landed meanwhile, so it is never lost.
 */
class ImportServiceTests {

	private static final Policy STOCK = StockPolicy.debian();

	private final PolicyService policies = mock(PolicyService.class);

	private final ImportService imports = new ImportService(this.policies,
			new ImportVerifier(mock(SendmailReader.class)));

	@Test
	void appliesTheFilesReadBeforeTheLockWhenTheDraftIsUnchanged() {
		AtomicReference<Policy> written = lockedDraft(STOCK);
		ImportReport report = this.imports.importFiles("default", null, shellsOnly("/bin/sh\n/bin/zsh\n"));
		assertThat(written.get().shells().entries()).containsExactly("/bin/sh", "/bin/zsh");
		assertThat(written.get().trustedUsers()).isEqualTo(STOCK.trustedUsers());
		assertThat(report.taken()).contains("shells: 2 valid shells");
	}

	@Test
	void readsTheFilesAgainOverAChangeThatLandedMeanwhile() {
		Policy meanwhile = STOCK.withShells(new Shells(List.of("/bin/ksh"), false))
			.withTrustedUsers(new TrustedUsers(STOCK.trustedUsers().lineStyle(), List.of("root", "majordomo"), null));
		AtomicReference<Policy> written = lockedDraft(meanwhile);
		this.imports.importFiles("default", null, shellsOnly("/bin/sh\n"));
		assertThat(written.get().shells().entries()).containsExactly("/bin/sh");
		assertThat(written.get().trustedUsers().users()).as("the change made meanwhile is kept")
			.containsExactly("root", "majordomo");
	}

	/**
	 * The draft the import reads first is the stock policy; under the lock it is
	 * {@code locked}. Returns what the import writes.
	 */
	@SuppressWarnings("unchecked")
	private AtomicReference<Policy> lockedDraft(Policy locked) {
		given(this.policies.draftSnapshot("default")).willReturn(new PolicyService.DraftSnapshot(
				new Draft("default", 1, null, STOCK, "alice", Instant.parse("2026-01-01T00:00:00Z")),
				StockPolicy.debianBaseCf()));
		AtomicReference<Policy> written = new AtomicReference<>();
		given(this.policies.importDraft(eq("default"), isNull(), any(UnaryOperator.class), isNull()))
			.willAnswer((call) -> {
				written.set(((UnaryOperator<Policy>) call.getArgument(2)).apply(locked));
				return new Draft("default", 2, null, written.get(), "bob", Instant.parse("2026-01-01T00:01:00Z"));
			});
		return written;
	}

	private static HostFiles shellsOnly(String shells) {
		return new HostFiles(null, shells.getBytes(StandardCharsets.UTF_8), null, null, null);
	}

}
