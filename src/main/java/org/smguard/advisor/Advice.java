package org.smguard.advisor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The advisor's findings on one policy, most serious first, and how many there are of
 * each severity, overall and per section. The JSON of {@code GET
 * /api/v1/policies/{p}/draft/advice} and {@code .../versions/{n}/advice}.
 */
public record Advice(List<Finding> findings, Counts summary, Map<String, Counts> sections) {

	public Advice {
		findings = List.copyOf(findings);
		sections = Map.copyOf(sections);
	}

	/** How many findings of each severity. */
	public record Counts(int critical, int warning, int advice) {

		Counts add(Severity severity) {
			return switch (severity) {
				case CRITICAL -> new Counts(this.critical + 1, this.warning, this.advice);
				case WARNING -> new Counts(this.critical, this.warning + 1, this.advice);
				case ADVICE -> new Counts(this.critical, this.warning, this.advice + 1);
			};
		}

	}

	static Advice of(List<Finding> findings) {
		Counts total = new Counts(0, 0, 0);
		Map<String, Counts> sections = new LinkedHashMap<>();
		for (Finding finding : findings) {
			total = total.add(finding.severity());
			sections.merge(finding.section(), new Counts(0, 0, 0).add(finding.severity()), (a,
					b) -> new Counts(a.critical() + b.critical(), a.warning() + b.warning(), a.advice() + b.advice()));
		}
		return new Advice(findings, total, sections);
	}

	/** The findings about one field, for the editor that shows it. */
	public List<Finding> about(String field) {
		return this.findings.stream()
			.filter((f) -> f.field().equals(field) || f.field().startsWith(field + "[")
					|| f.field().startsWith(field + "."))
			.toList();
	}

}
