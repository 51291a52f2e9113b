package org.smguard.system;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Keeps a browser session in step with its account: a disabled account is signed out at
 * its next request, and changed roles (or a password an admin reset with "must change")
 * apply at once instead of at the next sign-in.
 * <p>
 * The session remembers when it last read its account and re-reads it only when
 * {@link AccountChanges} saw the account change since, or when the recheck interval has
 * passed, so that most requests cost no query. Changes made through this process apply at
 * the next request; the interval only bounds how late a change made elsewhere (SQL by
 * hand, another instance on a shared database) applies. The stamps are kept in memory
 * rather than in a column of the account because a column would still cost one query per
 * request.
 */
class SessionAccountFilter extends OncePerRequestFilter {

	private static final String CHECKED = SessionAccountFilter.class.getName() + ".CHECKED";

	private final UserDetailsService accounts;

	private final AccountChanges changes;

	private final Clock clock;

	private final Duration recheck;

	private final SecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();

	SessionAccountFilter(UserDetailsService accounts, AccountChanges changes, Clock clock, Duration recheck) {
		this.accounts = accounts;
		this.changes = changes;
		this.clock = clock;
		this.recheck = recheck;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (current == null || current instanceof AnonymousAuthenticationToken || !current.isAuthenticated()) {
			chain.doFilter(request, response);
			return;
		}
		String username = current.getName();
		// The stamp is taken before the account is read: a change that commits meanwhile
		// moves the stamp after it, and the next request reads the account again.
		Checked now = new Checked(username, this.changes.stampOf(username), this.clock.instant());
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(CHECKED) instanceof Checked last
				&& last.stillHolds(now, this.recheck)) {
			chain.doFilter(request, response);
			return;
		}
		UserDetails account;
		try {
			account = this.accounts.loadUserByUsername(username);
		}
		catch (UsernameNotFoundException ex) {
			account = null;
		}
		if (account != null && !account.isEnabled()) {
			SecurityContextHolder.clearContext();
			if (session != null) {
				session.invalidate();
			}
			response.sendRedirect(request.getContextPath() + "/login?disabled");
			return;
		}
		if (account != null && !roles(current.getAuthorities()).equals(roles(account.getAuthorities()))) {
			refresh(current, account, request, response);
		}
		session = request.getSession(false);
		if (session != null) {
			session.setAttribute(CHECKED, now);
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

	/** When a session last read its account, and the account's stamp then. */
	private record Checked(String username, long stamp, Instant at) implements Serializable {

		boolean stillHolds(Checked now, Duration recheck) {
			return this.username.equals(now.username) && this.stamp == now.stamp && !now.at.isBefore(this.at)
					&& now.at.isBefore(this.at.plus(recheck));
		}

	}

}
