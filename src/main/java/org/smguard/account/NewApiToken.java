package org.smguard.account;

/**
 * A token just made, with the token text itself: shown to its owner this once, kept
 * nowhere.
 */
public record NewApiToken(ApiToken token, String secret) {

	@Override
	public String toString() {
		return "NewApiToken[" + this.token + "]";
	}

}
