package org.smguard.policy;

import java.util.List;

/**
 * What must be acknowledged before a version can be approved: the critical findings of
 * the security advisor, which implements this. Declared here so that review does not
 * depend on the advisor (the advisor depends on the policy model).
 */
public interface CriticalFindings {

	List<Finding> of(Policy policy);

	/**
	 * One critical finding: {@code id} names it for an acknowledgement
	 * ({@code rule@field}), {@code title} says what is wrong.
	 */
	record Finding(String id, String title) {
	}

}
