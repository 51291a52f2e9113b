package org.smguard.advisor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smguard.hosts.HostFacts;
import org.smguard.hosts.HostFacts.FileProblem;
import org.smguard.hosts.HostFacts.Problem;
import org.smguard.hosts.HostService.ReportedFacts;
import org.smguard.policy.Policy;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Findings from what hosts reported, read against a policy: each fires and does not. */
class HostFindingsTests {

	private static final Instant AT = Instant.parse("2026-12-02T06:00:00Z");

	private static final Policy POLICY = StockPolicy.debian()
		.withTrustedUsers(new TrustedUsers(TrustedUsers.LineStyle.T, List.of("root"),
				new TrustedUsersFile("/etc/mail/trusted-users", false, List.of("majordomo"))));

	@Test
	void namesAListedShellThatHostsDoNotHave() {
		List<ReportedFacts> reports = List.of(report("mx1", List.of("/bin/rbash", "/bin/zsh"), List.of()),
				report("mx2", List.of("/bin/rbash"), List.of()), report("mx3", List.of(), List.of()));

		List<Finding> findings = HostFindings.of(POLICY, reports);

		int rbash = POLICY.shells().entries().indexOf("/bin/rbash");
		assertThat(findings).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("host-shell-missing");
			assertThat(finding.field()).isEqualTo("shells.entries[" + rbash + "]");
			assertThat(finding.title()).isEqualTo("/bin/rbash is listed but does not exist on mx1, mx2");
			assertThat(finding.severity()).isEqualTo(Severity.WARNING);
		});
	}

	@Test
	void saysNothingWhenHostsReportNothingWrong() {
		assertThat(HostFindings.of(POLICY, List.of(report("mx1", List.of(), List.of())))).isEmpty();
		assertThat(HostFindings.of(POLICY, List.of())).isEmpty();
	}

	@Test
	void flagsALoosenedTrustedUsersFile() {
		List<ReportedFacts> reports = List.of(report("mx1", List.of(),
				List.of(new FileProblem("/etc/mail/trusted-users", Problem.MODE, "0666", "0644"),
						new FileProblem("/etc/mail/trusted-users", Problem.OWNER, "bob:bob", "root:smmsp"))));

		List<Finding> findings = HostFindings.of(POLICY, reports);

		assertThat(findings).singleElement().satisfies((finding) -> {
			assertThat(finding.field()).isEqualTo("trustedUsers.file");
			assertThat(finding.title()).isEqualTo("The trusted-users file on mx1 is not as installed");
			assertThat(finding.explanation()).contains("reported 2026-12-02 06:00 UTC, running version 4")
				.contains("has mode 0666 (installed 0644), writable by its group or others")
				.contains("is owned by bob:bob (installed root:smmsp)");
		});
	}

	@Test
	void countsOverrideFilesThatNoLongerHoldAndOtherChangedFiles() {
		List<FileProblem> problems = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			problems.add(new FileProblem("/usr/local/etc/forwards/u" + i + ".forward", Problem.MISSING, null, null));
		}
		problems.add(new FileProblem("/etc/mail/sendmail.cf", Problem.CONTENT, null, null));

		List<Finding> findings = HostFindings.of(POLICY, List.of(report("mx1", List.of(), problems)));

		assertThat(findings).extracting(Finding::field).containsExactly("forwards.overrides", "hosts");
		assertThat(findings.get(0).title()).isEqualTo("7 override files on mx1 are not as installed");
		assertThat(findings.get(0).explanation()).contains("u4.forward is missing; and 2 more")
			.doesNotContain("u5.forward");
		assertThat(findings.get(1).explanation()).contains("/etc/mail/sendmail.cf has other content");
	}

	private static ReportedFacts report(String host, List<String> shells, List<FileProblem> files) {
		return new ReportedFacts(host, 4, AT, new HostFacts(shells, files));
	}

}
