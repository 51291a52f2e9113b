package org.smguard.bundle;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The bundle page of a version: starts preparing the bundle, shows how far it is (the
 * page polls {@code .../bundle/progress}; without scripts, reloading it shows the same),
 * then offers the download with its SHA-256 and how to install it.
 */
@Controller
class BundleController {

	static final String VIEW = "bundle/bundle";

	private final BundleService bundles;

	private final SigningKey key;

	BundleController(BundleService bundles, SigningKey key) {
		this.bundles = bundles;
		this.key = key;
	}

	@GetMapping("/policies/{policy}/versions/{number}/bundle")
	String page(@PathVariable String policy, @PathVariable int number, Model model) {
		model.addAttribute("policyName", policy);
		model.addAttribute("number", number);
		model.addAttribute("progress", this.bundles.prepare(policy, number));
		model.addAttribute("fingerprint", this.key.fingerprint());
		return VIEW;
	}

	@GetMapping("/policies/{policy}/versions/{number}/bundle/progress")
	@ResponseBody
	BundleProgress progress(@PathVariable String policy, @PathVariable int number) {
		return this.bundles.prepare(policy, number);
	}

	@GetMapping("/policies/{policy}/versions/{number}/bundle.tar.gz")
	ResponseEntity<Resource> download(@PathVariable String policy, @PathVariable int number) {
		return BundleDownload.of(this.bundles.bundle(policy, number));
	}

}
