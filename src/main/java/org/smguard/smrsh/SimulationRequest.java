package org.smguard.smrsh;

import java.util.List;

/**
 * What to simulate: {@code commands} (each what smrsh gets after {@code -c}) or
 * {@code text} (a {@code .forward} or aliases file, told apart by its first line or named
 * by {@code format}: {@code forward} or {@code aliases}), against the draft or version
 * {@code version}.
 */
public record SimulationRequest(List<String> commands, String text, Integer version, String format) {

}
