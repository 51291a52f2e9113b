package org.smguard.system;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Puts a freshly read account into the browser session that is signed in as it. A change
 * an account makes to itself (its own password) ends its other sessions but not the one
 * that made it: that one carries on with the account as it now is, under a new session
 * id.
 */
public final class SignedInSession {

	private static final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private SignedInSession() {
	}

	/**
	 * Renews this request's session after its account changed through it: the account as
	 * read after the change, the factors proved at sign-in kept, and a new session id.
	 * @param account the account read again after the change committed
	 */
	public static void renew(UserDetails account, HttpServletRequest request, HttpServletResponse response) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		replace(current, account, request, response);
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
	}

	/**
	 * Replaces the signed-in account of the session, keeping what was proved at sign-in.
	 */
	static void replace(Authentication current, UserDetails account, HttpServletRequest request,
			HttpServletResponse response) {
		if (account instanceof CredentialsContainer container) {
			// The session keeps the principal: not even the hash belongs there.
			container.eraseCredentials();
		}
		List<GrantedAuthority> authorities = new ArrayList<>(account.getAuthorities());
		if (current != null) {
			current.getAuthorities()
				.stream()
				.filter(FactorGrantedAuthority.class::isInstance)
				.forEach(authorities::add);
		}
		UsernamePasswordAuthenticationToken fresh = UsernamePasswordAuthenticationToken.authenticated(account, null,
				authorities);
		if (current != null) {
			fresh.setDetails(current.getDetails());
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(fresh);
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
	}

}
