package org.smguard.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Defensive copies for the lists inside policy records. Unlike {@link List#copyOf}, a
 * {@code null} element survives, so that validation can name it instead of the JSON
 * reader failing.
 */
final class Lists {

	private Lists() {
	}

	static <T> List<T> copy(List<T> list) {
		return (list != null) ? Collections.unmodifiableList(new ArrayList<>(list)) : List.of();
	}

}
