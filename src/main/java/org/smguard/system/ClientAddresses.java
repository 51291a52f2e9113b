package org.smguard.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address a request came from, as the sign-in throttle counts it: the peer of the
 * connection, unless that peer is a reverse proxy the operator trusts
 * ({@code smguard.signin.trusted-proxies}); then the nearest address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy. The header is read from the
 * right, where each proxy appends the peer it saw, so a client cannot choose its address
 * by sending the header itself; without trusted proxies it is never read.
 */
public class ClientAddresses {

	private static final String FORWARDED_FOR = "X-Forwarded-For";

	private final List<IpAddressMatcher> trustedProxies;

	ClientAddresses(List<String> trustedProxies) {
		List<IpAddressMatcher> matchers = new ArrayList<>();
		for (String proxy : trustedProxies) {
			if (!proxy.isBlank()) {
				try {
					matchers.add(new IpAddressMatcher(proxy.strip()));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("smguard.signin.trusted-proxies: '" + proxy
							+ "' is not an IP address or CIDR range (" + ex.getMessage() + ")", ex);
				}
			}
		}
		this.trustedProxies = List.copyOf(matchers);
	}

	/** The client's address. */
	public String of(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		if (!trusted(peer)) {
			return peer;
		}
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
			for (String hop : header.split(",")) {
				if (!hop.isBlank()) {
					hops.add(hop.strip());
				}
			}
		}
		for (int i = hops.size() - 1; i >= 0; i--) {
			if (!trusted(hops.get(i))) {
				return hops.get(i);
			}
		}
		return hops.isEmpty() ? peer : hops.get(0);
	}

	private boolean trusted(String address) {
		for (IpAddressMatcher proxy : this.trustedProxies) {
			try {
				if (proxy.matches(address)) {
					return true;
				}
			}
			catch (IllegalArgumentException ex) {
				// Not an IP address (a name, "unknown"): no proxy of ours.
				return false;
			}
		}
		return false;
	}

}
