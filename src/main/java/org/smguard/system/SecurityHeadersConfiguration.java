package org.smguard.system;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Runs {@link SecurityHeadersFilter} first of all filters, ahead of Spring Security's
 * firewall, so that no answer leaves without the headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeadersConfiguration {

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		return registration;
	}

	/**
	 * Tomcat refuses an encoded backslash ({@code %5C}) itself, with a bare 400 that no
	 * filter sees; passed through, it reaches Spring Security's firewall, which refuses
	 * it just the same, with the headers.
	 */
	@Bean
	TomcatConnectorCustomizer encodedBackslashToTheFirewall() {
		return (connector) -> connector.setEncodedReverseSolidusHandling("passthrough");
	}

}
