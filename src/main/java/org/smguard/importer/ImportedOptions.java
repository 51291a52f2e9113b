package org.smguard.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.smguard.cf.OptionSemantics;
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
		String logLevel = effective.get("LogLevel");
		List<String> privacy = null;
		for (OptionSemantics.Setting setting : settings) {
			if (setting.name().equals("PrivacyOptions")) {
				privacy = (privacy != null) ? privacy : new ArrayList<>();
				for (String flag : setting.value().split("[^A-Za-z0-9]+")) {
					String lower = flag.toLowerCase(Locale.ROOT);
					if (!flag.isEmpty() && !privacy.contains(lower)) {
						privacy.add(lower);
					}
				}
			}
		}
		String safeFile = effective.get("SafeFileEnvironment");
		if (safeFile == null && settings.stream()
			.anyMatch((s) -> s.name().equals("SafeFileEnvironment") && s.value().matches("/+"))) {
			safeFile = "/";
		}
		return new SecurityOptions(effective.get("DefaultUser"), effective.get("ForwardPath"),
				(logLevel != null) ? Integer.valueOf(logLevel) : null, effective.get("PostmasterCopy"), privacy,
				safeFile, effective.get("TempFileMode"));
	}

}
