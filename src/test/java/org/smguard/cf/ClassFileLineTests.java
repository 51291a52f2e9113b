package org.smguard.cf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ClassFileLine} reads an {@code F} line as readcf does: the class as macid_parse
 * reads it, an optional {@code -o} word, a map spec or a program, or a file as
 * extrquotstr extracts it, then the scanf pattern. The files are those sendmail 8.17.1.9
 * tried to open for the same lines ("fileclass: cannot open ..."), and the classes and
 * patterns those it filled from a trusted-users file bound into the sandbox;
 * {@link ReadcfAgreementTests} repeats the files against the real binary.
 */
class ClassFileLineTests {

	@Test
	void readsAPlainFileWithTheDefaultPattern() {
		assertThat(ClassFileLine.of("Ft/etc/mail/trusted-users"))
			.contains(new ClassFileLine("t", false, "/etc/mail/trusted-users", "%s", false, false));
	}

	@Test
	void readsDebiansOptionalFileWithItsPattern() {
		assertThat(ClassFileLine.of("Ft-o /etc/mail/trusted-users %[^#]"))
			.contains(new ClassFileLine("t", true, "/etc/mail/trusted-users", "%[^#]", false, false));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ft -o /etc/x", "Ft-o\t/etc/x", "Ft-oo /etc/x", "Ft -optional /etc/x" })
	void takesAnyWordThatStartsWithDashOAsOptional(String line) {
		assertThat(ClassFileLine.of(line)).get().satisfies((ft) -> {
			assertThat(ft.optional()).isTrue();
			assertThat(ft.file()).isEqualTo("/etc/x");
		});
	}

	@Test
	void readsNoFileWhenTheFileIsJoinedToDashO() {
		// sendmail: fileclass: missing file name.
		assertThat(ClassFileLine.of("Ft-o/etc/x")).get().satisfies((ft) -> {
			assertThat(ft.optional()).isTrue();
			assertThat(ft.file()).isEmpty();
		});
		assertThat(ClassFileLine.of("Ft")).get().extracting(ClassFileLine::file).isEqualTo("");
	}

	@Test
	void readsAnotherDashWordAsTheFile() {
		// sendmail: fileclass: cannot open '-x'.
		assertThat(ClassFileLine.of("Ft -x /etc/x"))
			.contains(new ClassFileLine("t", false, "-x", "/etc/x", false, false));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Ft/etc/x  %[^#]            | /etc/x            | %[^#]
			Ft /etc/x %[^:]            | /etc/x            | %[^:]
			Ft/etc/x\\t%[^#]           | /etc/x\\t%[^#]    | %s
			'Ft/etc/x \\n\\t%[^#]'     | /etc/x            | %[^#]
			Ft/etc/x\\n\\t%[^#]        | /etc/x\\n\\t%[^#] | %s
			""")
	void endsTheFileAtTheFirstSpaceNotAtATab(String line, String file, String pattern) {
		assertThat(ClassFileLine.of(unescape(line)))
			.contains(new ClassFileLine("t", false, unescape(file), pattern, false, false));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			'Ft"/etc/mail/tu"'               | /etc/mail/tu         | %s
			'Ft"/etc/mail/no such"'          | /etc/mail/no such    | %s
			'Ft/etc/mail/no" "such'          | /etc/mail/no such    | %s
			'Ft"/etc/mail/tu" %[^#]'         | /etc/mail/tu         | %[^#]
			'Ft/etc/mail/no\\ such'          | /etc/mail/no         | such
			'Ft/etc/mail/a\\b'               | /etc/mail/a\\b       | %s
			""")
	void readsTheFileAsExtrquotstrExtractsIt(String line, String file, String pattern) {
		assertThat(ClassFileLine.of(line)).contains(new ClassFileLine("t", false, file, pattern, false, false));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ft\"/etc/mail/tu", "Ft/etc/mail/\\\"q", "Ft/etc/mail/tu\\" })
	void readsNoLineWhereAQuoteOrBackslashIsLeftOpen(String line) {
		// sendmail: illegal filename, and the class is not filled.
		assertThat(ClassFileLine.of(line)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ft|/usr/bin/list", "Ft|/usr/bin/list %[^#]", "Ft\"|/usr/bin/list\"", "Ft\"|\"x",
			"Ft -o |/usr/bin/list", "F{ t}|x" })
	void readsAProgramWithTheDefaultPattern(String line) {
		assertThat(ClassFileLine.of(line)).get().satisfies((ft) -> {
			assertThat(ft.program()).isTrue();
			assertThat(ft.map()).isFalse();
			assertThat(ft.pattern()).isEqualTo("%s");
			assertThat(ft.file()).startsWith("|");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ft\\|x", "Ft\" |x\"", "Ft/bin/|x" })
	void readsNoProgramWhereTheFileDoesNotStartWithABar(String line) {
		assertThat(ClassFileLine.of(line)).get().extracting(ClassFileLine::program).isEqualTo(false);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Ft key@hash:/etc/x         | key@hash:/etc/x
			Ft@LDAP                    | @LDAP
			Ft -o k@hash:/x %s         | k@hash:/x %s
			Ft k@program:/bin/sh x     | k@program:/bin/sh x
			""")
	void readsAMapSpecWholeWithTheDefaultPattern(String line, String spec) {
		assertThat(ClassFileLine.of(line)).get().satisfies((ft) -> {
			assertThat(ft.map()).isTrue();
			assertThat(ft.program()).isFalse();
			assertThat(ft.file()).isEqualTo(spec);
			assertThat(ft.pattern()).isEqualTo("%s");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ftx@LDAPx", "Ft a@:b", "Ft/etc/a@b:c", "Ft|a@b:c", "Ft a@b" })
	void readsNoMapWithoutAnAtSignFollowedByAClassAndColon(String line) {
		assertThat(ClassFileLine.of(line)).get().extracting(ClassFileLine::map).isEqualTo(false);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Ft/x          | t
			F{t}/x        | t
			'F{ t}/x'     | t
			'F{t }/x'     | t
			Fw/x          | w
			F{T}/x        | T
			F{tt}/x       | tt
			""")
	void readsTheClassAsMacidParseDoes(String line, String name) {
		assertThat(ClassFileLine.of(line)).get().extracting(ClassFileLine::className).isEqualTo(name);
		assertThat(ClassFileLine.of(line).get().isClassT()).isEqualTo(name.equals("t"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "F{}/x", "F", "F{t /x", "Tt/x", "#Ft/x" })
	void readsNoLineWhereThereIsNoFLineOrNoClass(String line) {
		assertThat(ClassFileLine.of(line)).isEmpty();
	}

	@Test
	void readsNothingFromNoText() {
		assertThat(ClassFileLine.of(null)).isEmpty();
	}

	private static String unescape(String text) {
		return text.replace("\\t", "\t").replace("\\n", "\n");
	}

}
