package org.smguard.bundle;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.smguard.policy.Forwards;
import org.smguard.policy.Smrsh;
import org.smguard.render.RenderedFile;

/**
 * Everything one bundle holds, as data: the release's metadata, the files made from its
 * settings, the sm.bin links, the override directory and a way to walk its override files
 * without holding them all ({@code overrides}).
 */
record BundleContent(String policy, int version, String contentHash, String approvedBy, Instant publishedAt,
		List<RenderedFile> settingsFiles, Smrsh smrsh, String overrideDirectory, int overrideCount,
		OverrideSource overrides) {

	/**
	 * Walks a release's override files in the order of their users ignoring case, then as
	 * written ({@code PolicyService.forEachVersionOverride}'s order), each user once.
	 */
	@FunctionalInterface
	interface OverrideSource {

		void forEach(Consumer<Forwards.OverrideFile> action);

	}

}
