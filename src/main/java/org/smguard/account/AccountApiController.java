package org.smguard.account;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.smguard.system.Role;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API: accounts (admins only) and changing one's own password. Every password keeps
 * the same rules; a change of an account's password, roles or enabled flag ends its
 * browser sessions.
 */
@RestController
class AccountApiController {

	private final AccountService accounts;

	AccountApiController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/api/v1/users")
	List<Account> list() {
		return this.accounts.list();
	}

	@GetMapping("/api/v1/users/{username}")
	Account get(@PathVariable String username) {
		return this.accounts.get(username);
	}

	/**
	 * {@code mustChangePassword} is optional (the contract's body is {@code {username,
	 * password, roles}}); left out, the account works at once.
	 */
	record CreateAccountRequest(String username, String password, Set<Role> roles, Boolean mustChangePassword) {
	}

	@PostMapping("/api/v1/users")
	ResponseEntity<Account> create(@RequestBody CreateAccountRequest request) {
		Account created = this.accounts.create(request.username(), request.password(), request.roles(),
				Boolean.TRUE.equals(request.mustChangePassword()));
		return ResponseEntity.created(URI.create("/api/v1/users/" + created.username())).body(created);
	}

	/**
	 * {@code password} and {@code mustChangePassword} are optional additions to the
	 * contract's {@code {roles?, enabled?}}: an admin's reset of the password, which
	 * works at once unless {@code mustChangePassword} is true.
	 */
	record UpdateAccountRequest(Set<Role> roles, Boolean enabled, String password, Boolean mustChangePassword) {
	}

	@PatchMapping("/api/v1/users/{username}")
	Account update(@PathVariable String username, @RequestBody UpdateAccountRequest request) {
		if (request.password() == null && request.mustChangePassword() == null) {
			return this.accounts.update(username, request.roles(), request.enabled());
		}
		return this.accounts.update(username, request.roles(), request.enabled(), request.password(),
				Boolean.TRUE.equals(request.mustChangePassword()));
	}

	record ChangePasswordRequest(String currentPassword, String newPassword) {
	}

	@PostMapping("/api/v1/account/password")
	ResponseEntity<Void> changePassword(@RequestBody ChangePasswordRequest request) {
		this.accounts.changeOwnPassword(request.currentPassword(), request.newPassword());
		return ResponseEntity.noContent().build();
	}

}
