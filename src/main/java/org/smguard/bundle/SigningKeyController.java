package org.smguard.bundle;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The public half of the bundle signing key: as JSON for scripts, as a PEM download for a
 * host's {@code smguard.pub}, and on a page with its fingerprint to compare.
 */
@Controller
class SigningKeyController {

	static final String VIEW = "bundle/signing-key";

	private final SigningKey key;

	SigningKeyController(SigningKey key) {
		this.key = key;
	}

	/** The public key and its fingerprint. */
	record PublicKeyDocument(String algorithm, String publicKey, String fingerprint) {
	}

	@GetMapping(path = "/api/v1/signing-key", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	PublicKeyDocument json() {
		return new PublicKeyDocument("Ed25519", this.key.publicKeyPem(), this.key.fingerprint());
	}

	@GetMapping(path = "/api/v1/signing-key", produces = "application/x-pem-file")
	ResponseEntity<byte[]> pem() {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/x-pem-file"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("smguard.pub").build().toString())
			.body(this.key.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
	}

	@GetMapping("/signing-key")
	String page(Model model) {
		model.addAttribute("publicKey", this.key.publicKeyPem());
		model.addAttribute("fingerprint", this.key.fingerprint());
		return VIEW;
	}

	@GetMapping("/signing-key/smguard.pub")
	ResponseEntity<byte[]> download() {
		return pem();
	}

}
