package org.smguard.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Violations;

/**
 * The one table of the security options the console manages: per option, sendmail's name,
 * its pre-8.7 single-letter name, the shortest abbreviation sendmail 8.17 accepts for it
 * (any longer prefix names it alone; Debian's build measured), the code and mark
 * {@code -d37.1} prints for it, the m4 macro that sets it, the kind of its value (which
 * also says how the value is written into a cf), the rule of
 * {@link SecurityOptionsValidator} that checks it, what to tell a person about it and the
 * value the sendmail book recommends. Renderers, the importer, the check, the validator,
 * the change list and the options form read from here. Adding an option takes an entry
 * here, its rule in {@link SecurityOptionsValidator} and tests, plus its component of
 * {@link SecurityOptions} (the API's JSON shape) and its line in
 * {@link SecurityOptions#of}; the importer reads option lines by name.
 */
public enum ManagedOption {

	DEFAULT_USER("DefaultUser", 'u', 8, "u", true, "confDEF_USER_ID", Kind.USER_GROUP, SecurityOptions::defaultUser,
			SecurityOptionsValidator::checkDefaultUser, "user, user:group, uid or uid:gid",
			"The identity sendmail uses when it is not running as root. Use a pseudo-user whose uid and gid are used"
					+ " nowhere else, with no valid shell or home directory; never root, and not nobody, to which NFS"
					+ " maps root.",
			"mailnull:mailnull"),

	FORWARD_PATH("ForwardPath", 'J', 4, "J", true, "confFORWARD_PATH", Kind.PATH_LIST, SecurityOptions::forwardPath,
			SecurityOptionsValidator::checkForwardPath,
			"files separated by ':', using $z (home directory), $u (user name), $h (+detail) and $w (host name)",
			"The files sendmail searches, in order, for a user's forwarding instructions: an override file listed"
					+ " before $z/.forward takes precedence over the user's own ~/.forward. Set but empty, it turns"
					+ " .forward files off for everyone, which is not the same as leaving it unset.",
			"/usr/local/etc/forwards/$u.forward:$z/.forward"),

	LOG_LEVEL("LogLevel", 'L', 2, "L", false, "confLOG_LEVEL", Kind.NUMBER, SecurityOptions::logLevel,
			SecurityOptionsValidator::checkLogLevel, "a whole number 0-99",
			"How much sendmail logs through syslog. Level 12 logs both sides of every SMTP conversation, which helps"
					+ " when someone forges mail through your site, but produces a huge amount of output.",
			"12"),

	POSTMASTER_COPY("PostmasterCopy", 'P', 2, "P", true, "confCOPY_ERRORS_TO", Kind.ADDRESS_LIST,
			SecurityOptions::postmasterCopy, SecurityOptionsValidator::checkPostmasterCopy,
			"user names or local@domain addresses, separated by commas",
			"Who gets a copy of every bounced message. Clumsy break-in attempts show up as bounces, so add the"
					+ " security administrator beside the postmaster.",
			"postmaster,securitymaster"),

	PRIVACY_OPTIONS("PrivacyOptions", 'p', 3, "p", false, "confPRIVACY_FLAGS", Kind.FLAG_SET,
			SecurityOptions::privacyOptions, SecurityOptionsValidator::checkPrivacyOptions,
			"any of the privacy flags; set with none, it means public",
			"Limits what sendmail tells the outside world and who may look at the mail queue; the most restrictive"
					+ " setting is probably best. The recommended flags disable EXPN and VRFY, require other sites to"
					+ " identify themselves before sending mail, and limit access to the queue.",
			"goaway,restrictmailq,restrictqrun", SecurityOptionsValidator.PRIVACY_FLAGS),

	SAFE_FILE_ENVIRONMENT("SafeFileEnvironment", null, 3, "0x89", true, "confSAFE_FILE_ENV", Kind.PATH,
			SecurityOptions::safeFileEnvironment, SecurityOptionsValidator::checkSafeFileEnvironment,
			"/ or an absolute path",
			"When set to a directory, sendmail delivers only to ordinary files (never to devices or directories,"
					+ " though /dev/null is still allowed), and only below that directory, into which it changes root."
					+ " sendmail 8.17 strips trailing slashes from the value, so / is left empty and ignored: it"
					+ " restricts nothing.",
			"/var/spool/mailfiles"),

	TEMP_FILE_MODE("TempFileMode", 'F', 2, "F", true, "confTEMP_FILE_MODE", Kind.OCTAL_MODE,
			SecurityOptions::tempFileMode, SecurityOptionsValidator::checkTempFileMode, "an octal mode",
			"The permissions of queue and temporary files. Treat every file sendmail creates as private.", "0600");

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

	private final Kind kind;

	private final Function<SecurityOptions, ?> value;

	private final Check check;

	private final String format;

	private final String help;

	private final String recommended;

	private final List<String> choices;

	<T> ManagedOption(String cfName, Character letter, int shortestAbbreviation, String debugCode, boolean markedUnsafe,
			String m4Macro, Kind kind, Function<SecurityOptions, T> value, Rule<T> rule, String format, String help,
			String recommended) {
		this(cfName, letter, shortestAbbreviation, debugCode, markedUnsafe, m4Macro, kind, value, rule, format, help,
				recommended, List.of());
	}

	<T> ManagedOption(String cfName, Character letter, int shortestAbbreviation, String debugCode, boolean markedUnsafe,
			String m4Macro, Kind kind, Function<SecurityOptions, T> value, Rule<T> rule, String format, String help,
			String recommended, List<String> choices) {
		this.cfName = cfName;
		this.letter = letter;
		this.shortestAbbreviation = shortestAbbreviation;
		this.debugCode = debugCode;
		this.markedUnsafe = markedUnsafe;
		this.m4Macro = m4Macro;
		this.kind = kind;
		this.value = value;
		// Bound here, where the value's type is known, so that no caller casts.
		this.check = (field, options, violations) -> rule.check(field, value.apply(options), violations);
		this.format = format;
		this.help = help;
		this.recommended = recommended;
		this.choices = choices;
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

	/** What the value is; says how it is typed in and written into a cf. */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * The option's value in {@code options}, of its kind's {@link Kind#type() type}, or
	 * {@code null} when unset.
	 */
	public Object value(SecurityOptions options) {
		return this.value.apply(options);
	}

	/** The policy's value as the cf text after {@code =}, or {@code null} when unset. */
	public String cfValue(SecurityOptions options) {
		return this.kind.cfText(value(options));
	}

	/** Where the option sits in a policy: {@code options.LogLevel}. */
	public FieldPath path() {
		return SecurityOptionsValidator.SECTION.name(this.cfName);
	}

	/**
	 * Applies the option's rule of {@link SecurityOptionsValidator} to its value in
	 * {@code options}, reporting on the option's {@link #path()}.
	 */
	public void check(SecurityOptions options, Violations violations) {
		this.check.check(path(), options, violations);
	}

	/** What a value looks like, for a person typing one in: "an octal mode". */
	public String format() {
		return this.format;
	}

	/** What the option does, in a sentence or two drawn from the sendmail book. */
	public String help() {
		return this.help;
	}

	/** The value the sendmail book recommends, as cf text. */
	public String recommended() {
		return this.recommended;
	}

	/**
	 * The flags a {@link Kind#FLAG_SET} option may hold, in the order the console shows
	 * them; empty for other kinds.
	 */
	public List<String> choices() {
		return this.choices;
	}

	/** The option sendmail calls {@code cfName}, exactly spelt. */
	public static ManagedOption named(String cfName) {
		return Arrays.stream(values())
			.filter((option) -> option.cfName.equals(cfName))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("not a managed option: " + cfName));
	}

	/**
	 * What an option's value is. Besides describing it, the kind fixes the value's Java
	 * type and how it is written into a cf: numbers in decimal, flag sets joined by
	 * commas, everything else as it is.
	 */
	public enum Kind {

		/** {@code user}, {@code user:group}, {@code uid} or {@code uid:gid}. */
		USER_GROUP(String.class),

		/** Colon-separated file paths that may use macros. */
		PATH_LIST(String.class),

		/** A whole number. */
		NUMBER(Integer.class),

		/** Comma-separated user names or addresses. */
		ADDRESS_LIST(String.class),

		/** Any of the option's {@link ManagedOption#choices() choices}. */
		FLAG_SET(List.class),

		/** An absolute path. */
		PATH(String.class),

		/** A file mode in octal. */
		OCTAL_MODE(String.class);

		private final Class<?> type;

		Kind(Class<?> type) {
			this.type = type;
		}

		/** The Java type of a value of this kind. */
		public Class<?> type() {
			return this.type;
		}

		public boolean isNumber() {
			return this == NUMBER;
		}

		public boolean isFlagSet() {
			return this == FLAG_SET;
		}

		/**
		 * {@code value} as the cf text after {@code =}; {@code null} stays {@code null}.
		 */
		String cfText(Object value) {
			if (value == null) {
				return null;
			}
			if (this == FLAG_SET) {
				return String.join(",", flags(value));
			}
			return value.toString();
		}

		/**
		 * The value that {@code text} written into a cf by {@link #cfText} stands for,
		 * for a value that is known to be well formed (such as a recommendation).
		 */
		public Object fromCfText(String text) {
			if (text == null) {
				return null;
			}
			return switch (this) {
				case NUMBER -> Integer.valueOf(text);
				case FLAG_SET -> text.isEmpty() ? List.of() : List.of(text.split(","));
				default -> text;
			};
		}

		@SuppressWarnings("unchecked")
		private static List<String> flags(Object value) {
			return (List<String>) value;
		}

	}

	/**
	 * One option's rule: reports what is wrong with {@code value} ({@code null} when the
	 * option is unset) on {@code field}. Pure.
	 */
	@FunctionalInterface
	interface Rule<T> {

		void check(FieldPath field, T value, Violations violations);

	}

	@FunctionalInterface
	private interface Check {

		void check(FieldPath field, SecurityOptions options, Violations violations);

	}

}
