package org.smguard.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a browser session in step with its account: a disabled or deleted account is
 * signed out at its next request, and changed roles (or a password an admin reset with
 * "must change") apply at once instead of at the next sign-in.
 */
class SessionAccountFilter extends OncePerRequestFilter {

	private final UserDetailsService accounts;

	private final SecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();

	SessionAccountFilter(UserDetailsService accounts) {
		this.accounts = accounts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (current == null || current instanceof AnonymousAuthenticationToken || !current.isAuthenticated()) {
			chain.doFilter(request, response);
			return;
		}
		UserDetails account;
		try {
			account = this.accounts.loadUserByUsername(current.getName());
		}
		catch (UsernameNotFoundException ex) {
			account = null;
		}
		if (account == null) {
			chain.doFilter(request, response);
			return;
		}
		if (!account.isEnabled()) {
			SecurityContextHolder.clearContext();
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			response.sendRedirect(request.getContextPath() + "/login?disabled");
			return;
		}
		if (!roles(current.getAuthorities()).equals(roles(account.getAuthorities()))) {
			refresh(current, account, request, response);
		}
		chain.doFilter(request, response);
	}

	/**
	 * The authorities that come from the account, leaving out the factors proved at
	 * sign-in.
	 */
	private static Set<String> roles(java.util.Collection<? extends GrantedAuthority> authorities) {
		Set<String> roles = new HashSet<>();
		authorities.stream()
			.filter((a) -> !(a instanceof FactorGrantedAuthority))
			.forEach((a) -> roles.add(a.getAuthority()));
		return roles;
	}

	private void refresh(Authentication current, UserDetails account, HttpServletRequest request,
			HttpServletResponse response) {
		if (account instanceof CredentialsContainer container) {
			// The session keeps the principal: not even the hash belongs there.
			container.eraseCredentials();
		}
		List<GrantedAuthority> authorities = new ArrayList<>(account.getAuthorities());
		current.getAuthorities().stream().filter(FactorGrantedAuthority.class::isInstance).forEach(authorities::add);
		UsernamePasswordAuthenticationToken fresh = UsernamePasswordAuthenticationToken.authenticated(account, null,
				authorities);
		fresh.setDetails(current.getDetails());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(fresh);
		SecurityContextHolder.setContext(context);
		this.contextRepository.saveContext(context, request, response);
	}

}
