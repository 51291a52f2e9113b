package org.smguard.policy;

import java.util.List;

/**
 * One page of a policy's history, newest first.
 */
public record VersionPage(List<VersionInfo> items, int page, int size, long totalItems) {

	public int totalPages() {
		return (int) ((this.totalItems + this.size - 1) / this.size);
	}

}
