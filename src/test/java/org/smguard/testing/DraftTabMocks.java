package org.smguard.testing;

import java.time.Instant;
import java.util.function.UnaryOperator;

import org.mockito.ArgumentCaptor;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.PolicyValidator;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;

/**
 * What the slice tests of the draft editor tabs share: a draft of policy {@code default}
 * at revision {@value #REVISION}, a mocked {@link PolicyService} that applies and
 * validates a change as the real one does, and the change a tab sent.
 */
public final class DraftTabMocks {

	/** The draft revision every tab's form is based on. */
	public static final long REVISION = 7;

	private DraftTabMocks() {
	}

	public static DraftSettings draft(Policy policy) {
		return new DraftSettings("default", REVISION, 2, policy, policy.forwards().overrides().size(), "alice",
				Instant.parse("2025-01-01T00:00:00Z"));
	}

	/**
	 * Makes the mocked service apply a change to {@code base} and validate it as the real
	 * one does.
	 */
	public static void changeDraftValidates(PolicyService policies, Policy base) {
		given(policies.changeSection(eq("default"), eq(REVISION), any(), any())).willAnswer((invocation) -> {
			UnaryOperator<Policy> change = invocation.getArgument(3);
			Policy changed = change.apply(base);
			PolicyValidator.validate(changed).throwIfErrors();
			return draft(changed);
		});
	}

	/** The change the tab sent to the service, applied to {@code base}. */
	@SuppressWarnings("unchecked")
	public static Policy appliedChange(PolicyService policies, Policy base) {
		ArgumentCaptor<UnaryOperator<Policy>> change = ArgumentCaptor.forClass(UnaryOperator.class);
		verify(policies).changeSection(eq("default"), eq(REVISION), any(), change.capture());
		return change.getValue().apply(base);
	}

}
