package org.smguard.render;

import java.util.ArrayList;
import java.util.List;

import org.smguard.policy.ManagedOption;
import org.smguard.policy.Policy;
import org.smguard.policy.TrustedUsers;

/**
 * The policy as a {@code sendmail.mc} fragment for sites that build their cf with m4.
 * Values are validated and can hold no m4 quote characters. They can hold words m4 would
 * expand (a user named {@code dnl} or {@code unix}, a path through {@code /opt/divnum}),
 * so each value is quoted once more for every time cf.m4 rescans it, and reaches the cf
 * as written. What m4 cannot express (cf.m4 always trusts {@code root} and
 * {@code daemon}, and a FEATURE cannot be undone) is written as a warning comment and
 * returned by {@link #limitations(Policy)}.
 */
public final class McFragmentRenderer {

	/** Where the fragment goes, said in the fragment itself. */
	public static final String PLACEMENT = "Include it after OSTYPE() and DOMAIN() and every other define(),"
			+ " and before MAILER_DEFINITIONS and the first MAILER() line: FEATURE(`smrsh') must come before"
			+ " MAILER(`local'), and later defines would override these.";

	/** cf.m4 writes these as T lines whatever the mc says. */
	private static final List<String> ALWAYS_TRUSTED = List.of("root", "daemon", "uucp");

	private McFragmentRenderer() {
	}

	public static String render(Policy policy) {
		StringBuilder out = new StringBuilder();
		out.append("divert(-1)dnl\n");
		out.append("dnl Security settings managed by smguard.\n");
		for (String line : wrap(PLACEMENT)) {
			out.append("dnl ").append(line).append('\n');
		}
		out.append("dnl For example: include(`/etc/mail/m4/smguard-security.m4')dnl before MAILER_DEFINITIONS.\n");
		for (String limitation : limitations(policy)) {
			out.append("dnl WARNING: ").append(limitation).append('\n');
		}
		for (String name : ManagedOption.NAMES) {
			String value = ManagedOption.named(name).cfValue(policy.options());
			String macro = ManagedOption.named(name).m4Macro();
			if (value == null) {
				out.append("undefine(`").append(macro).append("')dnl\n");
			}
			else {
				out.append("define(`").append(macro).append("', ").append(quoted(value, 1)).append(")dnl\n");
			}
		}
		TrustedUsers trusted = policy.trustedUsers();
		List<String> extra = trusted.users().stream().filter((u) -> !ALWAYS_TRUSTED.contains(u)).toList();
		if (extra.isEmpty()) {
			out.append("undefine(`confTRUSTED_USERS')dnl\n");
		}
		else {
			out.append("define(`confTRUSTED_USERS', ").append(quoted(String.join(" ", extra), 1)).append(")dnl\n");
		}
		if (trusted.file() != null) {
			String file = (trusted.file().optional() ? "-o " : "") + trusted.file().path();
			// proto.m4 expands it as an argument of ifdef(), whose result is read again.
			out.append("define(`confCT_FILE', ").append(quoted(file, 2)).append(")dnl\n");
			out.append("FEATURE(`use_ct_file')dnl\n");
		}
		if (policy.smrsh().enabled()) {
			// FEATURE(`smrsh', path) reads its argument more often than quotes can
			// follow; the path it sets is LOCAL_SHELL_PATH, which Mprog reads once.
			out.append("FEATURE(`smrsh')dnl\n");
			out.append("define(`LOCAL_SHELL_PATH', ").append(quoted(policy.smrsh().smrshPath(), 1)).append(")dnl\n");
		}
		out.append("divert(0)dnl\n");
		return out.toString();
	}

	/** The settings of the policy that a cf built by m4 cannot have. */
	public static List<String> limitations(Policy policy) {
		List<String> limitations = new ArrayList<>();
		List<String> users = policy.trustedUsers().users();
		for (String always : List.of("root", "daemon")) {
			if (!users.contains(always)) {
				limitations.add("cf.m4 always trusts '" + always + "' (Troot/Tdaemon); m4 cannot leave it out.");
			}
		}
		if (!users.contains("uucp")) {
			limitations.add("cf.m4 trusts 'uucp' unless _NO_UUCP_ is defined, which also turns UUCP routing off.");
		}
		if (!policy.smrsh().enabled()) {
			limitations.add("smrsh is off: remove any FEATURE(`smrsh') from the mc, m4 cannot undo it.");
		}
		return limitations;
	}

	/**
	 * {@code value} in m4 quotes: one pair that define() takes off, and one for each time
	 * cf.m4 reads the expanded macro again.
	 */
	private static String quoted(String value, int rescans) {
		return "`".repeat(rescans + 1) + value + "'".repeat(rescans + 1);
	}

	private static List<String> wrap(String text) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : text.split(" ")) {
			if (line.length() + word.length() + 1 > 92) {
				lines.add(line.toString().strip());
				line.setLength(0);
			}
			line.append(word).append(' ');
		}
		lines.add(line.toString().strip());
		return lines;
	}

}
