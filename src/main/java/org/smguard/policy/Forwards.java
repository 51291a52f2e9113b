package org.smguard.policy;

import java.util.List;

/**
 * ForwardPath override files: one file per user under {@code directory}, read before the
 * user's own {@code ~/.forward}. An empty file means "always deliver locally".
 */
public record Forwards(String directory, List<OverrideFile> overrides) {

	public static final String DEFAULT_DIRECTORY = "/usr/local/etc/forwards";

	/**
	 * Most override files a policy may hold: a site's users, with room to spare; a bound
	 * on what one draft, one import and one rendering hold in memory.
	 */
	public static final int MAX_OVERRIDES = 100_000;

	public Forwards {
		overrides = Lists.copy(overrides);
	}

	/** One override file: {@code <directory>/<user>.forward}. */
	public record OverrideFile(String user, String content) {
	}

}
