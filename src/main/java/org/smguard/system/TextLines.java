package org.smguard.system;

import java.util.ArrayList;
import java.util.List;

/**
 * Text areas that hold one entry per line. Browsers send CRLF; blank lines are skipped
 * and surrounding spaces trimmed, but nothing else is changed, so a stray character still
 * reaches the validator and is reported with its line.
 */
public final class TextLines {

	private TextLines() {
	}

	public static List<String> parse(String text) {
		List<String> lines = new ArrayList<>();
		if (text == null) {
			return lines;
		}
		for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
			String trimmed = line.strip();
			if (!trimmed.isEmpty()) {
				lines.add(trimmed);
			}
		}
		return lines;
	}

	public static String join(List<String> lines) {
		return String.join("\n", lines);
	}

}
