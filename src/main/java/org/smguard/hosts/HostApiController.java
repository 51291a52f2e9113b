package org.smguard.hosts;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.smguard.system.PageMetadata;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API: registered mail hosts. Everyone signed in lists them; admins register a host
 * ({@code 201 {name, token}}, the token shown this once), rotate its token and revoke it.
 */
@RestController
class HostApiController {

	private final HostService hosts;

	private final Duration silentAfter;

	HostApiController(HostService hosts, @Value("${smguard.hosts.silent-after:25h}") Duration silentAfter) {
		this.hosts = hosts;
		this.silentAfter = silentAfter;
	}

	/**
	 * A host as listed: everything but its token, with the flags of the Hosts page
	 * ({@code drift}, {@code silent}) for monitoring scripts.
	 */
	record HostDocument(String name, String policy, String registeredBy, Instant registeredAt, Instant tokenIssuedAt,
			Integer installedVersion, Instant installedAt, Integer currentVersion, boolean drift, Instant lastAskedAt,
			String lastAskedFrom, boolean silent) {

		static HostDocument of(Host host, Instant now, Duration silentAfter) {
			return new HostDocument(host.name(), host.policy(), host.registeredBy(), host.registeredAt(),
					host.tokenIssuedAt(), host.installedVersion(), host.installedAt(), host.currentVersion(),
					host.drift(), host.lastAskedAt(), host.lastAskedFrom(), host.silentAt(now, silentAfter));
		}

	}

	/** Spring Data's paged JSON shape: {@code content} and {@code page}. */
	record HostListDocument(List<HostDocument> content, PageMetadata page) {
	}

	@GetMapping("/api/v1/hosts")
	HostListDocument list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		HostPage found = this.hosts.page(page, size);
		Instant now = this.hosts.now();
		return new HostListDocument(
				found.content().stream().map((host) -> HostDocument.of(host, now, this.silentAfter)).toList(),
				new PageMetadata(found.page(), found.size(), found.totalElements(), found.totalPages()));
	}

	@GetMapping("/api/v1/hosts/{name}")
	HostDocument get(@PathVariable String name) {
		return HostDocument.of(this.hosts.get(name), this.hosts.now(), this.silentAfter);
	}

	record RegisterRequest(String name, String policy) {
	}

	/** A host's new token: the only time it is shown. */
	record TokenDocument(String name, String token) {
	}

	@PostMapping("/api/v1/hosts")
	ResponseEntity<TokenDocument> register(@RequestBody RegisterRequest request) {
		NewHost made = this.hosts.register(request.name(), request.policy());
		return ResponseEntity.created(URI.create("/api/v1/hosts/" + made.host().name()))
			.body(new TokenDocument(made.host().name(), made.token()));
	}

	@PostMapping("/api/v1/hosts/{name}/token")
	TokenDocument rotate(@PathVariable String name) {
		NewHost rotated = this.hosts.rotate(name);
		return new TokenDocument(rotated.host().name(), rotated.token());
	}

	@DeleteMapping("/api/v1/hosts/{name}")
	ResponseEntity<Void> revoke(@PathVariable String name) {
		this.hosts.revoke(name);
		return ResponseEntity.noContent().build();
	}

}
