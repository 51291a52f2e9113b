package org.smguard.render;

import java.util.stream.Collectors;

import org.smguard.policy.Forwards;
import org.smguard.policy.Shells;
import org.smguard.policy.Smrsh;
import org.smguard.policy.TrustedUsersFile;

/**
 * The plain files a policy produces besides {@code sendmail.cf}. Pure functions: equal
 * input gives equal bytes, lines end with {@code \n}.
 */
public final class FileRenderers {

	private FileRenderers() {
	}

	/**
	 * {@code /etc/shells}, with {@code /SENDMAIL/ANY/SHELL/} last when it is
	 * acknowledged.
	 */
	public static String shells(Shells shells) {
		StringBuilder out = new StringBuilder("# /etc/shells: valid login shells\n");
		shells.entries().forEach((entry) -> out.append(entry).append('\n'));
		if (shells.allowAnyShell()) {
			out.append(Shells.ANY_SHELL).append('\n');
		}
		return out.toString();
	}

	/**
	 * The trusted-users file: one name per line and nothing else, because a file class
	 * read without a pattern would take a comment's words as names.
	 */
	public static String trustedUsersFile(TrustedUsersFile file) {
		return file.users().stream().map((user) -> user + "\n").collect(Collectors.joining());
	}

	/** The sm.bin links an installer creates: {@code name target}, one per line. */
	public static String smBinManifest(Smrsh smrsh) {
		StringBuilder out = new StringBuilder();
		out.append("# sm.bin ").append(smrsh.binDirectory()).append(": program link-target\n");
		smrsh.programs().forEach((p) -> out.append(p.name()).append(' ').append(p.target()).append('\n'));
		return out.toString();
	}

	/**
	 * One override file; empty content stays empty (deliver locally), other text ends
	 * with a newline.
	 */
	public static String overrideFile(Forwards.OverrideFile override) {
		String content = override.content();
		return (content.isEmpty() || content.endsWith("\n")) ? content : content + "\n";
	}

}
