package org.smguard.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.smguard.validation.FieldPath;

/**
 * Where one form shows the violations of each part of a request, and what a person calls
 * that part: declared by the form from the same {@link FieldPath} constants the
 * validators emit, so that a path and its field cannot drift apart. A path belongs to the
 * entry with the longest prefix of it. See {@link FormErrors}.
 */
public final class FormFields {

	private static final FormFields NONE = new FormFields(List.of());

	private final List<Entry> entries;

	private FormFields(List<Entry> entries) {
		this.entries = List.copyOf(entries);
	}

	/** No field at all: every violation is an error of the whole form. */
	public static FormFields none() {
		return NONE;
	}

	/**
	 * These fields, and the form field {@code field} for the paths under {@code prefix}.
	 * @param label the field's label as the page shows it
	 */
	public FormFields field(FieldPath prefix, String field, String label) {
		return with(new Entry(prefix, field, label, false));
	}

	/**
	 * These fields, and the text area {@code field} that holds the list at {@code prefix}
	 * one entry per line: entry {@code i} is line {@code i + 1}.
	 * @param label the text area's label as the page shows it
	 */
	public FormFields lines(FieldPath prefix, String field, String label) {
		return with(new Entry(prefix, field, label, true));
	}

	/**
	 * These fields, and what to call the paths under {@code prefix}, which the form does
	 * not show but a rule across sections may report: "ForwardPath (Security options
	 * tab)".
	 */
	public FormFields elsewhere(FieldPath prefix, String label) {
		return with(new Entry(prefix, null, label, false));
	}

	private FormFields with(Entry entry) {
		List<Entry> more = new ArrayList<>(this.entries);
		more.removeIf((existing) -> existing.prefix().equals(entry.prefix()));
		more.add(entry);
		return new FormFields(more);
	}

	/** The entry {@code path} belongs to, if any. */
	public Optional<Entry> find(FieldPath path) {
		Entry best = null;
		for (Entry entry : this.entries) {
			if (path.startsWith(entry.prefix())
					&& (best == null || entry.prefix().segments().size() > best.prefix().segments().size())) {
				best = entry;
			}
		}
		return Optional.ofNullable(best);
	}

	/** The form field that shows the violations of {@code path}, if the form has one. */
	public Optional<String> fieldOf(FieldPath path) {
		return find(path).map(Entry::field);
	}

	public List<Entry> entries() {
		return this.entries;
	}

	/**
	 * One part of a request: its path prefix, the form field that shows its violations
	 * ({@code null} when the form does not show it), the label a person sees, and whether
	 * the field holds one list entry per line.
	 */
	public record Entry(FieldPath prefix, String field, String label, boolean lines) {

		public boolean onForm() {
			return this.field != null;
		}

	}

}
