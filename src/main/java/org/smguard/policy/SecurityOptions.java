package org.smguard.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The security options of the {@link ManagedOption} table, each {@code null} when unset
 * (sendmail's default applies and the rendered cf does not set it). JSON keys are
 * sendmail's own option names. An empty {@code ForwardPath} is a value of its own: it
 * turns {@code .forward} processing off.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "DefaultUser", "ForwardPath", "LogLevel", "PostmasterCopy", "PrivacyOptions",
		"SafeFileEnvironment", "TempFileMode" })
public record SecurityOptions(@JsonProperty("DefaultUser") String defaultUser,
		@JsonProperty("ForwardPath") String forwardPath, @JsonProperty("LogLevel") Integer logLevel,
		@JsonProperty("PostmasterCopy") String postmasterCopy,
		@JsonProperty("PrivacyOptions") List<String> privacyOptions,
		@JsonProperty("SafeFileEnvironment") String safeFileEnvironment,
		@JsonProperty("TempFileMode") String tempFileMode) {

	public SecurityOptions {
		privacyOptions = (privacyOptions != null) ? Lists.copy(privacyOptions) : null;
	}

	public static SecurityOptions unset() {
		return new SecurityOptions(null, null, null, null, null, null, null);
	}

	/**
	 * The options with the given values; an option left out is unset.
	 * @param values each value of the {@link ManagedOption.Kind#type() type} of its
	 * option's kind
	 * @throws IllegalArgumentException if a value is of another type
	 */
	public static SecurityOptions of(Map<ManagedOption, ?> values) {
		values.forEach((option, value) -> {
			if (value != null && !option.kind().type().isInstance(value)) {
				throw new IllegalArgumentException(option.cfName() + " takes a " + option.kind().type().getSimpleName()
						+ ", not a " + value.getClass().getSimpleName());
			}
		});
		return new SecurityOptions((String) values.get(ManagedOption.DEFAULT_USER),
				(String) values.get(ManagedOption.FORWARD_PATH), (Integer) values.get(ManagedOption.LOG_LEVEL),
				(String) values.get(ManagedOption.POSTMASTER_COPY), flags(values.get(ManagedOption.PRIVACY_OPTIONS)),
				(String) values.get(ManagedOption.SAFE_FILE_ENVIRONMENT),
				(String) values.get(ManagedOption.TEMP_FILE_MODE));
	}

	/**
	 * Each managed option with its value as cf text ({@code null} when unset), in the
	 * table's order: what a page shows of the options. Not part of the JSON, whose hash
	 * identifies a version.
	 */
	@JsonIgnore
	public Map<ManagedOption, String> cfValues() {
		Map<ManagedOption, String> values = new LinkedHashMap<>();
		for (ManagedOption option : ManagedOption.values()) {
			values.put(option, option.cfValue(this));
		}
		return values;
	}

	@SuppressWarnings("unchecked")
	private static List<String> flags(Object value) {
		return (List<String>) value;
	}

}
