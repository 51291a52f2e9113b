package org.smguard.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A valid filter of the audit trail page and the page of it to show; {@code null} means
 * no filter. Builds the links that keep the filter: the pager, the CSV download.
 */
record AuditQuery(Instant from, Instant to, String actor, String action, int page) {

	/**
	 * {@code path} with this filter and {@code page} (left out when 0 or {@code null}) as
	 * its query string. Values are percent-encoded ({@code +} as {@code %2B}, a space as
	 * {@code %20}, a newline as {@code %0A}): the servlet container would read a bare
	 * {@code +} as a space, and the flash attributes of a redirect (which match the query
	 * by percent-decoding alone) a {@code +} for a space as a {@code +}.
	 */
	String link(String path, Integer page) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("from", (this.from != null) ? LocalDateTime.ofInstant(this.from, ZoneOffset.UTC).toString() : null);
		params.put("to", (this.to != null) ? LocalDateTime.ofInstant(this.to, ZoneOffset.UTC).toString() : null);
		params.put("actor", this.actor);
		params.put("action", this.action);
		params.put("page", (page != null && page > 0) ? page.toString() : null);
		StringJoiner query = new StringJoiner("&", path + "?", "").setEmptyValue(path);
		params.forEach((name, value) -> {
			if (value != null) {
				query.add(name + "=" + encode(value));
			}
		});
		return query.toString();
	}

	private static String encode(String value) {
		// URLEncoder writes a space as +, and a + as %2B: every + left is a space.
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
