package org.smguard.policy;

import java.time.Instant;
import java.util.List;

/** One change to a draft, as the change log keeps it: revision, author, time, fields. */
public record DraftChange(long revision, String author, Instant at, List<String> fields) {

	public DraftChange {
		fields = List.copyOf(fields);
	}

}
