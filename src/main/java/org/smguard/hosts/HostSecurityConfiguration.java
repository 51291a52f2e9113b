package org.smguard.hosts;

import org.smguard.system.ClientAddresses;
import org.smguard.system.SignInThrottle;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The filter chain of mail hosts: {@code /api/v1/hosts/self/**} only, with host tokens
 * only, stateless and without CSRF. It comes before the API chain ({@code /api/**}, order
 * 1), which would otherwise take these paths with HTTP Basic and personal tokens: a
 * person has no "self" host, and a host token opens nothing else (the API chain refuses
 * it by its {@code smh_} prefix, the browser chain ignores it). The security headers come
 * from the servlet filter that runs before every chain.
 */
@Configuration(proxyBeanMethods = false)
class HostSecurityConfiguration {

	static final String SELF = "/api/v1/hosts/self/**";

	@Bean
	@Order(0)
	SecurityFilterChain hostChain(HttpSecurity http, HostTokenAuthenticator hosts, SignInThrottle throttle,
			ClientAddresses addresses) throws Exception {
		http.securityMatcher(SELF)
			.authorizeHttpRequests((auth) -> auth.anyRequest().hasRole("HOST"))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(HostTokenFilter::unauthorized)
				.accessDeniedHandler((request, response, denied) -> {
					response.setStatus(HttpStatus.FORBIDDEN.value());
					response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
					response.getWriter()
						.write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
								+ "\"detail\":\"only a mail host may do this\"}");
				}))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new HostTokenFilter(hosts, throttle, addresses), AuthorizationFilter.class);
		return http.build();
	}

}
