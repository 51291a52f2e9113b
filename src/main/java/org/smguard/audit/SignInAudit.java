package org.smguard.audit;

import org.smguard.system.SignInThrottled;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Records sign-ins through the browser form, every failed authentication (form or API)
 * and each throttling of sign-ins. A successful API call is not a sign-in and is not
 * recorded.
 */
@Component
class SignInAudit {

	private final AuditTrail audit;

	SignInAudit(AuditTrail audit) {
		this.audit = audit;
	}

	@EventListener
	void signedIn(InteractiveAuthenticationSuccessEvent event) {
		this.audit.recordAs(event.getAuthentication().getName(), "sign-in", "account", "");
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		this.audit.recordAs(String.valueOf(event.getAuthentication().getName()), "sign-in-failed", "account",
				event.getException().getClass().getSimpleName());
	}

	@EventListener
	void throttled(SignInThrottled event) {
		this.audit.recordAs((event.username() != null) ? event.username() : "anonymous", "sign-in-throttled", "account",
				event.reason() + "; refused for " + event.refusedFor().toSeconds() + " s");
	}

}
