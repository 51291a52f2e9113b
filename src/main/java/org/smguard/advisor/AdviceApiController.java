package org.smguard.advisor;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The advisor's findings on the draft or a version, as JSON. */
@RestController
@RequestMapping("/api/v1/policies/{policy}")
class AdviceApiController {

	private final AdvisorService advice;

	AdviceApiController(AdvisorService advice) {
		this.advice = advice;
	}

	@GetMapping("/draft/advice")
	Advice draft(@PathVariable String policy) {
		return this.advice.draft(policy);
	}

	@GetMapping("/versions/{number:\\d+}/advice")
	Advice version(@PathVariable String policy, @PathVariable int number) {
		return this.advice.version(policy, number);
	}

	/** Where sendmail looks for a user's forwarding, entry by entry. */
	@GetMapping("/mail-route")
	MailRoute.Route mailRoute(@PathVariable String policy, @RequestParam(required = false) String user,
			@RequestParam(required = false) String detail, @RequestParam(required = false) String home,
			@RequestParam(required = false) String host, @RequestParam(required = false) Integer version) {
		return this.advice.mailRoute(policy, version, user, detail, home, host);
	}

	/** A mail-route question with a host's /etc/passwd. */
	record MailRouteRequest(String user, String detail, String home, String host, Integer version, String passwd) {
	}

	@PostMapping("/mail-route")
	MailRoute.Route mailRoute(@PathVariable String policy, @RequestBody MailRouteRequest request) {
		return this.advice.mailRoute(policy, request.version(), request.user(), request.detail(), request.home(),
				request.host(), request.passwd());
	}

	/** A host's /etc/passwd checked against the policy's valid shells. */
	record PasswdRequest(String passwd, Integer version, String hostName) {
	}

	@PostMapping("/advice/passwd")
	PasswdCheck.Report passwd(@PathVariable String policy, @RequestBody PasswdRequest request) {
		return this.advice.passwdCheck(policy, request.version(), request.passwd(), request.hostName());
	}

}
