package org.smguard.advisor;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.smguard.policy.Policy;
import org.smguard.policy.Shells;
import org.smguard.policy.TrustedUsers;

import static org.assertj.core.api.Assertions.assertThat;

class ShellsAndTrustRuleTests {

	private final ShellsAndTrustRule rule = new ShellsAndTrustRule();

	@Test
	void acceptsTheStockShellsAndTrustedUsers() {
		assertThat(this.rule.check(Policies.recommended())).isEmpty();
	}

	@Test
	void flagsAnyShell() {
		Policy policy = Policies.recommended().withShells(new Shells(List.of("/bin/sh"), true));
		assertThat(this.rule.check(policy)).singleElement().satisfies((f) -> {
			assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
			assertThat(f.field()).isEqualTo("shells.allowAnyShell");
		});
	}

	@Test
	void namesTrustedUsersBeyondTheStockOnes() {
		Policy policy = Policies.recommended()
			.withTrustedUsers(
					new TrustedUsers(TrustedUsers.LineStyle.T, List.of("root", "majordomo", "www-data"), null));
		assertThat(this.rule.check(policy)).singleElement()
			.satisfies((f) -> assertThat(f.title()).endsWith("majordomo, www-data"));
	}

}
