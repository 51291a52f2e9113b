package org.smguard.cf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link ProgMailer} reads an {@code M} line as makemailer does: the name up to a comma
 * or blank, fields keyed by their first letter, values as munchstring makes them, an
 * empty P= or A= skipped and A= split into words as makeargv splits it. The expected P=
 * and A= are what sendmail 8.17.1.9 listed ({@code =M}) for the same lines;
 * {@link ReadcfAgreementTests} repeats them against the real binary.
 */
class ProgMailerTests {

	private static final String DEBIAN = "Mprog, P=/bin/sh, F=lsDFMoqeu9, S=EnvFromL/HdrFromL, R=EnvToL/HdrToL, D=$z:/,"
			+ " A=sh -c $u";

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			'Mprog, P=/bin/sh'    | prog
			'MPROG,P=/bin/sh'     | PROG
			'Mprog P=/bin/sh'     | prog
			'Mprog\\tP=/bin/sh'   | prog
			Mprog                 | prog
			'M*file*, P=[FILE]'   | *file*
			""")
	void readsTheNameUpToACommaOrBlank(String line, String name) {
		assertThat(ProgMailer.nameOf(line.replace("\\t", "\t"))).contains(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "M", "M, P=/bin/sh", "M P=/bin/sh", "Tprog", "O M=prog" })
	void readsNoNameWhereMakemailerRequiresOne(String line) {
		assertThat(ProgMailer.nameOf(line)).isEmpty();
	}

	@Test
	void readsNoNameFromAComment() {
		assertThat(ProgMailer.nameOf(null)).isEmpty();
		assertThat(ProgMailer.isProg(null)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Mprog, P=/bin/sh", "MPROG, P=/bin/sh", "MProg P=/bin/sh", "Mprog" })
	void findsTheProgMailerInAnyCase(String line) {
		assertThat(ProgMailer.isProg(line)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Mprogram, P=/bin/sh", "Mprog2, P=/bin/sh", "Mlocal, P=/bin/sh", "M prog, P=/bin/sh" })
	void findsNoProgMailerUnderAnotherName(String line) {
		assertThat(ProgMailer.isProg(line)).isFalse();
	}

	@Test
	void splitsFieldsAtUnquotedCommasKeyedByTheirFirstLetter() {
		assertThat(ProgMailer.fields("Mprog, Path=/bin/sh,Flags=l,\n\tArgv=sh -c \"$u, x\", D=a\\,b"))
			.extracting(ProgMailer.Field::key, ProgMailer.Field::raw)
			.containsExactly(tuple('P', "Path=/bin/sh"), tuple('F', "Flags=l"), tuple('A', "Argv=sh -c \"$u, x\""),
					tuple('D', "D=a\\,b"));
	}

	@Test
	void stopsAtAFieldWithoutAnEqualsSign() {
		// sendmail: mailer prog: `=' expected; the mailer is not defined.
		assertThat(ProgMailer.fields("Mprog, P=/x, Fl, A=y")).extracting(ProgMailer.Field::key, ProgMailer.Field::raw)
			.containsExactly(tuple('P', "P=/x"), tuple('\0', "Fl, A=y"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			P=/bin/sh                | /bin/sh
			'P=  /bin/sh'            | /bin/sh
			'P="/usr/sbin/smrsh"'    | /usr/sbin/smrsh
			'P="/bin/sh, x"'         | '/bin/sh, x'
			'P=/a\\,b'               | /a,b
			'P=a\\\\b'               | a\\b
			'P=a\\tb'                | atb
			'P=a\\"b'                | a"b
			'A=sh -c "$u"'           | sh -c $u
			""")
	void readsValuesAsMunchstringMakesThem(String raw, String value) {
		assertThat(ProgMailer.value(new ProgMailer.Field(raw.charAt(0), raw))).isEqualTo(value);
	}

	@Test
	void turnsMunchstringsEscapesIntoControlCharacters() {
		assertThat(ProgMailer.value(new ProgMailer.Field('A', "A=a\\nb\\rc\\fd\\be"))).isEqualTo("a\nb\rc\fd\be");
		assertThat(ProgMailer.value(new ProgMailer.Field('A', "A=a\n\tb"))).isEqualTo("a\n\tb");
	}

	@Test
	void readsDebiansProgMailer() {
		assertThat(ProgMailer.of(DEBIAN)).isEqualTo(new ProgMailer("/bin/sh", "sh -c $u"));
	}

	@Test
	void readsLongFieldNamesByTheirFirstLetter() {
		assertThat(ProgMailer.of("Mprog, Path=/bin/sh, Flags=l, Argv=sh -c $u, p=x"))
			.isEqualTo(new ProgMailer("/bin/sh", "sh -c $u"));
	}

	@Test
	void letsTheLastPathAndArgvOfTheLineWin() {
		assertThat(ProgMailer.of("Mprog, P=/bin/sh, A=sh -c $u, P=/usr/sbin/smrsh, A=smrsh -c $u"))
			.isEqualTo(new ProgMailer("/usr/sbin/smrsh", "smrsh -c $u"));
	}

	@Test
	void skipsAnEmptyPathOrArgvAsMakemailerDoes() {
		assertThat(ProgMailer.of("Mprog, P=/bin/sh, P=, F=l, A=sh -c $u, A="))
			.isEqualTo(new ProgMailer("/bin/sh", "sh -c $u"));
		assertThat(ProgMailer.of("Mprog, P=\"\", A=\"\"")).isEqualTo(new ProgMailer(null, null));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			A=smrsh  -c  $u            | smrsh -c $u
			'A=sh\\f-c\\r$u'           | sh -c $u
			'A=sh\\t-c $u'             | sht-c $u
			'A=" sh -c $u"'            | ' sh -c $u'
			'A=\\ sh -c $u'            | ' sh -c $u'
			'A="sh -c $u "'            | sh -c $u
			'A=" "'                    | ''
			""")
	void splitsArgvIntoWordsAsMakeargvDoes(String field, String argv) {
		// A blank at the start gives an empty first word: sendmail lists "A= sh -c $u".
		assertThat(ProgMailer.of("Mprog, P=/bin/sh, F=l, " + field).argv()).isEqualTo(argv);
	}

	@Test
	void splitsArgvAtContinuationLineEnds() {
		assertThat(ProgMailer.of("Mprog, P=/bin/sh, F=l, A=sh\n\t-c\n\t$u").argv()).isEqualTo("sh -c $u");
	}

	@Test
	void definesNoMailerWithoutPathOrArgv() {
		// sendmail: "Mprog: P= argument required", "A= argument required".
		assertThat(ProgMailer.of("Mprog, F=l, A=sh -c $u").path()).isNull();
		assertThat(ProgMailer.of("Mprog, P=/usr/sbin/smrsh F=l A=smrsh").argv()).isNull();
		assertThat(ProgMailer.of("Mprog, P=/usr/sbin/smrsh F=l A=smrsh").path())
			.isEqualTo("/usr/sbin/smrsh F=l A=smrsh");
	}

	@Test
	void definesNoMailerWhereAFieldHasNoEqualsSign() {
		assertThat(ProgMailer.of("Mprog, P=/usr/sbin/smrsh, Fl, A=smrsh -c $u")).isEqualTo(new ProgMailer(null, null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/usr/sbin/smrsh", "smrsh", "/usr/lib/sm.bin/smrsh", "/usr/libexec/sendmail/smrsh" })
	void runsSmrshFromAnyDirectory(String path) {
		assertThat(new ProgMailer(path, "smrsh -c $u").runsSmrsh()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/bin/sh", "/usr/sbin/smrsh2", "/usr/sbin/notsmrsh", "/usr/sbin/smrsh/" })
	void runsNoSmrshUnderAnotherName(String path) {
		assertThat(new ProgMailer(path, "smrsh -c $u").runsSmrsh()).isFalse();
		assertThat(new ProgMailer(null, "smrsh -c $u").runsSmrsh()).isFalse();
	}

	@Test
	void knowsSmrshsArgvOnlyAsTheConsoleWritesIt() {
		assertThat(ProgMailer.isSmrshArgv("smrsh -c $u")).isTrue();
		assertThat(ProgMailer.isSmrshArgv(" smrsh -c $u")).isFalse();
		assertThat(ProgMailer.isSmrshArgv("sh -c $u")).isFalse();
		assertThat(ProgMailer.isSmrshArgv(null)).isFalse();
	}

}
