package org.smguard;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The top-level packages form layers without cycles: web slices over the policy domain,
 * rendering and the sandbox, with {@code system} and {@code validation} below everything.
 * Spring Modulith fails on any cycle between them.
 */
class ArchitectureTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(SmguardApplication.class);

	@Test
	void hasNoCycleBetweenTopLevelPackages() {
		MODULES.verify();
	}

}
