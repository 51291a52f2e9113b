package org.smguard.cf;

import java.util.List;

import org.smguard.cf.OptionSemantics;
import org.smguard.policy.SecurityOptions;

/**
 * The managed options as {@code sendmail.cf} writes them. Whether a base cf's value means
 * the same is {@link OptionSemantics}' business.
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

}
