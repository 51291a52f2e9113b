package org.smguard.render;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.smguard.policy.SecurityOptions;

/**
 * The managed options as {@code sendmail.cf} writes them, and when a value already in a
 * base cf means the same (so that its line is kept byte for byte).
 */
public final class RenderedOptions {

	public static final List<String> NAMES = SecurityOptions.NAMES;

	private RenderedOptions() {
	}

	/**
	 * The cf text of an option's value, or {@code null} when the policy leaves it unset.
	 */
	public static String value(SecurityOptions options, String name) {
		return switch (name) {
			case "DefaultUser" -> options.defaultUser();
			case "ForwardPath" -> options.forwardPath();
			case "LogLevel" -> (options.logLevel() != null) ? options.logLevel().toString() : null;
			case "PostmasterCopy" -> options.postmasterCopy();
			case "PrivacyOptions" ->
				(options.privacyOptions() != null) ? String.join(",", options.privacyOptions()) : null;
			case "SafeFileEnvironment" -> options.safeFileEnvironment();
			case "TempFileMode" -> options.tempFileMode();
			default -> throw new IllegalArgumentException("not a managed option: " + name);
		};
	}

	/** Whether a base cf's value for {@code name} means what {@code wanted} means. */
	public static boolean sameValue(String name, String base, String wanted) {
		if (base == null || wanted == null) {
			return base == wanted;
		}
		return switch (name) {
			case "LogLevel" -> base.matches("\\d{1,9}") && Integer.parseInt(base) == Integer.parseInt(wanted);
			case "TempFileMode" ->
				base.matches("[0-7]{1,6}") && Integer.parseInt(base, 8) == Integer.parseInt(wanted, 8);
			case "PrivacyOptions" -> privacyFlags(base).equals(privacyFlags(wanted));
			default -> base.equals(wanted);
		};
	}

	/**
	 * PrivacyOptions as sendmail reads them: names separated by any white space or
	 * punctuation.
	 */
	public static Set<String> privacyFlags(String value) {
		Set<String> flags = new TreeSet<>();
		Arrays.stream(value.split("[\\s\\p{Punct}&&[^_]]+"))
			.filter((flag) -> !flag.isEmpty())
			.forEach((flag) -> flags.add(flag.toLowerCase(Locale.ROOT)));
		return flags;
	}

}
