package org.smguard.hosts;

import java.time.Instant;

import org.smguard.bundle.BundleDownload;
import org.smguard.bundle.BundleFile;
import org.smguard.bundle.SignedFreshness;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API of the mail hosts themselves, signed in with their own token (see
 * {@link HostSecurityConfiguration}): the signed freshness statement of the host's
 * policy, its published bundle, and what the host installed. The policy is always the
 * host's own, from its registration: nothing in the request can name another one, nor a
 * draft.
 */
@RestController
class HostSelfApiController {

	private final HostService hosts;

	HostSelfApiController(HostService hosts) {
		this.hosts = hosts;
	}

	record StatementDocument(String policy, int version, Instant issuedAt, Instant expiresAt) {
	}

	/**
	 * The statement, its Ed25519 signature (base64) and the exact text signed, which a
	 * host verifies with the console's public key.
	 */
	record FreshnessDocument(StatementDocument statement, String signature, String signedText) {

		static FreshnessDocument of(SignedFreshness signed) {
			return new FreshnessDocument(
					new StatementDocument(signed.statement().policy(), signed.statement().version(),
							signed.statement().issuedAt(), signed.statement().expiresAt()),
					signed.signature(), signed.signedText());
		}

	}

	@GetMapping("/api/v1/hosts/self/freshness")
	FreshnessDocument freshness(@AuthenticationPrincipal HostPrincipal host) {
		return FreshnessDocument.of(this.hosts.freshness(host));
	}

	/**
	 * The published bundle with {@code ETag: "<version>"}; {@code 304} without a body
	 * when {@code If-None-Match} names it; {@code 404} when the policy has none
	 * published. Every answer carries the signed freshness statement in two headers, so
	 * that a host that is told "unchanged" (or "none") still learns that this is current.
	 */
	@GetMapping("/api/v1/hosts/self/bundle")
	ResponseEntity<?> bundle(@AuthenticationPrincipal HostPrincipal host,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		HostService.Pull pull = this.hosts.pull(host, (version) -> ETags.matches(ifNoneMatch, etag(version)));
		HttpHeaders headers = new HttpHeaders();
		headers.set(SignedFreshness.STATEMENT_HEADER, pull.freshness().statementHeader());
		headers.set(SignedFreshness.SIGNATURE_HEADER, pull.freshness().signature());
		if (pull.unchanged()) {
			headers.setETag(etag(pull.version()));
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
		}
		if (pull.bundle().isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"policy " + host.policy() + " has no published version yet");
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.headers(headers)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		BundleFile bundle = pull.bundle().get();
		headers.setETag(etag(bundle.version()));
		ResponseEntity<Resource> download = BundleDownload.of(bundle);
		return ResponseEntity.ok().headers(download.getHeaders()).headers(headers).body(download.getBody());
	}

	/** The entity tag of a version: its number, quoted. */
	static String etag(int version) {
		return "\"" + version + "\"";
	}

	record ReportRequest(Integer version, HostFacts facts) {
	}

	@PostMapping("/api/v1/hosts/self/report")
	ResponseEntity<Void> report(@AuthenticationPrincipal HostPrincipal host, @RequestBody ReportRequest request) {
		this.hosts.report(host, request.version(), request.facts());
		return ResponseEntity.noContent().build();
	}

}
