package org.smguard.importer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.smguard.cf.OptionSemantics;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.SecurityOptions;

/**
 * The security options a cf's option lines amount to, in the policy's terms: what
 * sendmail makes of them ({@link OptionSemantics}), so {@code LogLevel=11 # audit} is 11,
 * {@code DefaultUser=mail.mail} is {@code mail:mail}, two PrivacyOptions lines add up and
 * {@code SafeFileEnvironment=/x/} is {@code /x}.
 */
final class ImportedOptions {

	private ImportedOptions() {
	}

	static SecurityOptions of(List<OptionSemantics.Setting> settings) {
		Map<String, String> effective = OptionSemantics.effective(settings);
		Map<ManagedOption, Object> values = new EnumMap<>(ManagedOption.class);
		for (ManagedOption option : ManagedOption.values()) {
			String value = effective.get(option.cfName());
			values.put(option, switch (option.kind()) {
				case NUMBER -> (value != null) ? Integer.valueOf(value) : null;
				case FLAG_SET -> flags(option, settings);
				default -> value;
			});
		}
		// "/" and "//" leave SafeFileEnvironment unset for sendmail; the policy keeps
		// "/",
		// which renders that way again.
		if (values.get(ManagedOption.SAFE_FILE_ENVIRONMENT) == null && settings.stream()
			.anyMatch(
					(s) -> s.name().equals(ManagedOption.SAFE_FILE_ENVIRONMENT.cfName()) && s.value().matches("/+"))) {
			values.put(ManagedOption.SAFE_FILE_ENVIRONMENT, "/");
		}
		return SecurityOptions.of(values);
	}

	/**
	 * The flags of every line of a flag-set option, lowercased, each once: sendmail ORs
	 * the lines' flags together. {@code null} when no line sets the option.
	 */
	private static List<String> flags(ManagedOption option, List<OptionSemantics.Setting> settings) {
		List<String> flags = null;
		for (OptionSemantics.Setting setting : settings) {
			if (setting.name().equals(option.cfName())) {
				flags = (flags != null) ? flags : new ArrayList<>();
				for (String flag : setting.value().split("[^A-Za-z0-9]+")) {
					String lower = flag.toLowerCase(Locale.ROOT);
					if (!flag.isEmpty() && !flags.contains(lower)) {
						flags.add(lower);
					}
				}
			}
		}
		return flags;
	}

}
