package org.smguard.system;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a browser session in step with its account: the session ends at its next request
 * when the account was disabled, or its password or roles changed, since it signed in
 * (the session that changed its own password carries on, see {@link SignedInSession}). A
 * password that must now change, or no longer must, applies to the session at once.
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
			end(request, response, session, "disabled");
			return;
		}
		if (account != null && (passwordChanged(current, account) || !roles(current).equals(roles(account)))) {
			end(request, response, session, "ended");
			return;
		}
		if (account != null && !authorities(current.getAuthorities()).equals(authorities(account.getAuthorities()))) {
			// Only the mark of a password that must change came or went.
			SignedInSession.replace(current, account, request, response);
		}
		session = request.getSession(false);
		if (session != null) {
			session.setAttribute(CHECKED, now);
		}
		chain.doFilter(request, response);
	}

	/**
	 * Signs the session out: its account was disabled, or its password or roles changed
	 * since it signed in.
	 */
	private static void end(HttpServletRequest request, HttpServletResponse response, HttpSession session,
			String reason) throws IOException {
		SecurityContextHolder.clearContext();
		if (session != null) {
			session.invalidate();
		}
		response.sendRedirect(request.getContextPath() + "/login?" + reason);
	}

	/**
	 * Whether the account's password is no longer the one the session signed in with
	 * (changed by its owner elsewhere, or reset by an admin).
	 */
	private static boolean passwordChanged(Authentication current, UserDetails account) {
		return current.getPrincipal() instanceof AccountPrincipal signedIn && account instanceof AccountPrincipal stored
				&& !signedIn.samePassword(stored);
	}

	/** The account's roles, leaving out the marks that are no roles. */
	private static Set<String> roles(Authentication current) {
		return roles(current.getAuthorities());
	}

	private static Set<String> roles(UserDetails account) {
		return roles(account.getAuthorities());
	}

	private static Set<String> roles(Collection<? extends GrantedAuthority> authorities) {
		Set<String> roles = new HashSet<>();
		authorities(authorities).stream().filter((a) -> a.startsWith("ROLE_")).forEach(roles::add);
		return roles;
	}

	/**
	 * The authorities that come from the account, leaving out the factors proved at
	 * sign-in.
	 */
	private static Set<String> authorities(Collection<? extends GrantedAuthority> authorities) {
		Set<String> names = new HashSet<>();
		authorities.stream()
			.filter((a) -> !(a instanceof FactorGrantedAuthority))
			.forEach((a) -> names.add(a.getAuthority()));
		return names;
	}

	/** When a session last read its account, and the account's stamp then. */
	private record Checked(String username, long stamp, Instant at) implements Serializable {

		boolean stillHolds(Checked now, Duration recheck) {
			return this.username.equals(now.username) && this.stamp == now.stamp && !now.at.isBefore(this.at)
					&& now.at.isBefore(this.at.plus(recheck));
		}

	}

}
