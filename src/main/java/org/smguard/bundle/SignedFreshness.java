package org.smguard.bundle;

import java.util.Base64;

/**
 * A freshness statement with its Ed25519 signature (base64), made with the bundle signing
 * key. {@code signedText} is exactly what was signed ({@link FreshnessStatement#text()}),
 * so a client need not rebuild it.
 */
public record SignedFreshness(FreshnessStatement statement, String signature, String signedText) {

	/** The header a host answer carries the statement in (its text, base64). */
	public static final String STATEMENT_HEADER = "Smguard-Freshness";

	/** The header a host answer carries the statement's signature in (base64). */
	public static final String SIGNATURE_HEADER = "Smguard-Freshness-Signature";

	/** The statement's text, base64, for {@link #STATEMENT_HEADER}. */
	public String statementHeader() {
		return Base64.getEncoder().encodeToString(this.statement.bytes());
	}

}
