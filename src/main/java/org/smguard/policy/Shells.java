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

	public Shells {
		entries = Lists.copy(entries);
	}

}
