package org.smguard.system;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * The browser's page for a sign-in the {@link SignInThrottle} refused: says when to try
 * again. The refusal happens in a security filter, before any controller, so the page is
 * an error view.
 */
class SignInThrottledPage implements ErrorViewResolver, Ordered {

	static final String VIEW = "error/sign-in-throttled";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'");

	private final Clock clock;

	SignInThrottledPage(Clock clock) {
		this.clock = clock;
	}

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		if (status != HttpStatus.TOO_MANY_REQUESTS
				|| !(request.getAttribute(SignInThrottleFilter.RETRY_AFTER) instanceof Duration wait)) {
			return null;
		}
		ModelAndView page = new ModelAndView(VIEW, HttpStatus.TOO_MANY_REQUESTS);
		long minutes = (wait.toSeconds() + 59) / 60;
		page.addObject("minutes", minutes);
		page.addObject("seconds", wait.toSeconds());
		page.addObject("retryAt",
				TIME.format(this.clock.instant().plus(wait).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
		return page;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
