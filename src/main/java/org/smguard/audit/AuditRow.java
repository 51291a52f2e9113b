package org.smguard.audit;

/**
 * One entry as the audit trail page shows it: each text with its control and invisible
 * formatting characters written as escapes. Values are stored as given (a failed sign-in
 * records whatever name was tried), and a newline, carriage return or bidi override shown
 * as such could make one entry look like two, or make a value read as another.
 */
record AuditRow(AuditEntry entry, String actor, String address, String action, String subject, String detail,
		String actorLink) {

	/**
	 * The row of {@code entry}, whose actor links to the page of that actor's entries.
	 */
	static AuditRow of(AuditEntry entry) {
		return new AuditRow(entry, visible(entry.actor()), visible(entry.address()), visible(entry.action()),
				visible(entry.subject()), visible(entry.detail()),
				new AuditQuery(null, null, entry.actor(), null, 0).link("/audit", null));
	}

	/**
	 * {@code value} with newline, carriage return and tab as {@code \n}, {@code \r},
	 * {@code \t}, every other control, formatting (bidi controls, zero-width characters),
	 * line or paragraph separator and unpaired surrogate as {@code \}{@code u} and four
	 * hex digits, and a backslash doubled so that an escape cannot be faked. Other
	 * characters, accented letters included, stay as they are.
	 */
	static String visible(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder text = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				case '\t' -> text.append("\\t");
				case '\\' -> text.append("\\\\");
				default -> {
					if (Character.isHighSurrogate(c) && i + 1 < value.length()
							&& Character.isLowSurrogate(value.charAt(i + 1))) {
						int codePoint = value.codePointAt(i);
						if (hidden(Character.getType(codePoint))) {
							text.append(String.format("\\u%04x\\u%04x", (int) c, (int) value.charAt(i + 1)));
						}
						else {
							text.appendCodePoint(codePoint);
						}
						i++;
					}
					else if (hidden(Character.getType(c))) {
						text.append(String.format("\\u%04x", (int) c));
					}
					else {
						text.append(c);
					}
				}
			}
		}
		return text.toString();
	}

	private static boolean hidden(int type) {
		return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
				|| type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED
				|| type == Character.PRIVATE_USE;
	}

}
