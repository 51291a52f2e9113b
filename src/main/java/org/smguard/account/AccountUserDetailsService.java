package org.smguard.account;

import java.util.ArrayList;
import java.util.List;

import org.smguard.system.AccountPrincipal;
import org.smguard.system.SecurityConfiguration;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Signs accounts in. An account that must change its password gets one extra authority
 * that confines it to the password page until it does; the principal remembers which
 * password it was signed in with, so that changing it ends the account's other browser
 * sessions.
 */
@Service
class AccountUserDetailsService implements UserDetailsService {

	private final AccountStore store;

	AccountUserDetailsService(AccountStore store) {
		this.store = store;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		AccountStore.AccountRow row = this.store.find(username)
			.orElseThrow(() -> new UsernameNotFoundException("no such account"));
		List<GrantedAuthority> authorities = new ArrayList<>();
		row.account().roles().forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
		if (row.account().mustChangePassword()) {
			authorities.add(new SimpleGrantedAuthority(SecurityConfiguration.PASSWORD_CHANGE_REQUIRED));
		}
		return new AccountPrincipal(username, row.passwordHash(), row.account().enabled(), authorities);
	}

}
