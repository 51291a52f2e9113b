package org.smguard.hosts;

/**
 * A host just registered, or its token just rotated, with the token text itself: shown
 * this once, kept nowhere.
 */
public record NewHost(Host host, String token) {

	@Override
	public String toString() {
		return "NewHost[" + this.host + "]";
	}

}
