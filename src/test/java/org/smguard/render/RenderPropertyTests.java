package org.smguard.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.smguard.cf.CfText;
import org.smguard.cf.ClassFileLine;
import org.smguard.cf.ClassTLine;
import org.smguard.cf.ProgMailer;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyValidator;
import org.smguard.testing.HostTools;
import org.smguard.validation.Rules;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smguard.render.CfEdits.base;

/**
 * Properties over generated policies, with a random seed per run that failures report
 * ({@code -Dproperty.seed=N} repeats a run):
 * <ul>
 * <li>every policy the rules accept, whatever mix of awkward and hostile values it was
 * made from, renders a cf that the real sendmail parses with exit 0 and reads back
 * exactly as the policy says, on several bases, and the cf adds no line and no field:
 * everything but the managed lines is the base's, class t holds the policy's names and
 * the prog mailer differs only in {@code P=} and {@code A=};</li>
 * <li>a hostile character or string in any field that reaches a rendered file (line
 * breaks, NUL, CR, U+0085, U+2028, separators of cf fields, quotes, look-alikes, path
 * segments that climb, very long values) is refused by the rules, on that field.</li>
 * </ul>
 */
class RenderPropertyTests {

	private static final long SEED = Long.getLong("property.seed", new Random().nextLong());

	private static final int RENDER_TRIES = 200;

	private static final int REFUSE_TRIES = 2000;

	private static final SendmailCheck CHECK = HostTools.sendmailCheck(HostTools.SENDMAIL, Duration.ofSeconds(15));

	@Test
	void everyAcceptedPolicyRendersACfSendmailReadsBackAsSet() {
		HostTools.assumeSendmail();
		Map<String, Supplier<String>> bases = bases();
		List<String> names = new ArrayList<>(bases.keySet());
		List<String> cfs = names.stream().map((name) -> bases.get(name).get()).toList();
		PolicyGenerator generator = new PolicyGenerator(new Random(SEED));
		int accepted = 0;
		for (int i = 0; i < RENDER_TRIES; i++) {
			Policy policy = generator.mixed();
			if (PolicyValidator.validate(policy).hasErrors()) {
				continue;
			}
			accepted++;
			int b = i % cfs.size();
			String context = "seed " + SEED + ", try " + i + ", base " + names.get(b) + ": " + policy;
			String rendered = CfRenderer.render(policy, cfs.get(b));
			assertAddsNoLineAndNoField(cfs.get(b), rendered, policy, context);
			// No error and no warning means that sendmail exited 0 without a message
			// about any line, and read back every managed value as set.
			SendmailCheck.Result result = CHECK.check(policy, rendered);
			assertThat(result.errors()).as(context).isEmpty();
			assertThat(result.warnings()).as(context)
				.allSatisfy((w) -> assertThat(w.message()).contains("in the check's sandbox"));
			assertThat(result.status()).as(context).isEqualTo(SendmailCheck.Status.PASSED);
		}
		assertThat(accepted).as("accepted policies (seed %d)", SEED).isGreaterThan(RENDER_TRIES / 4);
	}

	@Test
	void everyHostileValueInARenderedFieldIsRefusedOnThatField() {
		Random random = new Random(SEED);
		PolicyGenerator generator = new PolicyGenerator(random);
		List<PolicyGenerator.Target> targets = generator.targets();
		for (int i = 0; i < REFUSE_TRIES; i++) {
			Policy valid = generator.valid();
			Violations before = PolicyValidator.validate(valid);
			assertThat(before.errors()).as("generated valid policy, seed %d try %d: %s", SEED, i, valid).isEmpty();
			PolicyGenerator.Target target = generator.pick(targets);
			String value = generator.spoil(target.valid().apply(valid), target.hostile());
			Policy spoilt = target.set().apply(valid, value);
			Violations after = PolicyValidator.validate(spoilt);
			assertThat(after.errors()).extracting(Violation::field)
				.as("seed %d try %d: %s = %s", SEED, i, target.field(), Rules.quote(value))
				.anyMatch((field) -> field.startsWith(target.field()));
		}
	}

	@Test
	void refusesLogLevelsOutOfRange() {
		for (int level : new int[] { -1, 100, Integer.MAX_VALUE, Integer.MIN_VALUE }) {
			Policy policy = PolicyGenerator.withLogLevel(TestPolicies.changedEverywhere(), level);
			assertThat(PolicyValidator.validate(policy).errors()).extracting(Violation::field)
				.containsExactly("options.LogLevel");
		}
	}

	/**
	 * Everything but the managed statements is the base's, class t lines hold exactly the
	 * policy's names, and the prog mailer is the base's but for P= and A=.
	 */
	static void assertAddsNoLineAndNoField(String base, String rendered, Policy policy, String context) {
		assertThat(unmanaged(rendered)).as(context).isEqualTo(unmanaged(base));
		List<String> classT = new ArrayList<>();
		for (CfText.Statement statement : CfText.parse(rendered).statements()) {
			ClassTLine.of(statement.logical()).ifPresent((line) -> classT.addAll(line.names()));
		}
		assertThat(classT).as(context).isEqualTo(policy.trustedUsers().users());
		assertThat(prog(rendered)).as(context).isEqualTo(prog(base));
	}

	private static List<String> unmanaged(String cf) {
		return CfText.parse(cf).statements().stream().filter((s) -> !managed(s)).map(CfText.Statement::text).toList();
	}

	private static boolean managed(CfText.Statement statement) {
		String logical = statement.logical();
		String uncommented = logical.startsWith("#") ? logical.substring(1) : logical;
		String read = CfText.readcfText(uncommented, 10);
		if (read == null) {
			return false;
		}
		return CfText.optionOf(read).map((o) -> ManagedOption.NAMES.contains(o.name())).orElse(false)
				|| ClassTLine.of(read).isPresent() || ClassFileLine.of(read).map(ClassFileLine::isClassT).orElse(false)
				|| ProgMailer.isProg(read);
	}

	/** The prog mailer with the values of P= and A= left out. */
	private static List<String> prog(String cf) {
		return CfText.parse(cf)
			.statements()
			.stream()
			.filter((s) -> ProgMailer.isProg(s.logical()))
			.map((s) -> s.text().replaceAll("(\\A|[,\\s])([PA])=[^,\\n]*", "$1$2="))
			.toList();
	}

	private static Map<String, Supplier<String>> bases() {
		Map<String, Supplier<String>> bases = new LinkedHashMap<>();
		bases.put("shipped", () -> CfEdits.BASE);
		bases.put("hand-written",
				() -> base("Troot\nTdaemon\nTuucp\n", "Troot daemon\nCt uucp\n", "O LogLevel=9\n", "O loglevel=9\n",
						"#O PostmasterCopy=Postmaster\n", "", "#Ft/etc/mail/trusted-users %[^\\#]\n", "",
						"O TempFileMode=0640\n", "O TempFileMode=0640\nOF0600\n", "A=sh -c $u", "A=sh  -c $u"));
		if (Files.isReadable(HostTools.DEBIAN_CF)) {
			bases.put("Debian's", () -> {
				try {
					return Files.readString(HostTools.DEBIAN_CF);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		if (Files.isExecutable(Path.of("/usr/bin/m4")) && Files.isReadable(HostTools.CF_M4)) {
			bases.put("m4 linux", () -> HostTools.buildCf("OSTYPE(`linux')dnl", "FEATURE(`use_ct_file')dnl",
					"MAILER(`local')dnl", "MAILER(`smtp')dnl"));
		}
		return bases;
	}

}
