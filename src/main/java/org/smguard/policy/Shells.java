package org.smguard.policy;

import java.util.List;

/**
 * The valid shells of {@code /etc/shells}. {@code allowAnyShell} is the explicit
 * acknowledgement that adds {@code /SENDMAIL/ANY/SHELL/}; that entry itself never appears
 * in {@code entries}.
 */
public record Shells(List<String> entries, boolean allowAnyShell) {

	/** The special entry that makes every shell valid for sendmail. */
	public static final String ANY_SHELL = "/SENDMAIL/ANY/SHELL/";

	/** Most shells a policy may list; a real /etc/shells holds a dozen. */
	public static final int MAX_ENTRIES = 20_000;

	public Shells {
		entries = Lists.copy(entries);
	}

}
