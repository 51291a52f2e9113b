package org.smguard.advisor;

import org.smguard.policy.PolicyService;

import org.springframework.stereotype.Service;

/** The advice on a policy's draft or on one of its versions. */
@Service
public class AdvisorService {

	private final PolicyService policies;

	private final Advisor advisor;

	AdvisorService(PolicyService policies, Advisor advisor) {
		this.policies = policies;
		this.advisor = advisor;
	}

	public Advice draft(String policy) {
		return this.advisor.advise(this.policies.draftSnapshot(policy).draft().policy());
	}

	public Advice version(String policy, int number) {
		return this.advisor.advise(this.policies.version(policy, number).policy());
	}

}
