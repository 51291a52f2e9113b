package org.smguard.advisor;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One thing the advisor found risky or worth changing.
 *
 * @param rule the rule that found it (stable, for acknowledgements and tests)
 * @param severity how much it matters
 * @param field the field it concerns, as the API names it ({@code options.DefaultUser},
 * {@code smrsh.programs[2]})
 * @param title one line: what is wrong
 * @param explanation why it matters, in a paragraph
 * @param fix what to do about it
 * @param recommended the value that fixes it, when one value does ({@code null}
 * otherwise)
 */
public record Finding(String rule, Severity severity, String field, String title, String explanation, String fix,
		String recommended) {

	/**
	 * Names the finding for an acknowledgement: the rule and the field, e.g.
	 * {@code smrsh-runs-others@smrsh.programs[2]}.
	 */
	@JsonProperty("id")
	public String id() {
		return this.rule + "@" + this.field;
	}

	/**
	 * Whether the recommended value can be written into the draft in one step ("apply the
	 * recommended value").
	 */
	@JsonProperty("applicable")
	public boolean applicable() {
		return this.recommended != null && RecommendedFixes.handles(this.field);
	}

	/** The section of the policy the field lies in: the first name of its path. */
	@JsonProperty("section")
	public String section() {
		int end = this.field.length();
		for (int i = 0; i < this.field.length(); i++) {
			char c = this.field.charAt(i);
			if (c == '.' || c == '[') {
				end = i;
				break;
			}
		}
		return this.field.substring(0, end);
	}

}
