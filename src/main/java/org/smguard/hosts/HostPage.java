package org.smguard.hosts;

import java.util.List;

/** One page of hosts by name, with the totals. */
public record HostPage(List<Host> content, int page, int size, long totalElements) {

	public int totalPages() {
		return (int) ((this.totalElements + this.size - 1) / this.size);
	}

}
