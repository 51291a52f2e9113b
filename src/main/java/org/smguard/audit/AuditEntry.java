package org.smguard.audit;

import java.time.Instant;

/**
 * One entry of the audit trail: who (account, or the name tried at a failed sign-in),
 * from which address, did what to what, when (UTC), with details; and the hashes that
 * chain it to the entry before.
 */
public record AuditEntry(long id, Instant at, String actor, String address, String action, String subject,
		String detail, String prevHash, String hash) {

	/**
	 * The hash of an entry: SHA-256 over the previous entry's hash and every field, each
	 * written with its length first, so that no value can pass for a field boundary.
	 */
	static String hashOf(String prevHash, Instant at, String actor, String address, String action, String subject,
			String detail) {
		StringBuilder text = new StringBuilder(prevHash);
		for (String field : new String[] { at.toString(), actor, address, action, subject, detail }) {
			text.append('|').append(field.length()).append(':').append(field);
		}
		return Hashes.sha256(text.toString());
	}

}
