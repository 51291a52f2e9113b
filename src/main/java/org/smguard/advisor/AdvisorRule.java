package org.smguard.advisor;

import java.util.List;

import org.smguard.policy.Policy;

/**
 * One rule of the security advisor: a pure check of a policy. A rule is a Spring
 * component in this package; adding one is adding its class (and its tests).
 */
interface AdvisorRule {

	List<Finding> check(Policy policy);

}
