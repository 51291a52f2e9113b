package org.smguard.cf;

import java.util.ArrayList;
import java.util.List;

import org.smguard.policy.TrustedUsersFile;

/**
 * The statements of a cf that fill class t from a file, program or map ({@code Ft},
 * {@code F{ t}}, however spelled), and the cf as the sandboxed sendmail is given it.
 */
public final class TrustedUsersFileLines {

	private TrustedUsersFileLines() {
	}

	/** Every statement that fills class t from a file, program or map. */
	public static List<CfText.Statement> of(CfText cf) {
		return cf.statements()
			.stream()
			.filter((s) -> ClassFileLine.of(s.read()).map(ClassFileLine::isClassT).orElse(false))
			.toList();
	}

	/**
	 * {@code cf} with each such statement replaced by a {@code Ct} line holding the names
	 * of the policy's trusted-users file (none without one), on the same line. sendmail
	 * then reads the names of the file the policy renders, and no file of the console's
	 * host, which may hold anything (nor one the check would write, which sendmail
	 * refuses to read from a world-writable directory such as {@code /tmp} unless the cf
	 * trusts the sticky bit). Every other byte is given as it was.
	 */
	public static String withNames(String cf, TrustedUsersFile file) {
		CfText text = CfText.parse(cf);
		List<String> lines = new ArrayList<>(text.lines());
		String names = (file != null) ? String.join(" ", file.users()) : "";
		for (CfText.Statement statement : of(text)) {
			lines.set(statement.start(), names.isEmpty() ? "Ct" : "Ct " + names);
			for (int i = statement.start() + 1; i < statement.end(); i++) {
				lines.set(i, "");
			}
		}
		return CfText.join(lines, text.endsWithNewline());
	}

}
