package org.smguard.smrsh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The smrsh simulator over a policy's draft or one of its versions, for anyone who may
 * read the policy. Input is bounded before the policy is read: at most
 * {@value #MAX_COMMANDS} commands, a text of at most {@value #MAX_TEXT_BYTES} bytes with
 * at most {@value #MAX_ENTRIES} entries, and no command or line longer than sendmail's
 * {@code MAXLINE} ({@value #MAX_LINE_BYTES} bytes of UTF-8).
 */
@Service
public class SmrshSimulation {

	static final int MAX_COMMANDS = 1000;

	static final int MAX_TEXT_BYTES = 256 * 1024;

	static final int MAX_LINE_BYTES = 2048;

	/** Most entries of a text, so that an answer stays a size a person can read. */
	static final int MAX_ENTRIES = 10_000;

	private final PolicyService policies;

	SmrshSimulation(PolicyService policies) {
		this.policies = policies;
	}

	/**
	 * Simulates the request's commands or text.
	 * @throws ValidationException naming the field, when the request is out of bounds
	 */
	@PreAuthorize("hasRole('VIEWER')")
	public SimulationResult simulate(String policyName, SimulationRequest request) {
		DeliveryText.Format format = check(request);
		Policy policy = (request.version() == null) ? this.policies.draftSettings(policyName).policy()
				: this.policies.versionSettings(policyName, request.version()).policy();
		if (format == null) {
			SmrshSimulator simulator = new SmrshSimulator(policy.smrsh());
			List<Verdict> results = request.commands().stream().map(simulator::command).toList();
			return result(results, request, "commands", policy);
		}
		List<Verdict> results = new DeliverySimulator(policy).simulate(request.text(), format);
		return result(results, request, format.name().toLowerCase(Locale.ROOT), policy);
	}

	/**
	 * What sendmail and smrsh do with each entry of a forwarding file (an override file
	 * the policy holds, whose size its own rules bound) under {@code policy}.
	 */
	public List<Verdict> forwardFile(Policy policy, String content) {
		return new DeliverySimulator(policy).simulate(content, DeliveryText.Format.FORWARD);
	}

	private static SimulationResult result(List<Verdict> results, SimulationRequest request, String format,
			Policy policy) {
		return new SimulationResult(results, request.version(), format, policy.smrsh().enabled(),
				policy.smrsh().binDirectory());
	}

	/**
	 * Refuses a request out of bounds.
	 * @return the text's format, or {@code null} for commands
	 */
	static DeliveryText.Format check(SimulationRequest request) {
		List<Violation> violations = new ArrayList<>();
		if (request.version() != null && request.version() < 1) {
			violations
				.add(new Violation("version", "must be a version number, 1 or more (leave it out for the draft)"));
		}
		DeliveryText.Format format = null;
		if ((request.commands() == null) == (request.text() == null)) {
			violations.add(new Violation("commands", "give either commands (what smrsh gets after -c) or text"
					+ " (a .forward or aliases file), not both and not neither"));
		}
		else if (request.commands() != null) {
			if (request.format() != null) {
				violations.add(new Violation("format", "applies to text only"));
			}
			checkCommands(request.commands(), violations);
		}
		else {
			checkText(request.text(), violations);
			if (request.format() == null) {
				format = DeliveryText.detect(request.text());
			}
			else {
				try {
					format = DeliveryText.Format.of(request.format());
				}
				catch (IllegalArgumentException ex) {
					violations.add(new Violation("format", "must be 'forward' or 'aliases' (or left out)"));
				}
			}
			if (format != null && violations.isEmpty()
					&& DeliveryText.entries(request.text(), format).size() > MAX_ENTRIES) {
				violations.add(new Violation("text", "holds more than " + MAX_ENTRIES + " entries"));
			}
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		return format;
	}

	private static void checkCommands(List<String> commands, List<Violation> violations) {
		if (commands.size() > MAX_COMMANDS) {
			violations.add(new Violation("commands",
					"holds " + commands.size() + " commands; at most " + MAX_COMMANDS + " in one request"));
			return;
		}
		for (int i = 0; i < commands.size(); i++) {
			String field = "commands[" + i + "]";
			String command = commands.get(i);
			if (command == null) {
				violations.add(new Violation(field, "must be a string"));
			}
			else if (command.indexOf('\0') >= 0) {
				violations.add(new Violation(field, "must not hold a NUL character, which no command line can hold"));
			}
			else if (command.getBytes(StandardCharsets.UTF_8).length > MAX_LINE_BYTES) {
				violations.add(new Violation(field, "is longer than " + MAX_LINE_BYTES
						+ " bytes (sendmail's MAXLINE); smrsh itself refuses anything over 982 bytes"));
			}
		}
	}

	private static void checkText(String text, List<Violation> violations) {
		if (text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
			violations.add(new Violation("text", "is larger than " + MAX_TEXT_BYTES / 1024 + " KiB"));
			return;
		}
		if (text.indexOf('\0') >= 0) {
			violations.add(new Violation("text", "must not hold a NUL character"));
			return;
		}
		List<String> lines = DeliveryText.lines(text);
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).getBytes(StandardCharsets.UTF_8).length > MAX_LINE_BYTES) {
				violations.add(new Violation("text",
						"line " + (i + 1) + " is longer than " + MAX_LINE_BYTES + " bytes (sendmail's MAXLINE)"));
				return;
			}
		}
	}

}
