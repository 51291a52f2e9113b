package org.smguard.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Tells the {@link SignInThrottle} how each password check ended, from the events Spring
 * Security publishes for the form sign-in and HTTP Basic alike: a failure counts for the
 * user name and for the client address, a success clears the name's count.
 */
class SignInOutcomes {

	private final SignInThrottle throttle;

	private final ClientAddresses addresses;

	SignInOutcomes(SignInThrottle throttle, ClientAddresses addresses) {
		this.throttle = throttle;
		this.addresses = addresses;
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt) {
			this.throttle.failed(attempt.getName(), clientAddress());
		}
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken) {
			this.throttle.succeeded(event.getAuthentication().getName());
		}
	}

	/** The address of the request being signed in, when there is one. */
	private String clientAddress() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			HttpServletRequest request = servlet.getRequest();
			return this.addresses.of(request);
		}
		return null;
	}

}
