package org.smguard.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one table of the security options the console manages: per option, sendmail's name,
 * its pre-8.7 single-letter name, the shortest abbreviation sendmail 8.17 accepts for it
 * (any longer prefix names it alone; Debian's build measured), the code and mark
 * {@code -d37.1} prints for it, the m4 macro that sets it, and how the policy's value is
 * written into a cf. Renderers, the importer and the check read from here.
 */
public enum ManagedOption {

	DEFAULT_USER("DefaultUser", 'u', 8, "u", true, "confDEF_USER_ID", SecurityOptions::defaultUser),

	FORWARD_PATH("ForwardPath", 'J', 4, "J", true, "confFORWARD_PATH", SecurityOptions::forwardPath),

	LOG_LEVEL("LogLevel", 'L', 2, "L", false, "confLOG_LEVEL",
			(options) -> (options.logLevel() != null) ? options.logLevel().toString() : null),

	POSTMASTER_COPY("PostmasterCopy", 'P', 2, "P", true, "confCOPY_ERRORS_TO", SecurityOptions::postmasterCopy),

	PRIVACY_OPTIONS("PrivacyOptions", 'p', 3, "p", false, "confPRIVACY_FLAGS",
			(options) -> (options.privacyOptions() != null) ? String.join(",", options.privacyOptions()) : null),

	SAFE_FILE_ENVIRONMENT("SafeFileEnvironment", null, 3, "0x89", true, "confSAFE_FILE_ENV",
			SecurityOptions::safeFileEnvironment),

	TEMP_FILE_MODE("TempFileMode", 'F', 2, "F", true, "confTEMP_FILE_MODE", SecurityOptions::tempFileMode);

	/**
	 * sendmail's names of the options, in the order the console shows and renders them.
	 */
	public static final List<String> NAMES = Arrays.stream(values()).map(ManagedOption::cfName).toList();

	private final String cfName;

	private final Character letter;

	private final int shortestAbbreviation;

	private final String debugCode;

	private final boolean markedUnsafe;

	private final String m4Macro;

	private final Function<SecurityOptions, String> cfValue;

	ManagedOption(String cfName, Character letter, int shortestAbbreviation, String debugCode, boolean markedUnsafe,
			String m4Macro, Function<SecurityOptions, String> cfValue) {
		this.cfName = cfName;
		this.letter = letter;
		this.shortestAbbreviation = shortestAbbreviation;
		this.debugCode = debugCode;
		this.markedUnsafe = markedUnsafe;
		this.m4Macro = m4Macro;
		this.cfValue = cfValue;
	}

	/** sendmail's own name, e.g. {@code LogLevel}; also the option's JSON key. */
	public String cfName() {
		return this.cfName;
	}

	/** The pre-8.7 one-letter name ({@code OL9}), or empty when the option has none. */
	public Optional<Character> letter() {
		return Optional.ofNullable(this.letter);
	}

	/** How short an abbreviation sendmail 8.17 takes for this option alone. */
	public int shortestAbbreviation() {
		return this.shortestAbbreviation;
	}

	/** The code {@code -d37.1} prints in parentheses: the letter, or {@code 0x..}. */
	public String debugCode() {
		return this.debugCode;
	}

	/**
	 * Whether {@code -d37.1} marks the option "(unsafe)" when an unprivileged user reads
	 * a cf (sendmail's OI_SAFE flag unset).
	 */
	public boolean markedUnsafe() {
		return this.markedUnsafe;
	}

	/** The cf.m4 macro that sets the option in an mc file. */
	public String m4Macro() {
		return this.m4Macro;
	}

	/** The policy's value as the cf text after {@code =}, or {@code null} when unset. */
	public String cfValue(SecurityOptions options) {
		return this.cfValue.apply(options);
	}

	/** The option sendmail calls {@code cfName}, exactly spelt. */
	public static ManagedOption named(String cfName) {
		return Arrays.stream(values())
			.filter((option) -> option.cfName.equals(cfName))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("not a managed option: " + cfName));
	}

}
