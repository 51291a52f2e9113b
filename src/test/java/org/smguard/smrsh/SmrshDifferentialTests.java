package org.smguard.smrsh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.policy.Smrsh;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator against the real smrsh (Debian's sendmail-bin) and the real
 * {@code /bin/sh} (dash): every command line of {@link SmrshCorpus} runs in
 * {@link RealSmrsh}'s sandbox, and the run must show exactly what the simulator predicts
 * &mdash; for a refusal smrsh's message (byte for byte), its exit code and nothing run;
 * for a line it lets through which sm.bin programs ran with which arguments (byte for
 * byte), what {@code echo} printed and the exit code. Skipped only where bubblewrap may
 * not create its namespaces.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SmrshDifferentialTests {

	/** How many command lines the seeded generator adds to the hand-picked ones. */
	static final int GENERATED = 200;

	/** The policy the simulator gets: the sandbox's sm.bin, with made-up targets. */
	static final Smrsh POLICY = new Smrsh(true, RealSmrsh.SMRSH.toString(), "/etc/mail/smrsh",
			RealSmrsh.PROGRAMS.stream().map((name) -> new Smrsh.Program(name, "/usr/bin/" + name)).toList());

	@TempDir
	static Path dir;

	private static RealSmrsh smrsh;

	@BeforeAll
	static void sandbox() throws Exception {
		smrsh = RealSmrsh.prepare(dir);
	}

	@Test
	void agreesWithTheRealSmrshOnEveryCommandOfTheCorpus() {
		SmrshSimulator simulator = new SmrshSimulator(POLICY);
		List<byte[]> corpus = SmrshCorpus.all(GENERATED);
		List<String> disagreements = new ArrayList<>();
		int refused = 0;
		int ran = 0;
		int syntaxErrors = 0;
		List<RealSmrsh.Run> runs = smrsh.runAll(corpus);
		for (int i = 0; i < corpus.size(); i++) {
			byte[] command = corpus.get(i);
			SmrshSimulator.Simulation simulation = simulator.simulate(command);
			ExpectedRun expected = ExpectedRun.of(simulator, simulation);
			RealSmrsh.Run real = runs.get(i);
			if (!expected.matches(real)) {
				disagreements
					.add("'" + ByteText.show(command) + "'\n    simulated: " + expected + "\n    real:      " + real);
			}
			refused += simulation.outcome().accepted() ? 0 : 1;
			ran += real.records().isEmpty() ? 0 : 1;
			syntaxErrors += (simulation.syntaxError() != null) ? 1 : 0;
		}
		System.out.printf(
				"smrsh differential test: %d command lines (%d generated from seed %#x): %d refused by"
						+ " smrsh, %d ran a program, %d refused by /bin/sh; %d disagree%n",
				corpus.size(), GENERATED, SmrshCorpus.SEED, refused, ran, syntaxErrors, disagreements.size());
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
		assertThat(disagreements).as("%d of %d command lines disagree", disagreements.size(), corpus.size()).isEmpty();
		assertThat(refused).as("refused").isGreaterThan(corpus.size() / 5);
		assertThat(ran).as("ran a program").isGreaterThan(corpus.size() / 5);
	}

	@Test
	void seesTheRecorderRunForAnAllowedProgramAndNothingForARefusedOne() {
		RealSmrsh.Run allowed = smrsh.run(SmrshCorpus.utf8("/usr/bin/vacation -a eric"));
		assertThat(allowed.exitCode()).isZero();
		assertThat(allowed.records()).hasSize(1);
		assertThat(allowed.records().get(0).shown()).isEqualTo("/etc/mail/smrsh/vacation [-a] [eric]");
		RealSmrsh.Run refused = smrsh.run(SmrshCorpus.utf8("cp ; x"));
		assertThat(refused.exitCode()).isEqualTo(69);
		assertThat(ByteText.show(refused.stderr()))
			.isEqualTo("smrsh: \"cp\" not available for sendmail programs (stat failed)\\x0A");
		assertThat(refused.records()).isEmpty();
	}

	@Test
	void passesRawBytesThroughUnchanged() {
		byte[] command = new byte[] { 'v', 'a', 'c', 'a', 't', 'i', 'o', 'n', ' ', (byte) 0xC3, (byte) 0x84,
				(byte) 0x81, (byte) 0xFF };
		RealSmrsh.Run run = smrsh.run(command);
		assertThat(run.records()).hasSize(1);
		assertThat(run.records().get(0).arguments().get(0)).containsExactly((byte) 0xC3, (byte) 0x84, (byte) 0x81,
				(byte) 0xFF);
	}

}
