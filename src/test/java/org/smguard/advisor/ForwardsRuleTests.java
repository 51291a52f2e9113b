package org.smguard.advisor;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardsRuleTests {

	private final ForwardsRule rule = new ForwardsRule();

	private static Policy in(String directory) {
		return Policies.recommended().withForwards(new Forwards(directory, List.of()));
	}

	@Test
	void acceptsADirectoryOfItsOwn() {
		assertThat(this.rule.check(in("/usr/local/etc/forwards"))).isEmpty();
		assertThat(this.rule.check(in("/etc/mail/forwards"))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/etc", "/etc/", "/tmp", "/tmp/forwards", "/home/bob", "/var/mail", "/" })
	void flagsSystemAndUserDirectories(String directory) {
		assertThat(this.rule.check(in(directory))).singleElement()
			.extracting(Finding::severity)
			.isEqualTo(Severity.CRITICAL);
	}

	@Test
	void flagsTheSmBinDirectory() {
		assertThat(this.rule.check(in("/etc/mail/smrsh"))).extracting(Finding::rule)
			.containsExactly("override-directory-shared");
	}

}
