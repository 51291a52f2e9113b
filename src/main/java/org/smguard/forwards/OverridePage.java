package org.smguard.forwards;

import java.util.List;
import java.util.Locale;

import org.smguard.policy.Forwards;

/**
 * One page of the override files whose user starts with {@code query} (ignoring case, as
 * sendmail compares local user names), in the draft's order.
 *
 * @param items the files on this page
 * @param query the user prefix, empty for all
 * @param page the page shown, from 0
 * @param size files per page
 * @param matching how many files match the query
 * @param total how many files the draft has
 */
public record OverridePage(List<Forwards.OverrideFile> items, String query, int page, int size, int matching,
		int total) {

	static final int SIZE = 50;

	static OverridePage of(List<Forwards.OverrideFile> overrides, String query, int page) {
		String prefix = query.toLowerCase(Locale.ROOT);
		List<Forwards.OverrideFile> matching = prefix.isEmpty() ? overrides
				: overrides.stream()
					.filter((override) -> override.user().toLowerCase(Locale.ROOT).startsWith(prefix))
					.toList();
		int pages = Math.max(1, (matching.size() + SIZE - 1) / SIZE);
		int shown = Math.min(Math.max(page, 0), pages - 1);
		int from = shown * SIZE;
		List<Forwards.OverrideFile> items = List.copyOf(matching.subList(from, Math.min(from + SIZE, matching.size())));
		return new OverridePage(items, query, shown, SIZE, matching.size(), overrides.size());
	}

	public int totalPages() {
		return Math.max(1, (this.matching + this.size - 1) / this.size);
	}

	public boolean hasPrevious() {
		return this.page > 0;
	}

	public boolean hasNext() {
		return this.page + 1 < totalPages();
	}

}
