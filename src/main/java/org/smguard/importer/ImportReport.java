package org.smguard.importer;

import java.util.List;

/**
 * What an import took into the draft and what it ignored, each with the reason.
 */
public record ImportReport(long draftRevision, List<String> taken, List<String> ignored) {
}
