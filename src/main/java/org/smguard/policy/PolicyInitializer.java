package org.smguard.policy;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the {@code default} policy with Debian's stock settings on first start.
 */
@Component
class PolicyInitializer implements ApplicationRunner {

	private final PolicyService policies;

	PolicyInitializer(PolicyService policies) {
		this.policies = policies;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.policies.createDefaultIfMissing();
	}

}
