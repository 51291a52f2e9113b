package org.smguard.advisor;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrivacyOptionsRuleTests {

	private final PrivacyOptionsRule rule = new PrivacyOptionsRule();

	@Test
	void acceptsTheSeedsSettingAndItsSpelledOutFlags() {
		assertThat(this.rule.check(Policies.recommended())).isEmpty();
		List<String> spelled = new java.util.ArrayList<>(PrivacyOptionsRule.GOAWAY);
		spelled.addAll(List.of("restrictmailq", "restrictqrun", "noetrn"));
		assertThat(this.rule.check(Policies.withOptions((o) -> o.privacyOptions(spelled)))).isEmpty();
		assertThat(this.rule
			.check(Policies.withOptions((o) -> o.privacyOptions(List.of("GoAway", "restrictmailq", "RESTRICTQRUN")))))
			.isEmpty();
	}

	@Test
	void namesWhatGoawayAloneLacks() {
		assertThat(this.rule.check(Policies.withOptions((o) -> o.privacyOptions(List.of("goaway"))))).singleElement()
			.satisfies((f) -> assertThat(f.title()).endsWith("lacks restrictmailq, restrictqrun"));
	}

	@Test
	void flagsDebiansStockSettingAndAMissingAuthwarnings() {
		List<Finding> findings = this.rule.check(Policies.withOptions((o) -> o.privacyOptions(
				List.of("needmailhelo", "needexpnhelo", "needvrfyhelo", "restrictqrun", "restrictexpand"))));
		assertThat(findings).extracting(Finding::rule).containsExactly("privacy-options", "privacy-authwarnings");
		assertThat(findings.get(0).title()).contains("noexpn, novrfy, authwarnings, noverb, restrictmailq");
	}

	@Test
	void flagsUnsetAsPublic() {
		assertThat(this.rule.check(Policies.withOptions((o) -> o.privacyOptions(null)))).hasSize(2)
			.first()
			.satisfies((f) -> assertThat(f.explanation()).contains("Unset, sendmail tells anyone everything."));
	}

}
