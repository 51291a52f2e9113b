package org.smguard.advisor;

import java.util.List;

import org.smguard.policy.CriticalFindings;
import org.smguard.policy.Policy;

import org.springframework.stereotype.Component;

/** The advisor's critical findings, for the approval of a version. */
@Component
class AdvisorCriticalFindings implements CriticalFindings {

	private final Advisor advisor;

	AdvisorCriticalFindings(Advisor advisor) {
		this.advisor = advisor;
	}

	@Override
	public List<Finding> of(Policy policy) {
		return this.advisor.advise(policy)
			.findings()
			.stream()
			.filter((finding) -> finding.severity() == Severity.CRITICAL)
			.map((finding) -> new Finding(finding.id(), finding.title()))
			.toList();
	}

}
