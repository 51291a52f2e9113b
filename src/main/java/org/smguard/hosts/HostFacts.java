package org.smguard.hosts;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a host reports about itself that the console cannot see: the shells its
 * {@code /etc/shells} lists that do not exist there, and each installed file (or managed
 * directory) that is missing, has other content, or another mode or owner than the
 * installed manifest says. Checked by {@link HostFactsRules} before it is kept.
 */
public record HostFacts(List<String> missingShells, List<FileProblem> files) {

	/** Most entries of each list a report may hold; the host sends at most this many. */
	public static final int MAX_ENTRIES = 100;

	public HostFacts {
		missingShells = (missingShells != null) ? List.copyOf(missingShells) : List.of();
		files = (files != null) ? List.copyOf(files) : List.of();
	}

	/**
	 * One way an installed file differs; {@code actual} and {@code expected} for mode and
	 * owner.
	 */
	public record FileProblem(String path, Problem problem, String actual, String expected) {
	}

	/** How an installed file differs from the manifest. */
	public enum Problem {

		MISSING, CONTENT, MODE, OWNER;

		@JsonValue
		public String json() {
			return name().toLowerCase(Locale.ROOT);
		}

		@JsonCreator
		static Problem of(String value) {
			for (Problem problem : values()) {
				if (problem.json().equals(value)) {
					return problem;
				}
			}
			throw new IllegalArgumentException("must be one of missing, content, mode, owner");
		}

	}

}
