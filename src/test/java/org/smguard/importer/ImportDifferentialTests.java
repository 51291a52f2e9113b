package org.smguard.importer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.smguard.cf.SendmailReader;
import org.smguard.policy.StockPolicy;
import org.smguard.render.CfRenderer;
import org.smguard.render.SendmailCheck;
import org.smguard.testing.HostTools;
import org.smguard.validation.ValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The importer against the real sendmail, on generated cf variants: option lines in every
 * spelling readcf accepts (long and one-letter names, case, abbreviations, suboptions,
 * blanks and tabs around '=', comments after values, {@code \#}, {@code $$}, continuation
 * lines inside values, duplicates, {@code OLogLevel=9}-style typos, lines before the
 * {@code V} line where '#' starts no comment), class t lines ({@code T}, {@code Ct},
 * {@code C{ t}}, continued) and prog mailer redefinitions in other case, with long field
 * names, quoted fields and empty ones. Each variant is either refused by the importer
 * with a reason, or its import reads exactly what sendmail reads and the rendered cf
 * passes the sendmail check. A failure prints its seed; repeat it with
 * {@code -Dimport.seed=N}.
 */
class ImportDifferentialTests {

	private static final int VARIANTS = Integer.getInteger("import.variants", 60);

	private static final String[][] OPTIONS = { { "LogLevel", "L", "Lo", "LOGLEVEL", "loglevel" },
			{ "TempFileMode", "F", "Te", "tempfilemode" }, { "PrivacyOptions", "p", "Pri", "privacyoptions" },
			{ "DefaultUser", "u", "DefaultU", "defaultuser" }, { "SafeFileEnvironment", "Saf", "safefileenvironment" },
			{ "ForwardPath", "J", "Forw", "FORWARDPATH" }, { "PostmasterCopy", "P", "Po", "postmastercopy" } };

	private static final String[][] VALUES = {
			{ "9", " 11", "12abc", "007", "4294967305", "3 # audit", "9 \\# x", "\t10", "8\n\t# level", "-4294967281" },
			{ "0600", "600", "0680", "0644 ", "0640\t# mode", "0640 \\# m", "0600\n\t" },
			{ "goaway", "noexpn, novrfy", "authwarnings;noverb", "needmailhelo\n\trestrictqrun", "public",
					"noexpn,\\#novrfy", "goaway\t# all", "noexpn\n\t novrfy # x" },
			{ "mailnull:mailnull", "mail.mail", "8:8", "mail", "mailnull/mail", "mail:mail\t" },
			{ "/", "/var/x/", "//", "/srv/mail//", "", "/srv/mail/\t# x" },
			{ "$z/.forward", "/usr/local/etc/forwards/$u.forward:$z/.forward", "", "$z/.forward\n\t:$h/.forward",
					"$$z/.forward", "$z/.forward$$$u" },
			{ "postmaster", "root,admin", "postmaster # copy", "root\\#admin", "postmaster$$" } };

	/**
	 * Typos that make a long name a one-letter option: OLogLevel=9 sets LogLevel to
	 * "ogLevel=9", OPrivacyOptions=goaway sets PostmasterCopy and OForwardPath=...
	 * TempFileMode.
	 */
	private static final String[] TYPOS = { "OLogLevel=9", "OPostmasterCopy=postmaster", "OPrivacyOptions=goaway",
			"OLogLevel= 9", "OForwardPath=$z/.forward" };

	@Test
	void importsExactlyWhatSendmailReads() {
		HostTools.assumeSendmail();
		SendmailReader reader = new SendmailReader(HostTools.sandbox(HostTools.SENDMAIL, Duration.ofSeconds(15)));
		ImportVerifier verifier = new ImportVerifier(reader);
		SendmailCheck check = new SendmailCheck(reader);
		long seed = Long.getLong("import.seed", System.nanoTime());
		Random random = new Random(seed);
		String base = StockPolicy.debianBaseCf();
		int refused = 0;
		for (int i = 0; i < VARIANTS; i++) {
			// Lines before the V line are read at level 0, where '#' starts no comment.
			String before = (random.nextInt(4) == 0) ? extraLines(random) : "";
			String variant = before + base + extraLines(random);
			HostImporter.Result imported;
			try {
				imported = HostImporter.apply(StockPolicy.debian(),
						new HostFiles(variant.getBytes(StandardCharsets.UTF_8), null, null, null, null), "");
			}
			catch (ValidationException ex) {
				refused++;
				assertThat(ex.getMessage()).as("a refusal names the line or the rule").isNotBlank();
				continue;
			}
			try {
				verifier.verify(imported.baseCf(), imported.policy());
			}
			catch (ValidationException ex) {
				if (ex.getMessage().contains("sendmail refuses it")) {
					// sendmail itself complains about a line: refused with its words.
					refused++;
					continue;
				}
				fail("seed " + seed + ", variant " + i + ": the import reads otherwise than sendmail: "
						+ ex.violations() + "\n--- lines before:\n" + before + "--- appended lines:\n"
						+ variant.substring(before.length() + base.length()));
			}
			SendmailCheck.Result result = check.check(imported.policy(),
					CfRenderer.render(imported.policy(), imported.baseCf()));
			assertThat(result.errors())
				.as("seed %d, variant %d, before:%n%s%nappended:%n%s", seed, i, before,
						variant.substring(before.length() + base.length()))
				.filteredOn((v) -> !v.field().equals("baseCf") && !v.message().startsWith("sendmail: line"))
				.isEmpty();
		}
		assertThat(refused).as("seed %d: most variants are importable", seed).isLessThan(VARIANTS / 2);
	}

	@Test
	void verifiesValuesWithDollarSignsAsSendmailPrintsThem() {
		// sendmail prints $$ (a plain '$') as '$': "$$z/.forward" is read as
		// "$z/.forward",
		// and "a$$$$b" as "a$$b", which printing again would make "a$b".
		HostTools.assumeSendmail();
		ImportVerifier verifier = new ImportVerifier(
				new SendmailReader(HostTools.sandbox(HostTools.SENDMAIL, Duration.ofSeconds(15))));
		String cf = StockPolicy.debianBaseCf() + "O ForwardPath=$$z/.forward\nO PostmasterCopy=a$$$$b\n";
		HostImporter.Result imported = HostImporter.apply(StockPolicy.debian(),
				new HostFiles(cf.getBytes(StandardCharsets.UTF_8), null, null, null, null), "");
		assertThat(imported.policy().options().forwardPath()).isEqualTo("$$z/.forward");
		assertThat(verifier.verify(imported.baseCf(), imported.policy())).startsWith("cf: verified against sendmail");
	}

	private static String extraLines(Random random) {
		List<String> lines = new ArrayList<>();
		int count = 1 + random.nextInt(5);
		for (int n = 0; n < count; n++) {
			int kind = random.nextInt(11);
			if (kind == 10) {
				lines.add(pick(random, TYPOS));
			}
			else if (kind < 7) {
				int option = random.nextInt(OPTIONS.length);
				String name = pick(random, OPTIONS[option]);
				String value = pick(random, VALUES[option]);
				if (name.length() == 1) {
					lines.add("O" + name + value);
				}
				else {
					String suboption = random.nextInt(8) == 0 ? ".x" : "";
					String before = random.nextBoolean() ? "" : " ";
					String after = switch (random.nextInt(4)) {
						case 0 -> "  ";
						case 1 -> " \t";
						default -> "";
					};
					lines.add("O " + name + suboption + before + "=" + after + value);
				}
			}
			else if (kind < 9) {
				String head = pick(random, new String[] { "T", "Ct ", "C{t}", "C{ t}", "T " });
				String names = pick(random, new String[] { "majordomo", "list  news", "uucp\n\tfetchmail", "Root" });
				lines.add(head + names);
			}
			else {
				lines.add(pick(random, new String[] {
						"MProg, Path=/usr/sbin/smrsh, F=lsDFMoqeu9, S=EnvFromL/HdrFromL, R=EnvToL/HdrToL,"
								+ " D=$z:/, Argv=smrsh -c $u",
						"MPROG,\tP=/bin/sh, F=lsDFMoqeu9, S=EnvFromL/HdrFromL, R=EnvToL/HdrToL, D=$z:/,\n\tA=sh -c $u",
						"Mprog, P=/usr/lib/sm.bin/smrsh, F=lsDFMoqeu9, S=EnvFromL, R=EnvToL, A=smrsh  -c  $u",
						"Mprog, P=\"/usr/sbin/smrsh\", F=lsDFMoqeu9, S=EnvFromL/HdrFromL, R=EnvToL/HdrToL, D=$z:/,"
								+ " A=\"smrsh -c $u\"",
						"Mprog, P=/usr/sbin/smrsh, F=\"lsDFMoqeu9\", S=EnvFromL, R=EnvToL, A=smrsh \"-c\" \"$u\"",
						"Mprog, P=/usr/sbin/smrsh, P=, F=lsDFMoqeu9, S=EnvFromL, R=EnvToL, A=smrsh -c $u, A=",
						"Mprog, P=/bin/sh, F=lsDFMoqeu9, S=EnvFromL, R=EnvToL, A=\" sh -c $u\"",
						"Mprog, P=/usr/sbin/smrsh, F=lsDFMoqeu9, S=EnvFromL, R=EnvToL, A=smrsh\\f-c $u # smrsh" }));
			}
		}
		return String.join("\n", lines) + "\n";
	}

	private static String pick(Random random, String[] choices) {
		return choices[random.nextInt(choices.length)];
	}

}
