package org.smguard.smrsh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.smguard.policy.Policy;
import org.smguard.policy.Shells;

/**
 * What sendmail does with each entry of a {@code .forward} or aliases file under a
 * policy: programs go through {@link SmrshSimulator} with the command sendmail gives the
 * prog mailer (the entry with its quotes and backslashes stripped, the way the mailer's
 * {@code s} flag strips them, and without the leading {@code |}); files, includes and
 * addresses are classified and explained.
 */
final class DeliverySimulator {

	/**
	 * Characters that sendmail's address parser treats specially outside quotes: an
	 * unquoted program entry holding one may reach the prog mailer changed.
	 */
	private static final String ADDRESS_SPECIALS = "()<>@[]:;\\";

	private final Policy policy;

	private final SmrshSimulator smrsh;

	DeliverySimulator(Policy policy) {
		this.policy = policy;
		this.smrsh = new SmrshSimulator(policy.smrsh());
	}

	List<Verdict> simulate(String text, DeliveryText.Format format) {
		List<Verdict> verdicts = new ArrayList<>();
		for (DeliveryText.Entry entry : DeliveryText.entries(text, format)) {
			verdicts.add(entry(entry, format));
		}
		return verdicts;
	}

	private Verdict entry(DeliveryText.Entry entry, DeliveryText.Format format) {
		String address = entry.address();
		if (entry.malformed()) {
			return verdict(entry, "invalid", false, "not an alias: an aliases line reads 'name: address, address, ...'",
					List.of());
		}
		String unquoted = DeliveryText.stripQuotes(address);
		String start = address.startsWith("\"") ? address.substring(1) : address;
		boolean forward = format == DeliveryText.Format.FORWARD;
		if (start.startsWith("|")) {
			String command = unquoted.startsWith("|") ? unquoted.substring(1) : unquoted;
			List<String> warnings = new ArrayList<>();
			if (!address.startsWith("\"") && containsAny(address, ADDRESS_SPECIALS)) {
				warnings.add("write it in double quotes (\"|program arguments\"): sendmail parses unquoted text as an"
						+ " address, which can change it before the prog mailer gets it");
			}
			if (forward) {
				warnings.add(validShellRule("runs programs"));
			}
			return this.smrsh.verdict(address, command.getBytes(StandardCharsets.UTF_8))
				.atLine(address, entry.line(), command)
				.withWarnings(warnings);
		}
		if (start.startsWith("/")) {
			return file(entry, unquoted, forward);
		}
		if (unquoted.toLowerCase(Locale.ROOT).startsWith(":include:")) {
			String path = unquoted.substring(":include:".length()).strip();
			return verdict(entry, "include", true,
					"sendmail reads more addresses from " + path
							+ ", with the rights of that file's owner; each of them is checked like this entry",
					forward ? List.of(validShellRule("reads :include: files")) : List.of());
		}
		if (start.startsWith("\\")) {
			String user = unquoted;
			return verdict(entry, "address", true,
					"delivers to the mailbox of " + user + ", without looking at aliases or a .forward again",
					List.of());
		}
		if (unquoted.contains("@")) {
			return verdict(entry, "address", true, "forwards to " + unquoted, List.of());
		}
		return verdict(entry, "address", true,
				"delivers to " + unquoted + ", through the aliases and that user's .forward", List.of());
	}

	private Verdict file(DeliveryText.Entry entry, String path, boolean forward) {
		List<String> warnings = new ArrayList<>();
		if (forward) {
			warnings.add(validShellRule("writes files"));
		}
		if (path.equals("/dev/null")) {
			return verdict(entry, "file", true, "discards the message (/dev/null)", warnings);
		}
		String safe = this.policy.options().safeFileEnvironment();
		// readcf strips trailing slashes and sets nothing when that leaves nothing:
		// "/" is the same as unset (SafeFileEnvironmentSendmailTests).
		String root = (safe != null) ? safe.replaceAll("/+$", "") : "";
		if (root.isEmpty()) {
			warnings.add(((safe == null || safe.isEmpty()) ? "SafeFileEnvironment is not set"
					: "SafeFileEnvironment=" + safe + " has no effect in sendmail 8.17")
					+ ": sendmail appends to any file the delivering user may write, devices and FIFOs included");
			return verdict(entry, "file", true, "appends the message to " + path, warnings);
		}
		if (path.equals(root) || path.startsWith(root + "/")) {
			return verdict(entry, "file", true, "appends the message to " + path + ", a regular file only: sendmail"
					+ " changes its root to SafeFileEnvironment " + safe + " first", warnings);
		}
		return verdict(entry, "file", false,
				path + " is not under SafeFileEnvironment " + safe + ": sendmail changes its root to " + safe
						+ " first and so appends to " + root + path + " instead, if that is a regular file",
				warnings);
	}

	private String validShellRule(String what) {
		Shells shells = this.policy.shells();
		if (shells.allowAnyShell()) {
			return "sendmail " + what + " named in a .forward only for an owner with a valid login shell; this"
					+ " policy's /etc/shells holds " + Shells.ANY_SHELL + ", so every shell is valid";
		}
		return "sendmail " + what + " named in a .forward only when its owner's login shell is listed in"
				+ " /etc/shells; this policy lists "
				+ (shells.entries().isEmpty() ? "none" : String.join(", ", shells.entries()));
	}

	private static Verdict verdict(DeliveryText.Entry entry, String kind, boolean allowed, String message,
			List<String> warnings) {
		return new Verdict(entry.address(), entry.line(), kind, allowed, null, null, null, message, null, null, null,
				null, warnings);
	}

	private static boolean containsAny(String text, String characters) {
		for (int i = 0; i < text.length(); i++) {
			if (characters.indexOf(text.charAt(i)) >= 0) {
				return true;
			}
		}
		return false;
	}

}
