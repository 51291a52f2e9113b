package org.smguard.options;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Size;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.SecurityOptionsValidator;

import org.springframework.validation.Errors;

/**
 * The security options tab. Each option has an explicit "set" box next to its value,
 * because an unset option (sendmail's default, not written to the cf) differs from a set
 * one whose value is empty: {@code ForwardPath} set to nothing turns {@code .forward}
 * files off. {@code LogLevel} is bound as text and converted here, so that a word typed
 * into it is reported beside the field like any other mistake.
 */
public class SecurityOptionsForm {

	static final String LOG_LEVEL_RULE = "must be a whole number 0-99";

	/**
	 * Digits only, and few enough to fit an {@code int}: the validator then checks the
	 * range and names the value.
	 */
	private static final Pattern WHOLE_NUMBER = Pattern.compile("\\A[0-9]{1,9}\\z");

	private long draftRevision;

	private boolean defaultUserSet;

	@Size(max = 4096)
	private String defaultUser;

	private boolean forwardPathSet;

	@Size(max = 4096)
	private String forwardPath;

	private boolean logLevelSet;

	@Size(max = 100)
	private String logLevel;

	private boolean postmasterCopySet;

	@Size(max = 4096)
	private String postmasterCopy;

	private boolean privacyOptionsSet;

	@Size(max = 100)
	private List<String> privacyOptions = new ArrayList<>();

	private boolean safeFileEnvironmentSet;

	@Size(max = 4096)
	private String safeFileEnvironment;

	private boolean tempFileModeSet;

	@Size(max = 100)
	private String tempFileMode;

	static SecurityOptionsForm of(DraftSettings draft) {
		SecurityOptions options = draft.policy().options();
		SecurityOptionsForm form = new SecurityOptionsForm();
		form.draftRevision = draft.revision();
		form.defaultUserSet = options.defaultUser() != null;
		form.defaultUser = options.defaultUser();
		form.forwardPathSet = options.forwardPath() != null;
		form.forwardPath = options.forwardPath();
		form.logLevelSet = options.logLevel() != null;
		form.logLevel = (options.logLevel() != null) ? options.logLevel().toString() : null;
		form.postmasterCopySet = options.postmasterCopy() != null;
		form.postmasterCopy = options.postmasterCopy();
		form.privacyOptionsSet = options.privacyOptions() != null;
		form.privacyOptions = (options.privacyOptions() != null) ? new ArrayList<>(options.privacyOptions())
				: new ArrayList<>();
		form.safeFileEnvironmentSet = options.safeFileEnvironment() != null;
		form.safeFileEnvironment = options.safeFileEnvironment();
		form.tempFileModeSet = options.tempFileMode() != null;
		form.tempFileMode = options.tempFileMode();
		return form;
	}

	/**
	 * Rejects what cannot become an option value at all: a LogLevel that is no number.
	 */
	void rejectUnconvertible(Errors errors) {
		if (this.logLevelSet && !WHOLE_NUMBER.matcher(strip(this.logLevel)).matches()) {
			errors.rejectValue("logLevel", "notANumber", LOG_LEVEL_RULE);
		}
	}

	/**
	 * The options this form describes, on top of the draft's {@code current} ones. Call
	 * only when {@link #rejectUnconvertible} found nothing.
	 */
	SecurityOptions applyTo(SecurityOptions current) {
		return new SecurityOptions(value(this.defaultUserSet, this.defaultUser),
				value(this.forwardPathSet, this.forwardPath),
				this.logLevelSet ? Integer.valueOf(strip(this.logLevel)) : null,
				value(this.postmasterCopySet, this.postmasterCopy),
				this.privacyOptionsSet ? privacyFlags((current != null) ? current.privacyOptions() : null) : null,
				value(this.safeFileEnvironmentSet, this.safeFileEnvironment),
				value(this.tempFileModeSet, this.tempFileMode));
	}

	/**
	 * The checked flags in the console's order; but when they are the very flags the
	 * draft already has, the draft's list as it is, so that saving another option does
	 * not reorder the rendered PrivacyOptions line. A flag the console does not know
	 * (only a forged request sends one) is kept last, for the validator to refuse.
	 */
	private List<String> privacyFlags(List<String> current) {
		List<String> checked = (this.privacyOptions != null) ? this.privacyOptions : List.of();
		Set<String> chosen = new HashSet<>(checked);
		if (current != null && current.size() == chosen.size() && new HashSet<>(current).equals(chosen)) {
			return current;
		}
		List<String> flags = new ArrayList<>();
		for (String flag : SecurityOptionsValidator.PRIVACY_FLAGS) {
			if (chosen.contains(flag)) {
				flags.add(flag);
			}
		}
		for (String flag : checked) {
			if (!SecurityOptionsValidator.PRIVACY_FLAGS.contains(flag) && !flags.contains(flag)) {
				flags.add(flag);
			}
		}
		return flags;
	}

	/**
	 * A set option keeps its text exactly, even empty or with spaces: the validator
	 * reports what is wrong with it, and an empty ForwardPath is meant.
	 */
	private static String value(boolean set, String text) {
		if (!set) {
			return null;
		}
		return (text != null) ? text : "";
	}

	private static String strip(String text) {
		return (text != null) ? text.strip() : "";
	}

	/** The flags to offer, in the order the console shows them. */
	public List<String> getPrivacyFlags() {
		return SecurityOptionsValidator.PRIVACY_FLAGS;
	}

	public long getDraftRevision() {
		return this.draftRevision;
	}

	public void setDraftRevision(long draftRevision) {
		this.draftRevision = draftRevision;
	}

	public boolean isDefaultUserSet() {
		return this.defaultUserSet;
	}

	public void setDefaultUserSet(boolean defaultUserSet) {
		this.defaultUserSet = defaultUserSet;
	}

	public String getDefaultUser() {
		return this.defaultUser;
	}

	public void setDefaultUser(String defaultUser) {
		this.defaultUser = defaultUser;
	}

	public boolean isForwardPathSet() {
		return this.forwardPathSet;
	}

	public void setForwardPathSet(boolean forwardPathSet) {
		this.forwardPathSet = forwardPathSet;
	}

	public String getForwardPath() {
		return this.forwardPath;
	}

	public void setForwardPath(String forwardPath) {
		this.forwardPath = forwardPath;
	}

	public boolean isLogLevelSet() {
		return this.logLevelSet;
	}

	public void setLogLevelSet(boolean logLevelSet) {
		this.logLevelSet = logLevelSet;
	}

	public String getLogLevel() {
		return this.logLevel;
	}

	public void setLogLevel(String logLevel) {
		this.logLevel = logLevel;
	}

	public boolean isPostmasterCopySet() {
		return this.postmasterCopySet;
	}

	public void setPostmasterCopySet(boolean postmasterCopySet) {
		this.postmasterCopySet = postmasterCopySet;
	}

	public String getPostmasterCopy() {
		return this.postmasterCopy;
	}

	public void setPostmasterCopy(String postmasterCopy) {
		this.postmasterCopy = postmasterCopy;
	}

	public boolean isPrivacyOptionsSet() {
		return this.privacyOptionsSet;
	}

	public void setPrivacyOptionsSet(boolean privacyOptionsSet) {
		this.privacyOptionsSet = privacyOptionsSet;
	}

	public List<String> getPrivacyOptions() {
		return this.privacyOptions;
	}

	public void setPrivacyOptions(List<String> privacyOptions) {
		this.privacyOptions = privacyOptions;
	}

	public boolean isSafeFileEnvironmentSet() {
		return this.safeFileEnvironmentSet;
	}

	public void setSafeFileEnvironmentSet(boolean safeFileEnvironmentSet) {
		this.safeFileEnvironmentSet = safeFileEnvironmentSet;
	}

	public String getSafeFileEnvironment() {
		return this.safeFileEnvironment;
	}

	public void setSafeFileEnvironment(String safeFileEnvironment) {
		this.safeFileEnvironment = safeFileEnvironment;
	}

	public boolean isTempFileModeSet() {
		return this.tempFileModeSet;
	}

	public void setTempFileModeSet(boolean tempFileModeSet) {
		this.tempFileModeSet = tempFileModeSet;
	}

	public String getTempFileMode() {
		return this.tempFileMode;
	}

	public void setTempFileMode(String tempFileMode) {
		this.tempFileMode = tempFileMode;
	}

}
