package org.smguard.bundle;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The deployment bundle of an approved or published version. */
@RestController
class BundleApiController {

	private final BundleService bundles;

	BundleApiController(BundleService bundles) {
		this.bundles = bundles;
	}

	@GetMapping(path = "/api/v1/policies/{policy}/versions/{number}/bundle.tar.gz")
	ResponseEntity<Resource> bundle(@PathVariable String policy, @PathVariable int number) {
		return BundleDownload.of(this.bundles.bundle(policy, number));
	}

}
