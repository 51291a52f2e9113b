package org.smguard.policy;

import java.util.List;

/**
 * ForwardPath override files: one file per user under {@code directory}, read before the
 * user's own {@code ~/.forward}. An empty file means "always deliver locally".
 */
public record Forwards(String directory, List<OverrideFile> overrides) {

	public static final String DEFAULT_DIRECTORY = "/usr/local/etc/forwards";

	public Forwards {
		overrides = Lists.copy(overrides);
	}

	/** One override file: {@code <directory>/<user>.forward}. */
	public record OverrideFile(String user, String content) {
	}

}
