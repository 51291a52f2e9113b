package org.smguard.options;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.smguard.policy.DraftSettings;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.SecurityOptions;
import org.smguard.system.FormFields;

import org.springframework.validation.Errors;

/**
 * The security options tab: one {@link OptionInput} per option of the
 * {@link ManagedOption} table, keyed by sendmail's name of the option, so that the fields
 * are {@code options[LogLevel].set}, {@code options[LogLevel].value} and, for a flag set,
 * {@code options[PrivacyOptions].flags}. Each option has an explicit "set" box next to
 * its value, because an unset option (sendmail's default, not written to the cf) differs
 * from a set one whose value is empty: {@code ForwardPath} set to nothing turns
 * {@code .forward} files off. Numbers are bound as text and converted here, so that a
 * word typed into one is reported beside the field like any other mistake.
 */
public class SecurityOptionsForm {

	/**
	 * Digits only, and few enough to fit an {@code int}: the validator then checks the
	 * range and names the value.
	 */
	private static final Pattern WHOLE_NUMBER = Pattern.compile("\\A[0-9]{1,9}\\z");

	/**
	 * Where the page shows each option's violations: beside its input, labelled with
	 * sendmail's name as the page's legend shows it. ForwardPath's include the rule that
	 * spans sections (override files that it would never read): they belong beside
	 * ForwardPath, which is what has to change.
	 */
	static final FormFields FIELDS = fields();

	private long draftRevision;

	@Valid
	private final Map<String, OptionInput> options = new LinkedHashMap<>();

	public SecurityOptionsForm() {
		for (ManagedOption option : ManagedOption.values()) {
			this.options.put(option.cfName(), new OptionInput());
		}
	}

	static SecurityOptionsForm of(DraftSettings draft) {
		SecurityOptions options = draft.policy().options();
		SecurityOptionsForm form = new SecurityOptionsForm();
		form.draftRevision = draft.revision();
		for (ManagedOption option : ManagedOption.values()) {
			OptionInput input = form.input(option);
			input.set = option.value(options) != null;
			if (option.kind().isFlagSet()) {
				input.flags = input.set ? new ArrayList<>(flags(option.value(options))) : new ArrayList<>();
			}
			else {
				input.value = option.cfValue(options);
			}
		}
		return form;
	}

	private static FormFields fields() {
		FormFields fields = FormFields.none();
		for (ManagedOption option : ManagedOption.values()) {
			fields = fields.field(option.path(), field(option), option.cfName());
		}
		return fields;
	}

	/**
	 * The form field beside which the errors of {@code option} are shown: its flags for a
	 * flag set, else its value.
	 */
	static String field(ManagedOption option) {
		return "options[" + option.cfName() + "]." + (option.kind().isFlagSet() ? "flags" : "value");
	}

	/**
	 * Rejects what cannot become an option value at all: a number that is no number.
	 */
	void rejectUnconvertible(Errors errors) {
		for (ManagedOption option : ManagedOption.values()) {
			OptionInput input = input(option);
			if (option.kind().isNumber() && input.set && !WHOLE_NUMBER.matcher(strip(input.value)).matches()) {
				errors.rejectValue(field(option), "notANumber", "must be " + option.format());
			}
		}
	}

	/**
	 * The options this form describes, on top of the draft's {@code current} ones. Call
	 * only when {@link #rejectUnconvertible} found nothing.
	 */
	SecurityOptions applyTo(SecurityOptions current) {
		Map<ManagedOption, Object> values = new EnumMap<>(ManagedOption.class);
		for (ManagedOption option : ManagedOption.values()) {
			OptionInput input = input(option);
			if (!input.set) {
				continue;
			}
			if (option.kind().isFlagSet()) {
				values.put(option, flags(option, input.flags, (current != null) ? option.value(current) : null));
			}
			else if (option.kind().isNumber()) {
				values.put(option, option.kind().fromCfText(strip(input.value)));
			}
			else {
				// A set option keeps its text exactly, even empty or with spaces: the
				// validator reports what is wrong with it, and an empty ForwardPath is
				// meant.
				values.put(option, (input.value != null) ? input.value : "");
			}
		}
		return SecurityOptions.of(values);
	}

	/**
	 * The checked flags in the console's order; but when they are the very flags the
	 * draft already has, the draft's list as it is, so that saving another option does
	 * not reorder the rendered line. A flag the console does not know (only a forged
	 * request sends one) is kept last, for the validator to refuse.
	 */
	private static List<String> flags(ManagedOption option, List<String> ticked, Object current) {
		List<String> checked = (ticked != null) ? ticked : List.of();
		Set<String> chosen = new HashSet<>(checked);
		List<String> before = flags(current);
		if (before != null && before.size() == chosen.size() && new HashSet<>(before).equals(chosen)) {
			return before;
		}
		List<String> flags = new ArrayList<>();
		for (String flag : option.choices()) {
			if (chosen.contains(flag)) {
				flags.add(flag);
			}
		}
		for (String flag : checked) {
			if (!option.choices().contains(flag) && !flags.contains(flag)) {
				flags.add(flag);
			}
		}
		return flags;
	}

	@SuppressWarnings("unchecked")
	private static List<String> flags(Object value) {
		return (List<String>) value;
	}

	private static String strip(String text) {
		return (text != null) ? text.strip() : "";
	}

	private OptionInput input(ManagedOption option) {
		return this.options.get(option.cfName());
	}

	/** The options to show, in the table's order. */
	public List<ManagedOption> getTable() {
		return List.of(ManagedOption.values());
	}

	public long getDraftRevision() {
		return this.draftRevision;
	}

	public void setDraftRevision(long draftRevision) {
		this.draftRevision = draftRevision;
	}

	/**
	 * The inputs by sendmail's name of the option, holding every option of the table from
	 * the start. A name that is not in the table (only a forged request sends one) is
	 * bound but never read.
	 */
	public Map<String, OptionInput> getOptions() {
		return this.options;
	}

	/**
	 * What the form holds for one option: whether it is set, and its value as typed, or
	 * for a flag set the ticked flags.
	 */
	public static class OptionInput {

		private boolean set;

		@Size(max = 4096)
		private String value;

		@Size(max = 100)
		private List<String> flags = new ArrayList<>();

		public boolean isSet() {
			return this.set;
		}

		public void setSet(boolean set) {
			this.set = set;
		}

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			this.value = value;
		}

		public List<String> getFlags() {
			return this.flags;
		}

		public void setFlags(List<String> flags) {
			this.flags = flags;
		}

	}

}
