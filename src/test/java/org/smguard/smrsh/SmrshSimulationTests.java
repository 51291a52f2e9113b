package org.smguard.smrsh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The bounds {@link SmrshSimulation} puts on a request, each refused naming its field.
 */
class SmrshSimulationTests {

	private static List<String> fields(SimulationRequest request) {
		ValidationException ex = catchThrowableOfType(ValidationException.class, () -> SmrshSimulation.check(request));
		assertThat(ex).as("refused").isNotNull();
		return ex.violations().stream().map(Violation::field).toList();
	}

	@Test
	void acceptsCommandsOrText() {
		assertThat(SmrshSimulation.check(new SimulationRequest(List.of("vacation"), null, null, null))).isNull();
		assertThat(SmrshSimulation.check(new SimulationRequest(null, "a: b", 2, null)))
			.isEqualTo(DeliveryText.Format.ALIASES);
		assertThat(SmrshSimulation.check(new SimulationRequest(null, "a: b", null, "forward")))
			.isEqualTo(DeliveryText.Format.FORWARD);
	}

	@Test
	void refusesBothOrNeither() {
		assertThat(fields(new SimulationRequest(null, null, null, null))).containsExactly("commands");
		assertThat(fields(new SimulationRequest(List.of("x"), "y", null, null))).containsExactly("commands");
	}

	@Test
	void refusesMoreThanAThousandCommands() {
		List<String> commands = Collections.nCopies(1001, "vacation");
		assertThat(fields(new SimulationRequest(commands, null, null, null))).containsExactly("commands");
		assertThat(SmrshSimulation.check(new SimulationRequest(commands.subList(0, 1000), null, null, null))).isNull();
	}

	@Test
	void refusesACommandLongerThanMaxline() {
		List<String> commands = new ArrayList<>(List.of("vacation", "x".repeat(2049)));
		assertThat(fields(new SimulationRequest(commands, null, null, null))).containsExactly("commands[1]");
		commands.set(1, "é".repeat(1025));
		assertThat(fields(new SimulationRequest(commands, null, null, null))).as("counted in UTF-8 bytes")
			.containsExactly("commands[1]");
		commands.set(1, "x".repeat(2048));
		assertThat(SmrshSimulation.check(new SimulationRequest(commands, null, null, null))).isNull();
	}

	@Test
	void refusesNulAndNull() {
		List<String> commands = new ArrayList<>();
		commands.add("vacation\0x");
		commands.add(null);
		assertThat(fields(new SimulationRequest(commands, null, null, null))).containsExactly("commands[0]",
				"commands[1]");
		assertThat(fields(new SimulationRequest(null, "a\0b", null, null))).containsExactly("text");
	}

	@Test
	void refusesATextLargerThan256KibOrWithALongLine() {
		assertThat(fields(new SimulationRequest(null, "a\n".repeat(131_073), null, null))).containsExactly("text");
		ValidationException ex = catchThrowableOfType(ValidationException.class, () -> SmrshSimulation
			.check(new SimulationRequest(null, "a: b\n" + "x".repeat(2049) + "\n", null, null)));
		assertThat(ex.violations().get(0).message()).startsWith("line 2 is longer than 2048 bytes");
	}

	@Test
	void refusesATextWithMoreThanTenThousandEntries() {
		assertThat(fields(new SimulationRequest(null, "a,".repeat(10_001), null, "forward"))).containsExactly("text");
		assertThat(SmrshSimulation
			.check(new SimulationRequest(null, "a,".repeat(1000) + "\n" + "b,".repeat(1000), null, null)))
			.isEqualTo(DeliveryText.Format.FORWARD);
	}

	@Test
	void refusesABadVersionOrFormat() {
		assertThat(fields(new SimulationRequest(List.of("x"), null, 0, null))).containsExactly("version");
		assertThat(fields(new SimulationRequest(null, "x", null, "procmailrc"))).containsExactly("format");
		assertThat(fields(new SimulationRequest(List.of("x"), null, null, "forward"))).containsExactly("format");
	}

}
