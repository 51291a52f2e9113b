package org.smguard.hosts;

/**
 * Reads {@code If-None-Match} (RFC 9110): a list of entity tags, weak or strong, or
 * {@code *}; for a GET a weak tag matches its strong twin.
 */
final class ETags {

	private ETags() {
	}

	static boolean matches(String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String candidate : ifNoneMatch.split(",")) {
			String tag = candidate.strip();
			if (tag.equals("*")) {
				return true;
			}
			if (tag.startsWith("W/")) {
				tag = tag.substring(2);
			}
			if (tag.equals(etag)) {
				return true;
			}
		}
		return false;
	}

}
