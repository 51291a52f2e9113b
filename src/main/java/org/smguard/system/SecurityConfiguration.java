package org.smguard.system;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two filter chains: HTTP Basic without sessions or CSRF for scripts under
 * {@code /api/**} (order 1), form sign-in with CSRF for the browser (order 2). The hosts
 * slice adds a third ahead of both (order 0) for {@code /api/v1/hosts/self/**}, which
 * only host tokens open. Roles are also checked on service methods.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@Import(SignInThrottleConfiguration.class)
public class SecurityConfiguration {

	/**
	 * Authority of an account that must change its password before doing anything else.
	 */
	public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

	static final String API_PASSWORD_PATH = "/api/v1/account/password";

	static final String PASSWORD_PAGE = "/account/password";

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, ObjectProvider<BearerTokenAuthenticator> tokens,
			SignInThrottle throttle, ClientAddresses addresses) throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((auth) -> auth.requestMatchers("/api/v1/users/**")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/v1/policies")
				.hasRole("ADMIN")
				.requestMatchers(API_PASSWORD_PATH)
				.authenticated()
				.anyRequest()
				.hasRole("VIEWER"))
			.httpBasic((basic) -> basic.realmName("smguard").authenticationEntryPoint(ApiProblems::unauthorized))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(ApiProblems::unauthorized)
				.accessDeniedHandler(ApiProblems::forbidden))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new PasswordChangeFilter(true), AuthorizationFilter.class);
		// Personal API tokens (Authorization: Bearer), for this chain only.
		tokens.ifAvailable((authenticator) -> http.addFilterBefore(
				new BearerTokenFilter(authenticator, throttle, addresses), BasicAuthenticationFilter.class));
		http.with(SignInThrottleFilter.httpBasic(), Customizer.withDefaults());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain browserChain(HttpSecurity http, UserDetailsService accounts, AccountChanges changes,
			Clock clock, @Value("${smguard.account-recheck:10s}") Duration accountRecheck) throws Exception {
		http.authorizeHttpRequests((auth) -> auth
			.requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error", "/actuator/health",
					"/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
			.permitAll()
			.requestMatchers("/admin/**", "/audit/**", "/audit.csv")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.addFilterBefore(new SessionAccountFilter(accounts, changes, clock, accountRecheck),
					AuthorizationFilter.class)
			.addFilterAfter(new PasswordChangeFilter(false), SessionAccountFilter.class);
		http.with(SignInThrottleFilter.forms(), Customizer.withDefaults());
		return http.build();
	}

	@Bean
	AccountChanges accountChanges() {
		return new AccountChanges();
	}

	@Bean
	RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.fromHierarchy("""
				ROLE_ADMIN > ROLE_EDITOR
				ROLE_ADMIN > ROLE_REVIEWER
				ROLE_EDITOR > ROLE_VIEWER
				ROLE_REVIEWER > ROLE_VIEWER
				""");
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Confines an account whose password must change to the password change (and
	 * sign-out).
	 */
	static final class PasswordChangeFilter extends OncePerRequestFilter {

		private final boolean api;

		PasswordChangeFilter(boolean api) {
			this.api = api;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Authentication auth = SecurityContextHolder.getContext().getAuthentication();
			boolean mustChange = auth != null && auth.getAuthorities()
				.stream()
				.anyMatch((a) -> PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()));
			String path = request.getRequestURI().substring(request.getContextPath().length());
			boolean allowed = path.equals(this.api ? API_PASSWORD_PATH : PASSWORD_PAGE) || path.equals("/logout")
					|| path.startsWith("/css/") || path.startsWith("/js/");
			if (!mustChange || allowed) {
				chain.doFilter(request, response);
			}
			else if (this.api) {
				response.setStatus(HttpStatus.FORBIDDEN.value());
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.getWriter()
					.write("{\"type\":\"about:blank\",\"title\":\"Password change required\",\"status\":403,"
							+ "\"detail\":\"this account must change its password first: POST " + API_PASSWORD_PATH
							+ " {currentPassword, newPassword}\"}");
			}
			else {
				response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
			}
		}

	}

}
