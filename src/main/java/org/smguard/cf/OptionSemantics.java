package org.smguard.cf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What sendmail 8.17 makes of the managed options' raw values, in the order it reads them
 * (setoption in readcf.c): the last line wins, except that PrivacyOptions lines add up
 * their flags, an empty or all-slash SafeFileEnvironment leaves the previous value, and a
 * later one-letter {@code g} option replaces DefaultUser's group. Numbers are read with
 * C's {@code atoi} and sendmail's {@code atooct}. Each effective value is a canonical
 * string, so two readings that mean the same compare equal.
 */
public final class OptionSemantics {

	/** The one-letter {@code g} option (default group), which has no long name. */
	public static final String DEFAULT_GROUP = "g";

	/** sendmail 8.17's PrivacyOptions flags and their bits (conf.c, sendmail.h). */
	public static final Map<String, Integer> PRIVACY_FLAGS = privacyFlags();

	private OptionSemantics() {
	}

	private static Map<String, Integer> privacyFlags() {
		Map<String, Integer> flags = new LinkedHashMap<>();
		flags.put("public", 0);
		flags.put("needmailhelo", 0x1);
		flags.put("needexpnhelo", 0x2);
		flags.put("needvrfyhelo", 0x4);
		flags.put("noexpn", 0x8);
		flags.put("novrfy", 0x10);
		flags.put("restrictexpand", 0x40000);
		flags.put("restrictmailq", 0x10000);
		flags.put("restrictqrun", 0x20000);
		flags.put("noetrn", 0x80000);
		flags.put("noverb", 0x40);
		flags.put("authwarnings", 0x20);
		flags.put("noreceipts", 0x200000);
		flags.put("nobodyreturn", 0x100000);
		flags.put("goaway", 0x0000ffff | 0x800000);
		flags.put("noactualrecipient", 0x400000);
		return Map.copyOf(flags);
	}

	/** One option as setoption receives it: canonical name, raw value, cf line. */
	public record Setting(String name, String value, int line) {
	}

	/**
	 * The effective value of every managed option after {@code settings} in order;
	 * options never set are absent.
	 */
	public static Map<String, String> effective(List<Setting> settings) {
		Map<String, String> values = new LinkedHashMap<>();
		String user = null;
		String group = null;
		long privacy = -1;
		List<String> unknownFlags = new ArrayList<>();
		for (Setting setting : settings) {
			String value = setting.value();
			switch (setting.name()) {
				case "DefaultUser" -> {
					int split = indexOfAny(value, "./:");
					String name = (split >= 0) ? value.substring(0, split) : value;
					boolean numeric = !name.isEmpty() && name.charAt(0) >= '0' && name.charAt(0) <= '9';
					user = numeric ? String.valueOf(atoi(name)) : name;
					if (split >= 0 && split + 1 < value.length()) {
						group = groupOf(value.substring(split + 1));
					}
					else if (!numeric) {
						// A name takes its group from the password file.
						group = null;
					}
				}
				case DEFAULT_GROUP -> group = groupOf(value);
				case "LogLevel" -> values.put("LogLevel", String.valueOf(atoi(value)));
				case "TempFileMode" -> values.put("TempFileMode", String.format("%04o", atooct(value) & 0777));
				case "PrivacyOptions" -> privacy = Math.max(privacy, 0) | privacyMask(value, unknownFlags);
				case "SafeFileEnvironment" -> {
					String stripped = value.replaceAll("/+\\z", "");
					if (!stripped.isEmpty()) {
						values.put("SafeFileEnvironment", stripped);
					}
				}
				case "ForwardPath", "PostmasterCopy" -> values.put(setting.name(), value);
				default -> {
				}
			}
		}
		if (user != null || group != null) {
			values.put("DefaultUser", ((user != null) ? user : "") + ((group != null) ? ":" + group : ""));
		}
		if (privacy >= 0) {
			values.put("PrivacyOptions", privacyText(privacy, unknownFlags));
		}
		return values;
	}

	/**
	 * The effective value a policy's own value has, written as one option line
	 * ({@code null} when sendmail would treat it as unset).
	 */
	public static String ofPolicyValue(String name, String value) {
		if (value == null) {
			return null;
		}
		return effective(List.of(new Setting(name, value, 0))).get(name);
	}

	private static String groupOf(String value) {
		boolean numeric = !value.isEmpty() && value.charAt(0) >= '0' && value.charAt(0) <= '9';
		return numeric ? String.valueOf(atoi(value)) : value;
	}

	private static int indexOfAny(String value, String chars) {
		for (int i = 0; i < value.length(); i++) {
			if (chars.indexOf(value.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * C's atoi on glibc, {@code (int) strtol(value, NULL, 10)}: blanks, a sign, digits;
	 * strtol saturates at the long range and the cast keeps the low 32 bits (so
	 * {@code 4294967305} reads as 9).
	 */
	static int atoi(String value) {
		int i = 0;
		while (i < value.length() && CfText.isSpace(value.charAt(i))) {
			i++;
		}
		boolean negative = false;
		if (i < value.length() && (value.charAt(i) == '-' || value.charAt(i) == '+')) {
			negative = value.charAt(i) == '-';
			i++;
		}
		long n = 0;
		boolean saturated = false;
		while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
			int digit = value.charAt(i) - '0';
			if (!saturated && n > (Long.MAX_VALUE - digit) / 10) {
				saturated = true;
			}
			n = saturated ? Long.MAX_VALUE : n * 10 + digit;
			i++;
		}
		long signed = negative ? (saturated ? Long.MIN_VALUE : -n) : n;
		return (int) signed;
	}

	/** sendmail's atooct: leading octal digits only, no blanks. */
	static int atooct(String value) {
		int n = 0;
		for (int i = 0; i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '7'; i++) {
			n = (n << 3) | (value.charAt(i) - '0');
		}
		return n;
	}

	/**
	 * The PrivacyOptions bits of one value, split as setoption splits it: ASCII blanks
	 * and punctuation separate names of letters and digits; the byte after a name is
	 * consumed whatever it is. Bytes, not characters: setoption reads {@code noexpné} as
	 * {@code noexpn}, the first byte of 'é' consumed, then an empty name for the second.
	 */
	static long privacyMask(String value, List<String> unknown) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		long mask = 0;
		int i = 0;
		while (true) {
			while (i < bytes.length && bytes[i] >= 0 && (CfText.isSpace((char) bytes[i]) || isPunct((char) bytes[i]))) {
				i++;
			}
			if (i >= bytes.length) {
				return mask;
			}
			int start = i;
			while (i < bytes.length && bytes[i] >= 0 && Character.isLetterOrDigit(bytes[i])) {
				i++;
			}
			String name = new String(bytes, start, i - start, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
			if (i < bytes.length) {
				i++;
			}
			Integer bits = PRIVACY_FLAGS.get(name);
			if (bits == null) {
				unknown.add(name);
			}
			else {
				mask |= bits;
			}
		}
	}

	private static boolean isPunct(char c) {
		return c > 32 && c < 127 && !Character.isLetterOrDigit(c);
	}

	/**
	 * A mask as the flags that make it up, in sendmail's table order ({@code goaway}
	 * first when all its bits are set), then any name sendmail does not know.
	 */
	public static String privacyText(long mask, List<String> unknown) {
		List<String> names = new ArrayList<>();
		long rest = mask;
		int goaway = PRIVACY_FLAGS.get("goaway");
		if ((rest & goaway) == goaway) {
			names.add("goaway");
			rest &= ~goaway;
		}
		for (String flag : List.of("needmailhelo", "needexpnhelo", "needvrfyhelo", "noexpn", "novrfy", "restrictexpand",
				"restrictmailq", "restrictqrun", "noetrn", "noverb", "authwarnings", "noreceipts", "nobodyreturn",
				"noactualrecipient")) {
			int bits = PRIVACY_FLAGS.get(flag);
			if ((rest & bits) == bits) {
				names.add(flag);
				rest &= ~bits;
			}
		}
		if (names.isEmpty() && unknown.isEmpty()) {
			names.add("public");
		}
		unknown.forEach((name) -> names.add("unknown:" + name));
		return String.join(",", names);
	}

}
