package org.smguard.policy;

import java.util.List;

/**
 * One page of the override files of a draft or a version whose user starts with
 * {@code prefix} (ignoring case, as sendmail compares local user names), ordered by user
 * ignoring case.
 *
 * @param items the files on this page
 * @param prefix the user prefix, empty for all
 * @param page the page, from 0
 * @param size files per page
 * @param matching how many files match the prefix
 * @param total how many files the draft or the version holds
 * @param draftRevision the draft revision the page was read from; 0 for a version's page
 */
public record OverridePage(List<Forwards.OverrideFile> items, String prefix, int page, int size, int matching,
		int total, long draftRevision) {

	public OverridePage {
		items = List.copyOf(items);
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
