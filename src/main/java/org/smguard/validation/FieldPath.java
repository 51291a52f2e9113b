package org.smguard.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where in a request a value sits: names and list indexes from the root, such as
 * {@code trustedUsers}, {@code users}, {@code 2}. {@link #toString()} gives the JSON path
 * the API shows ({@code trustedUsers.users[2]}). Validators emit paths built from the
 * constants of the section they check, and forms map paths to their fields by prefix (see
 * {@code FormFields}), so that both sides name a field the same way.
 */
public final class FieldPath {

	private final List<Segment> segments;

	private FieldPath(List<Segment> segments) {
		this.segments = List.copyOf(segments);
	}

	/** The path of a field at the root, such as {@code trustedUsers} or {@code cf}. */
	public static FieldPath of(String name) {
		return new FieldPath(List.of(new Name(name)));
	}

	/**
	 * The path that {@code text} spells as a JSON path ({@code a.b[2].c}), for paths that
	 * arrive as text. Text that is no such path is taken as one name, so that
	 * {@link #toString()} always gives {@code text} back.
	 */
	public static FieldPath parse(String text) {
		List<Segment> segments = new ArrayList<>();
		int i = 0;
		while (i < text.length()) {
			if (text.charAt(i) == '[') {
				int close = text.indexOf(']', i);
				String digits = (close > i + 1) ? text.substring(i + 1, close) : "";
				if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch((c) -> c >= '0' && c <= '9')
						|| (digits.length() > 1 && digits.charAt(0) == '0')) {
					return of(text);
				}
				segments.add(new Index(Integer.parseInt(digits)));
				i = close + 1;
				continue;
			}
			if (!segments.isEmpty()) {
				if (text.charAt(i) != '.') {
					return of(text);
				}
				i++;
			}
			int end = i;
			while (end < text.length() && "[].".indexOf(text.charAt(end)) < 0) {
				end++;
			}
			if (end == i || (end < text.length() && text.charAt(end) == ']')) {
				return of(text);
			}
			segments.add(new Name(text.substring(i, end)));
			i = end;
		}
		return segments.isEmpty() ? of(text) : new FieldPath(segments);
	}

	/** This path followed by the field {@code name}: {@code a.name}. */
	public FieldPath name(String name) {
		return append(new Name(name));
	}

	/** This path followed by the list entry at {@code index}: {@code a[index]}. */
	public FieldPath index(int index) {
		if (index < 0) {
			throw new IllegalArgumentException("negative index " + index);
		}
		return append(new Index(index));
	}

	private FieldPath append(Segment segment) {
		List<Segment> longer = new ArrayList<>(this.segments);
		longer.add(segment);
		return new FieldPath(longer);
	}

	public List<Segment> segments() {
		return this.segments;
	}

	/** Whether this path is {@code prefix} or lies below it. */
	public boolean startsWith(FieldPath prefix) {
		return prefix.segments.size() <= this.segments.size()
				&& this.segments.subList(0, prefix.segments.size()).equals(prefix.segments);
	}

	/** The segments after {@code prefix}, which this path must start with. */
	public List<Segment> after(FieldPath prefix) {
		if (!startsWith(prefix)) {
			throw new IllegalArgumentException(this + " does not start with " + prefix);
		}
		return this.segments.subList(prefix.segments.size(), this.segments.size());
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof FieldPath path && path.segments.equals(this.segments);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.segments);
	}

	/** The JSON path, such as {@code trustedUsers.file.users[2]}. */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		for (Segment segment : this.segments) {
			if (segment instanceof Index index) {
				text.append('[').append(index.value()).append(']');
			}
			else {
				if (text.length() > 0) {
					text.append('.');
				}
				text.append(((Name) segment).value());
			}
		}
		return text.toString();
	}

	/** One step of a path: a {@link Name} or an {@link Index}. */
	public sealed interface Segment permits Name, Index {

	}

	/** A field of an object. */
	public record Name(String value) implements Segment {

		public Name {
			Objects.requireNonNull(value, "value");
		}

	}

	/** An entry of a list, from 0. */
	public record Index(int value) implements Segment {

	}

}
