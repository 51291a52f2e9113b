package org.smguard.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * The stored form of a policy and its content hash. Stored settings leave the override
 * files out (they are kept row by row); the hash covers everything, so two versions with
 * equal settings have equal hashes.
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
	 * SHA-256 of the canonical JSON of the whole policy (override files sorted by user)
	 * and of its base cf: everything the rendered files are made of.
	 */
	static String contentHash(Policy policy, String baseCfSha256) {
		return sha256(MAPPER.writeValueAsString(policy) + "\nbase-cf:" + baseCfSha256);
	}

	static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
