package org.smguard.policies;

import jakarta.servlet.http.HttpServletRequest;

import org.smguard.policy.PolicyService;
import org.smguard.policy.PolicySummary;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Adds the policy header's facts (the current version, who approved it and when, the
 * draft's state) to every browser page of one policy ({@code /policies/{policy}/...}),
 * for {@code fragments/tabs}. The service is looked up lazily so that web slices without
 * it still render their pages; API answers carry no model and skip it.
 */
@ControllerAdvice(annotations = Controller.class)
class PolicyHeadAdvice {

	private final ObjectProvider<PolicyService> policies;

	PolicyHeadAdvice(ObjectProvider<PolicyService> policies) {
		this.policies = policies;
	}

	@ModelAttribute("policyHead")
	PolicySummary policyHead(@PathVariable(name = "policy", required = false) String policy,
			HttpServletRequest request) {
		PolicyService service = this.policies.getIfAvailable();
		if (policy == null || service == null || request.getRequestURI().startsWith(request.getContextPath() + "/api/")
				|| !"GET".equals(request.getMethod())) {
			return null;
		}
		return service.summary(policy);
	}

}
