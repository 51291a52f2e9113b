package org.smguard.policy;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The seven security options, each {@code null} when unset (sendmail's default applies
 * and the rendered cf does not set it). JSON keys are sendmail's own option names. An
 * empty {@code ForwardPath} is a value of its own: it turns {@code .forward} processing
 * off.
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

}
