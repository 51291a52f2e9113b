package org.smguard.browser;

import java.util.Arrays;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test method a {@link BrowserSession} parameter: a fresh headless Chromium that
 * is quit after the test, with a screenshot in {@code target/screenshots/} when the test
 * failed.
 */
public class BrowserExtension implements BeforeEachCallback, ParameterResolver, AfterTestExecutionCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(BrowserExtension.class);

	/**
	 * Checks for Chromium before the test starts: a skip thrown while resolving a
	 * parameter would be reported as an error.
	 */
	@Override
	public void beforeEach(ExtensionContext context) {
		boolean wantsBrowser = Arrays.stream(context.getRequiredTestMethod().getParameterTypes())
			.anyMatch((type) -> type == BrowserSession.class);
		if (wantsBrowser) {
			BrowserSession.requireInstalled();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == BrowserSession.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		// The store closes the session (an AutoCloseable) when the test is done.
		return context.getStore(NAMESPACE)
			.computeIfAbsent(BrowserSession.class, (key) -> BrowserSession.start(), BrowserSession.class);
	}

	@Override
	public void afterTestExecution(ExtensionContext context) {
		BrowserSession session = context.getStore(NAMESPACE).get(BrowserSession.class, BrowserSession.class);
		if (session != null && context.getExecutionException().isPresent()) {
			session.screenshot(context.getRequiredTestClass().getSimpleName() + "-"
					+ context.getRequiredTestMethod().getName() + "-failed");
		}
	}

}
