package org.smguard.smrsh;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The verdicts in input order, and what they were simulated against.
 *
 * @param results one per command, or per entry of the text
 * @param version the version simulated against; {@code null} for the draft
 * @param format {@code commands}, {@code forward} or {@code aliases}
 * @param smrshEnabled whether the policy runs programs through smrsh
 * @param binDirectory the policy's sm.bin directory
 */
@JsonPropertyOrder({ "results", "version", "format", "smrshEnabled", "binDirectory" })
public record SimulationResult(List<Verdict> results, Integer version, String format, boolean smrshEnabled,
		String binDirectory) {

	public SimulationResult {
		results = List.copyOf(results);
	}

}
