package org.smguard.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digest of a set of override files, built so that changing one file costs a few
 * hundred rows, not the whole list: users fall into {@value #BUCKETS} buckets by the
 * first byte of the SHA-256 of their name; a bucket's digest is the SHA-256 of its
 * entries sorted by user, and the set's digest the SHA-256 of the bucket digests in
 * bucket order. It is a two-level hash tree of SHA-256, so it is as hard to collide as
 * SHA-256 itself (an additive or XOR set hash would not be).
 * <p>
 * Public because the migration that introduced it fills existing rows with it.
 */
public final class OverrideDigest {

	public static final int BUCKETS = 256;

	private OverrideDigest() {
	}

	/** The bucket of a user name, 0 to 255. */
	public static int bucketOf(String user) {
		return sha256Bytes(user)[0] & 0xff;
	}

	/**
	 * The digest of one bucket's entries, user name to content SHA-256, or {@code null}
	 * when the bucket is empty.
	 */
	public static String bucketDigest(Map<String, String> entries) {
		if (entries.isEmpty()) {
			return null;
		}
		StringBuilder text = new StringBuilder(entries.size() * 80);
		new TreeMap<>(entries).forEach((user, sha256) -> text.append(user).append('\0').append(sha256).append('\n'));
		return sha256(text.toString());
	}

	/** The digest of the whole set from its non-empty buckets' digests. */
	public static String combine(Map<Integer, String> bucketDigests) {
		StringBuilder text = new StringBuilder(BUCKETS * 66);
		for (int bucket = 0; bucket < BUCKETS; bucket++) {
			String digest = bucketDigests.get(bucket);
			text.append((digest != null) ? digest : "-").append('\n');
		}
		return sha256(text.toString());
	}

	/** Every non-empty bucket's digest of a whole set, user name to content SHA-256. */
	public static Map<Integer, String> bucketDigests(Map<String, String> entries) {
		Map<Integer, Map<String, String>> buckets = new HashMap<>();
		entries.forEach(
				(user, sha256) -> buckets.computeIfAbsent(bucketOf(user), (b) -> new HashMap<>()).put(user, sha256));
		Map<Integer, String> digests = new HashMap<>();
		buckets.forEach((bucket, members) -> digests.put(bucket, bucketDigest(members)));
		return digests;
	}

	/** The digest of a whole set, user name to content SHA-256. */
	public static String of(Map<String, String> entries) {
		return combine(bucketDigests(entries));
	}

	public static String sha256(String text) {
		return HexFormat.of().formatHex(sha256Bytes(text));
	}

	private static byte[] sha256Bytes(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
