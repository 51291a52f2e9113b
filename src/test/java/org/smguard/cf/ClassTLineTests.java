package org.smguard.cf;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.policy.TrustedUsers.LineStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ClassTLine} finds the lines that add names to class t as readcf does: every
 * {@code T} line, and a {@code C} line whose class macid_parse reads as t; names split at
 * any ASCII white space. What sendmail 8.17.1.9 put in class t ({@code $=t}) for the same
 * lines is the expected value; {@link ReadcfAgreementTests} repeats them against the real
 * binary.
 */
class ClassTLineTests {

	@Test
	void readsTheNamesOfATLine() {
		assertThat(ClassTLine.of("Troot daemon")).contains(new ClassTLine(LineStyle.T, List.of("root", "daemon")));
		assertThat(ClassTLine.of("T root")).contains(new ClassTLine(LineStyle.T, List.of("root")));
	}

	@Test
	void splitsNamesAtEveryAsciiBlankAndContinuationLineEnd() {
		assertThat(ClassTLine.of("T baz\tqux\n\tquux  a\u000bb\fc\rd"))
			.contains(new ClassTLine(LineStyle.T, List.of("baz", "qux", "quux", "a", "b", "c", "d")));
	}

	@Test
	void keepsANonAsciiSpaceInsideAName() {
		assertThat(ClassTLine.of("Ta\u2003b")).contains(new ClassTLine(LineStyle.T, List.of("a\u2003b")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ct x", "Ctx", "C{t}x", "C{ t}x", "C{t }x", "C{\tt}x", "C{t\n\t}x" })
	void readsACLineOfClassT(String line) {
		assertThat(ClassTLine.of(line)).contains(new ClassTLine(LineStyle.Ct, List.of("x")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "CT x", "C{T}x", "C{tt}x", "C{_t}x", "Cw t", "C t x", "C{}t", "C{t x", "C", "C-t x" })
	void skipsACLineOfAnotherClassOrNone(String line) {
		assertThat(ClassTLine.of(line)).isEmpty();
	}

	@Test
	void readsADashAfterTAsPartOfTheName() {
		// Debian's sendmail is built without _FFR_CLASS_RM_ENTRY: T-foo adds "-foo".
		assertThat(ClassTLine.of("T-foo")).contains(new ClassTLine(LineStyle.T, List.of("-foo")));
	}

	@Test
	void readsEmptyClassLines() {
		assertThat(ClassTLine.of("T")).contains(new ClassTLine(LineStyle.T, List.of()));
		assertThat(ClassTLine.of("Ct")).contains(new ClassTLine(LineStyle.Ct, List.of()));
	}

	@Test
	void keepsTheSpellingOfNamesAndMacros() {
		// Class t is matched without case by sendmail; the line keeps what it says.
		assertThat(ClassTLine.of("T Root $w a#b")).contains(new ClassTLine(LineStyle.T, List.of("Root", "$w", "a#b")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "O T=x", "Ft/etc/x", "#Troot", "Mt, P=/x, A=x" })
	void skipsOtherLines(String line) {
		assertThat(ClassTLine.of(line)).isEmpty();
	}

	@Test
	void readsNothingFromAComment() {
		assertThat(ClassTLine.of(null)).isEmpty();
	}

}
