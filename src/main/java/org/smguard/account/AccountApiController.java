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
 * JSON API: accounts (admins only) and changing one's own password.
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

	record UpdateAccountRequest(Set<Role> roles, Boolean enabled) {
	}

	@PatchMapping("/api/v1/users/{username}")
	Account update(@PathVariable String username, @RequestBody UpdateAccountRequest request) {
		return this.accounts.update(username, request.roles(), request.enabled());
	}

	record ChangePasswordRequest(String currentPassword, String newPassword) {
	}

	@PostMapping("/api/v1/account/password")
	ResponseEntity<Void> changePassword(@RequestBody ChangePasswordRequest request) {
		this.accounts.changeOwnPassword(request.currentPassword(), request.newPassword());
		return ResponseEntity.noContent().build();
	}

}
