package org.smguard.system;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sign-in throttle and what it needs: its settings, the client address of a request
 * (behind trusted proxies), the listener that counts outcomes and the browser's page for
 * a refusal. The filter chains add {@link SignInThrottleFilter}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInProperties.class)
class SignInThrottleConfiguration {

	@Bean
	SignInThrottle signInThrottle(SignInProperties properties, Clock clock, ApplicationEventPublisher events) {
		return new SignInThrottle(properties, clock, events);
	}

	@Bean
	ClientAddresses clientAddresses(SignInProperties properties) {
		return new ClientAddresses(properties.trustedProxies());
	}

	@Bean
	SignInOutcomes signInOutcomes(SignInThrottle throttle, ClientAddresses addresses) {
		return new SignInOutcomes(throttle, addresses);
	}

	@Bean
	SignInThrottledPage signInThrottledPage(Clock clock) {
		return new SignInThrottledPage(clock);
	}

}
