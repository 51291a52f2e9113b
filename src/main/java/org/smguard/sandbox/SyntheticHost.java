package org.smguard.sandbox;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code /etc} files the sandbox gives sendmail in place of the console host's: the
 * usual system accounts plus every user and group name the caller names (so that
 * {@code DefaultUser=mailnull:mailnull} or a base cf's {@code TrustedUser=smmta}
 * resolve), the host itself under a qualified name, and the mail services. Names that are
 * not plain account names are left out, so nothing a cf says can add a line here.
 */
public final class SyntheticHost {

	/** The qualified name the sandbox gives the host, so sendmail never waits for one. */
	public static final String HOST_NAME = "check.localdomain";

	private static final Pattern ACCOUNT_NAME = Pattern.compile("\\A[A-Za-z_][A-Za-z0-9._-]{0,31}\\z");

	private static final Set<String> SYSTEM_ACCOUNTS = Set.of("root", "daemon", "bin", "sys", "mail", "mailnull",
			"smmta", "smmsp", "nobody", "nogroup", "uucp", "news", "postmaster");

	private final Set<String> names = new LinkedHashSet<>();

	public SyntheticHost(Collection<String> extraNames) {
		this.names.addAll(SYSTEM_ACCOUNTS.stream().sorted().toList());
		extraNames.stream().filter((n) -> n != null && ACCOUNT_NAME.matcher(n).matches()).forEach(this.names::add);
	}

	/** Whether {@code name} would be written into the synthetic files. */
	static boolean isAccountName(String name) {
		return ACCOUNT_NAME.matcher(name).matches();
	}

	String passwd() {
		StringBuilder out = new StringBuilder();
		int id = 0;
		for (String name : this.names) {
			int uid = name.equals("root") ? 0 : name.equals("nobody") ? 65534 : 1000 + id++;
			out.append(name).append(":x:").append(uid).append(':').append(uid).append("::/nonexistent:/bin/false\n");
		}
		return out.toString();
	}

	String group() {
		StringBuilder out = new StringBuilder();
		int id = 0;
		for (String name : this.names) {
			int gid = name.equals("root") ? 0 : name.equals("nobody") ? 65534 : 1000 + id++;
			out.append(name).append(":x:").append(gid).append(":\n");
		}
		return out.toString();
	}

	static String hosts() {
		return "127.0.0.1\tlocalhost\n127.0.1.1\t" + HOST_NAME + " check\n::1\tlocalhost\n";
	}

	static String services() {
		return "smtp\t\t25/tcp\nsubmission\t587/tcp\nsubmissions\t465/tcp\nsmtps\t\t465/tcp\n";
	}

	static String nsswitch() {
		return "passwd: files\ngroup: files\nshadow: files\nhosts: files\nservices: files\nnetworks: files\n"
				+ "protocols: files\n";
	}

}
