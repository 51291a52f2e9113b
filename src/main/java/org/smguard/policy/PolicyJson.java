package org.smguard.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The stored form of a policy and its content hash. Stored settings leave the override
 * files out (they are kept row by row); the hash covers everything, so two versions with
 * equal content have equal hashes.
 */
final class PolicyJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private PolicyJson() {
	}

	/** JSON of every section, without the override files. */
	static String settings(Policy policy) {
		Forwards forwards = policy.forwards();
		return MAPPER.writeValueAsString(policy.withForwards(new Forwards(forwards.directory(), List.of())));
	}

	static Policy fromSettings(String json, List<Forwards.OverrideFile> overrides) {
		Policy settings = MAPPER.readValue(json, Policy.class);
		return settings.withForwards(new Forwards(settings.forwards().directory(), overrides));
	}

	/**
	 * The content hash of a whole policy: see
	 * {@link #contentHash(String, String, String)}.
	 */
	static String contentHash(Policy policy, String baseCfSha256) {
		Map<String, String> overrides = new HashMap<>();
		policy.forwards().overrides().forEach((o) -> overrides.put(o.user(), sha256(o.content())));
		return contentHash(settings(policy), OverrideDigest.of(overrides), baseCfSha256);
	}

	/**
	 * SHA-256 over everything the rendered files are made of: the stored settings, the
	 * digest of the override files ({@link OverrideDigest}) and the base cf. Equal
	 * policies hash equal, and a one-file edit recomputes it without reading every file.
	 */
	static String contentHash(String settings, String overridesDigest, String baseCfSha256) {
		return sha256(settings + "\noverrides:" + overridesDigest + "\nbase-cf:" + baseCfSha256);
	}

	static String sha256(String text) {
		return OverrideDigest.sha256(text);
	}

}
