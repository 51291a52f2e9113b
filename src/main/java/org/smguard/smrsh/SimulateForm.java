package org.smguard.smrsh;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The simulator page: commands, one per line, or a {@code .forward} or aliases file, and
 * the version to simulate against (none for the draft).
 */
public class SimulateForm {

	static final String COMMANDS = "commands";

	static final String TEXT = "text";

	@Pattern(regexp = "commands|text", message = "must be 'commands' or 'text'")
	private String mode = COMMANDS;

	@Size(max = SmrshSimulation.MAX_TEXT_BYTES, message = "must be at most 256 KiB")
	private String input = "";

	private Integer version;

	@Pattern(regexp = "auto|forward|aliases", message = "must be 'auto', 'forward' or 'aliases'")
	private String format = "auto";

	/**
	 * The request the form describes. In commands mode every line is a command, a line of
	 * white space included (smrsh answers it with its usage); only empty lines are
	 * skipped.
	 */
	SimulationRequest toRequest() {
		if (TEXT.equals(this.mode)) {
			return new SimulationRequest(null, this.input, this.version,
					"auto".equals(this.format) ? null : this.format);
		}
		return new SimulationRequest(commandLines(), null, this.version, null);
	}

	/** The commands, one per non-empty line. */
	List<String> commandLines() {
		List<String> commands = new ArrayList<>();
		for (String line : DeliveryText.lines(this.input)) {
			if (!line.isEmpty()) {
				commands.add(line);
			}
		}
		return commands;
	}

	/** The line of the text area that holds command {@code index}. */
	int lineOf(int index) {
		List<String> lines = DeliveryText.lines(this.input);
		int seen = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (!lines.get(i).isEmpty() && ++seen == index) {
				return i + 1;
			}
		}
		return index + 1;
	}

	public String getMode() {
		return this.mode;
	}

	public void setMode(String mode) {
		this.mode = mode;
	}

	public String getInput() {
		return this.input;
	}

	public void setInput(String input) {
		this.input = (input != null) ? input : "";
	}

	public Integer getVersion() {
		return this.version;
	}

	public void setVersion(Integer version) {
		this.version = version;
	}

	public String getFormat() {
		return this.format;
	}

	public void setFormat(String format) {
		this.format = format;
	}

}
