package org.smguard.cf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link TrustedUsersFileFormat} reads a trusted-users file as fileclass does: lines that
 * start with {@code #} skipped, each other line through the {@code Ft} line's scanf
 * pattern, the words of the match into class t. The expected names are those sendmail
 * 8.17.1.9 put in class t ({@code $=t}) from the same file, bound into its sandbox and
 * read with {@code Ft/etc/mail/tu} and {@code Ft/etc/mail/tu %[^\#]}.
 */
class TrustedUsersFileFormatTests {

	/** Every kind of line the sandboxed sendmail read. */
	private static final String FILE = "alice bob\n#carol\n  dave # eve\n\n\tfrank\ngina#hal\n# ivan\nJohn\r\n"
			+ "kate\u001c lee\nmike\u2003nick\n\u001cpat x\n\u2003quinn y\n";

	@Test
	void readsTheFirstWordOfEachLineWithoutAPattern() {
		assertThat(TrustedUsersFileFormat.names(FILE, "%s")).containsExactly("alice", "dave", "frank", "gina#hal",
				"John", "kate\u001c", "mike\u2003nick", "\u001cpat", "\u2003quinn");
	}

	@Test
	void readsEveryWordUpToAHashWithDebiansPattern() {
		assertThat(TrustedUsersFileFormat.names(FILE, "%[^#]")).containsExactly("alice", "bob", "dave", "frank", "gina",
				"John", "kate\u001c", "lee", "mike\u2003nick", "\u001cpat", "x", "\u2003quinn", "y");
	}

	@Test
	void readsAHashAfterBlanksAsAWordWithoutAPattern() {
		// Only a '#' first on the line skips it: scanf's %s then reads "#".
		assertThat(TrustedUsersFileFormat.names(" # comment\n", "%s")).containsExactly("#");
		assertThat(TrustedUsersFileFormat.names(" # comment\n", "%[^#]")).isEmpty();
	}

	@Test
	void readsALastLineWithoutALineEnd() {
		assertThat(TrustedUsersFileFormat.names("root\nsmmsp", "%s")).containsExactly("root", "smmsp");
		assertThat(TrustedUsersFileFormat.names("", "%[^#]")).isEmpty();
	}

	@Test
	void keepsNamesThatRepeat() {
		assertThat(TrustedUsersFileFormat.names("root\nroot\nRoot\n", "%s")).containsExactly("root", "root", "Root");
	}

	@ParameterizedTest
	@ValueSource(strings = { "%s", "%[^#]" })
	void readsThePatternsTheConsoleRenders(String pattern) {
		assertThat(TrustedUsersFileFormat.readable(pattern)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "%[^:]", "%[^\\#]", "%d", "x%s", "%[^#] ", "" })
	void refusesAnyOtherPatternRatherThanGuess(String pattern) {
		assertThat(TrustedUsersFileFormat.readable(pattern)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedUsersFileFormat.names("root\n", pattern));
	}

}
