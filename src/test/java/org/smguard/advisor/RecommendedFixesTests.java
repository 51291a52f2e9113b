package org.smguard.advisor;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.smguard.policy.DraftSection;
import org.smguard.policy.Policy;
import org.smguard.policy.StockPolicy;

import static org.assertj.core.api.Assertions.assertThat;

class RecommendedFixesTests {

	private static Policy fixed(String field, String value, DraftSection section) {
		RecommendedFixes.Fix fix = RecommendedFixes.of(field, value).orElseThrow();
		assertThat(fix.section()).isEqualTo(section);
		return fix.change().apply(StockPolicy.debian());
	}

	@Test
	void setsOneOptionByItsKindAndLeavesTheOthers() {
		Policy policy = fixed("options.LogLevel", "12", DraftSection.OPTIONS);
		assertThat(policy.options().logLevel()).isEqualTo(12);
		assertThat(policy.options().tempFileMode()).isEqualTo(StockPolicy.debian().options().tempFileMode());
		assertThat(fixed("options.PrivacyOptions", "goaway,restrictmailq,restrictqrun", DraftSection.OPTIONS).options()
			.privacyOptions()).containsExactly("goaway", "restrictmailq", "restrictqrun");
		assertThat(fixed("options.TempFileMode", "0600", DraftSection.OPTIONS).options().tempFileMode())
			.isEqualTo("0600");
	}

	@Test
	void fixesSmrshShellsAndTheOverrideDirectory() {
		assertThat(fixed("smrsh.enabled", "true", DraftSection.SMRSH).smrsh().enabled()).isTrue();
		assertThat(fixed("smrsh.smrshPath", "/usr/libexec/sendmail/smrsh", DraftSection.SMRSH).smrsh().smrshPath())
			.isEqualTo("/usr/libexec/sendmail/smrsh");
		assertThat(fixed("shells.allowAnyShell", "false", DraftSection.SHELLS).shells().allowAnyShell()).isFalse();
		assertThat(fixed("forwards.directory", "/usr/local/etc/forwards", DraftSection.FORWARDS_DIRECTORY).forwards()
			.directory()).isEqualTo("/usr/local/etc/forwards");
	}

	@Test
	void hasNoFixForListsOrUnknownFields() {
		for (String field : List.of("smrsh.programs[0]", "trustedUsers.users", "options.NoSuchOption", "shells")) {
			assertThat(RecommendedFixes.handles(field)).as(field).isFalse();
			assertThat(RecommendedFixes.of(field, "x")).as(field).isEmpty();
		}
	}

}
