package org.smguard.advisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.smguard.policy.Policy;

import org.springframework.stereotype.Component;

/**
 * Runs every {@link AdvisorRule} over a policy. Pure: the same policy always gets the
 * same advice.
 */
@Component
public class Advisor {

	private final List<AdvisorRule> rules;

	Advisor(List<AdvisorRule> rules) {
		this.rules = List.copyOf(rules);
	}

	public Advice advise(Policy policy) {
		return advise(policy, List.of());
	}

	/**
	 * The advice on {@code policy} with findings from elsewhere ({@code more}) merged in.
	 */
	Advice advise(Policy policy, List<Finding> more) {
		List<Finding> findings = new ArrayList<>(more);
		this.rules.forEach((rule) -> findings.addAll(rule.check(policy)));
		findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::field));
		return Advice.of(findings);
	}

}
