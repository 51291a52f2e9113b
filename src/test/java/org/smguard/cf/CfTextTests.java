package org.smguard.cf;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.policy.ManagedOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link CfText} reads a cf as sendmail 8.17's readcf does: statements folded as
 * fgetfolded folds them, comments, escapes and macros as translate_dollars treats them,
 * option names as setoption parses them and class names as macid_parse reads them. Each
 * expected value is what sendmail 8.17.1.9 itself printed (its {@code -d37.1} setoption
 * lines, {@code $=t} and messages) for the same line in the sandbox;
 * {@link ReadcfAgreementTests} repeats the cases against the real binary.
 */
class CfTextTests {

	@Test
	void splitsTextIntoPhysicalLinesAndRemembersTheLastLineEnd() {
		CfText cf = CfText.parse("V10\nO LogLevel=9\n");
		assertThat(cf.lines()).containsExactly("V10", "O LogLevel=9");
		assertThat(cf.endsWithNewline()).isTrue();
		assertThat(CfText.parse("V10").endsWithNewline()).isFalse();
		assertThat(CfText.parse("").lines()).isEmpty();
		assertThat(CfText.parse("").statements()).isEmpty();
	}

	@Test
	void foldsLinesThatStartWithABlankIntoTheStatementBeforeThemKeepingTheLineEnds() {
		List<CfText.Statement> statements = CfText.parse("O ForwardPath=a\n\tb\n c\nTx\n").statements();
		assertThat(statements).extracting(CfText.Statement::start, CfText.Statement::end)
			.containsExactly(tuple(0, 3), tuple(3, 4));
		assertThat(statements.get(0).text()).isEqualTo("O ForwardPath=a\n\tb\n c");
		assertThat(statements.get(0).read()).isEqualTo("O ForwardPath=a\n\tb\n c");
		assertThat(statements.get(0).logical()).isEqualTo("O ForwardPath=a\tb c");
	}

	@Test
	void readsACommentLineWithItsContinuationLinesAsOneComment() {
		// sendmail skips the folded "#O LogLevel=1\n\tO LogLevel=2" whole: LogLevel=3
		// only.
		List<CfText.Statement> statements = CfText.parse("#O LogLevel=1\n\tO LogLevel=2\nO LogLevel=3\n").statements();
		assertThat(statements).hasSize(2);
		assertThat(statements.get(0).read()).isNull();
		assertThat(statements.get(0).option()).isEmpty();
		assertThat(statements.get(1).option()).contains(new CfText.OptionLine("LogLevel", "3"));
	}

	@Test
	void foldsAContinuationAfterAnEmptyLineIntoAStatementThatSetsNothing() {
		// sendmail: unknown configuration line "\n\tO LogLevel=5".
		List<CfText.Statement> statements = CfText.parse("V10\n\n\tO LogLevel=5\n").statements();
		assertThat(statements).hasSize(2);
		assertThat(statements.get(1).read()).isEqualTo("\n\tO LogLevel=5");
		assertThat(statements.get(1).option()).isEmpty();
	}

	@Test
	void foldsABlankOnlyLineIntoTheStatementBeforeAndStripsIt() {
		List<CfText.Statement> statements = CfText.parse("V10\nO LogLevel=3\n \n").statements();
		assertThat(statements).hasSize(2);
		assertThat(statements.get(1).option()).contains(new CfText.OptionLine("LogLevel", "3"));
	}

	@Test
	void cutsHashCommentsOnlyOnceAVLineHasSetLevelThreeOrMore() {
		assertThat(values("O LogLevel=11 # x\nV2\nO LogLevel=11 # x\nV3\nO LogLevel=11 # x\n"))
			.containsExactly("11 # x", "11 # x", "11");
	}

	@Test
	void keepsCommentsInLinesBeforeTheVLine() {
		assertThat(values("O LogLevel=1 # x\nV10\nO LogLevel=11 # x\n")).containsExactly("1 # x", "11");
	}

	@Test
	void letsALaterVLineLowerTheLevelAgain() {
		assertThat(values("V10\nV2\nO ForwardPath=a #b\n")).containsExactly("a #b");
	}

	@Test
	void ignoresAVLineInsideAComment() {
		assertThat(values("V10\n#V2\nO ForwardPath=a #b\n")).containsExactly("a");
	}

	@ParameterizedTest
	@ValueSource(strings = { "V 3", "V\t3", "V3/Berkeley", "V 0003", "V10 #x", "V4294967299" })
	void readsTheVLevelWhereverSendmailFindsLevelThree(String vLine) {
		assertThat(values("V1\n" + vLine + "\nO ForwardPath=a #b\n")).containsExactly("a");
	}

	@ParameterizedTest
	@ValueSource(strings = { "V2147483648", "V4294967298", "V99999999999999999999" })
	void readsTheVLevelAsAnIntAsReadcfStoresStrtolsLong(String vLine) {
		// sendmail 8.17.1.9: ".cf file is version -2147483648", "version 2", "version
		// -1".
		assertThat(values(vLine + "\nO ForwardPath=a #b\n")).containsExactly("a #b");
	}

	@Test
	void convertsTheVLevelWithStrtolsOverflowAndIntTruncation() {
		assertThat(CfText.nextConfigLevel("V4294967299", 0)).isEqualTo(3);
		assertThat(CfText.nextConfigLevel("V2147483648", 0)).isEqualTo(Integer.MIN_VALUE);
		assertThat(CfText.nextConfigLevel("V99999999999999999999", 0)).isEqualTo(-1);
		assertThat(CfText.nextConfigLevel("V 0010/Debian", 0)).isEqualTo(10);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Vx", "V", "V+5", "V -3" })
	void keepsTheLevelForAVLineSendmailRefuses(String vLine) {
		// sendmail: invalid argument to V line.
		assertThat(CfText.nextConfigLevel(vLine, 10)).isEqualTo(10);
		assertThat(values("V10\n" + vLine + "\nO ForwardPath=a #b\n")).containsExactly("a");
	}

	@Test
	void leavesTheLevelAloneForOtherLines() {
		assertThat(CfText.nextConfigLevel("O LogLevel=9", 4)).isEqualTo(4);
		assertThat(CfText.nextConfigLevel(null, 4)).isEqualTo(4);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			a#b              | a
			a \\t #b         | a
			#b               | ''
			a\\#b            | a#b
			a\\\\#b          | a\\#b
			a$#b             | a$#b
			a$$#b            | a$$
			a$$$#b           | a$$$#b
			a$=#b            | a$=#b
			a$~#b            | a$~#b
			a$&#b            | a$&#b
			a$?#b            | a$?#b
			a${x#y}b         | a${x#y}b
			a$               | a$
			'a \\t '         | a
			""")
	void readsHashesEscapesAndMacrosAsTranslateDollarsDoes(String value, String read) {
		String unescaped = value.replace("\\t", "\t");
		assertThat(CfText.readcfText("O ForwardPath=" + unescaped, 10)).isEqualTo("O ForwardPath=" + read);
	}

	@Test
	void keepsABackslashBeforeAHashBelowLevelThree() {
		assertThat(CfText.readcfText("O ForwardPath=a\\#b", 2)).isEqualTo("O ForwardPath=a\\#b");
	}

	@Test
	void cutsACommentToTheEndOfItsPhysicalLineOnly() {
		// sendmail: a\n\tb\n e
		assertThat(CfText.readcfText("O ForwardPath=a # c\n\tb # d\n e", 10)).isEqualTo("O ForwardPath=a\n\tb\n e");
		// A comment on a continuation line takes its blanks, not the line end before it.
		assertThat(CfText.readcfText("O ForwardPath=a\n\t# c\n\tb", 10)).isEqualTo("O ForwardPath=a\n\n\tb");
	}

	@Test
	void stripsTrailingWhiteSpaceIncludingABlankContinuation() {
		assertThat(CfText.readcfText("O ForwardPath=a\n\t", 10)).isEqualTo("O ForwardPath=a");
		assertThat(CfText.readcfText("O ForwardPath=a \t\f", 10)).isEqualTo("O ForwardPath=a");
	}

	@Test
	void neverStripsTheFirstCharacter() {
		assertThat(CfText.readcfText(" ", 10)).isEqualTo(" ");
		assertThat(CfText.readcfText(" #x", 10)).isEqualTo(" ");
	}

	@Test
	void readsALineThatStartsWithAHashAsAComment() {
		assertThat(CfText.readcfText("#O LogLevel=9", 10)).isNull();
		assertThat(CfText.readcfText("#", 0)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			O LogLevel=9              | LogLevel       | 9
			O LogLevel   =   5        | LogLevel       | 5
			O logLEVEL=3              | LogLevel       | 3
			O LOGLEVEL=3              | LogLevel       | 3
			O LogLevel.x=4            | LogLevel       | 4
			O LogLevel=               | LogLevel       | ''
			O LogLevel                | LogLevel       | ''
			O LogLevel=a=b            | LogLevel       | a=b
			O Lo=2                    | LogLevel       | 2
			O Te=0600                 | TempFileMode   | 0600
			O Pri=noexpn              | PrivacyOptions | noexpn
			O Priv=goaway             | PrivacyOptions | goaway
			O Po=pm                   | PostmasterCopy | pm
			O Saf=/s                  | SafeFileEnvironment | /s
			O Forw=/f                 | ForwardPath    | /f
			O DefaultU=mail           | DefaultUser    | mail
			O defaultuser=mail        | DefaultUser    | mail
			O Timeout.queuereturn=5d  | Timeout        | 5d
			""")
	void readsLongOptionNamesAsSetoptionDoes(String line, String name, String value) {
		assertThat(CfText.optionOf(line)).contains(new CfText.OptionLine(name, value));
	}

	@ParameterizedTest
	@ValueSource(strings = { "O L=1", "O T=0600", "O Pr=x", "O Sa=/s", "O For=/f", "O Default=mail", "O L.x=1" })
	void leavesAnAmbiguousAbbreviationUnmanaged(String line) {
		// sendmail: ambiguous option name (matches LogLevel and LDAPDefaultSpec, ...).
		assertThat(CfText.optionOf(line)).get()
			.extracting(CfText.OptionLine::name)
			.isNotIn(ManagedOption.NAMES)
			.isEqualTo(line.substring(2, line.indexOf('=')).replace(".x", ""));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			O  LogLevel=6       | ' LogLevel'
			O Log Level=9       | Log Level
			O LogLevel 9        | LogLevel 9
			O LogLevel\\t=9     | LogLevel\\t
			""")
	void leavesANameSetoptionDoesNotKnowAsWritten(String line, String name) {
		// sendmail: unknown option name ...
		assertThat(CfText.optionOf(line.replace("\\t", "\t"))).get()
			.extracting(CfText.OptionLine::name)
			.isEqualTo(name.replace("\\t", "\t"));
	}

	@Test
	void skipsSpacesButNotTabsAfterTheEqualsSign() {
		// sendmail: setoption LogLevel (L)=\t9
		assertThat(CfText.optionOf("O LogLevel= \t9")).contains(new CfText.OptionLine("LogLevel", "\t9"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			OL9              | LogLevel       | 9
			OL 8             | LogLevel       | ' 8'
			OLx9             | LogLevel       | x9
			OLogLevel=9      | LogLevel       | ogLevel=9
			OF0600           | TempFileMode   | 0600
			OJ/x             | ForwardPath    | /x
			OP pm            | PostmasterCopy | ' pm'
			Op goaway        | PrivacyOptions | ' goaway'
			Ou8              | DefaultUser    | 8
			Og8              | g              | 8
			Og nogroup       | g              | ' nogroup'
			Ox1              | x              | 1
			""")
	void readsOneLetterOptionsWithTheUntrimmedRest(String line, String name, String value) {
		assertThat(CfText.optionOf(line)).contains(new CfText.OptionLine(name, value));
	}

	@Test
	void readsATabAfterOAsAOneLetterOptionSendmailDoesNotKnow() {
		// sendmail: unknown option name 0x9.
		assertThat(CfText.optionOf("O\tLogLevel=7")).contains(new CfText.OptionLine("\t", "LogLevel=7"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "O", "O =9", "O  =9", "T LogLevel", "", "#O LogLevel=9" })
	void findsNoManagedOptionInLinesThatSetNone(String line) {
		assertThat(CfText.optionOf(line).map(CfText.OptionLine::name)).isEmpty();
	}

	@Test
	void readsTheOptionACommentedOutLineWouldSet() {
		CfText.Statement statement = CfText.parse("V10\n#O PostmasterCopy=Postmaster\n").statements().get(1);
		assertThat(statement.option()).isEmpty();
		assertThat(statement.commentedOption()).contains(new CfText.OptionLine("PostmasterCopy", "Postmaster"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			't rest'          | t    | ' rest'
			{t}x              | t    | x
			'{ t}x'           | t    | x
			'{t }x'           | t    | x
			{T}x              | T    | x
			Tx                | T    | x
			{tt}x             | tt   | x
			{_t}x             | _t   | x
			{a$b}x            | ab   | x
			' t'              | ' '  | t
			-t foo            | -    | t foo
			'{ }q'            | ''   | q
			{abcdefghijklmnopqrstuvwxy}a | abcdefghijklmnopqrstuvwxy | a
			""")
	void readsClassNamesAsMacidParseDoes(String text, String name, String rest) {
		assertThat(CfText.ClassName.of(text)).contains(new CfText.ClassName(name, rest));
	}

	@Test
	void dropsTabsAndLineEndsInsideBracesFromAClassName() {
		// sendmail: Invalid macro/class character, then class t.
		assertThat(CfText.ClassName.of("{\tt}x")).contains(new CfText.ClassName("t", "x"));
		assertThat(CfText.ClassName.of("{t\n\t}x")).contains(new CfText.ClassName("t", "x"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{}", "{}x", "{t x", "{", "{abcdefghijklmnopqrstuvwxyz}b",
			"{abcdefghijklmnopqrstuvwxy }c" })
	void refusesAClassNameMacidParseRefuses(String text) {
		// sendmail: Name required, Unbalanced {, or too long (25 chars max).
		assertThat(CfText.ClassName.of(text)).isEmpty();
	}

	@Test
	void joinsLinesBackWithOrWithoutTheLastLineEnd() {
		assertThat(CfText.join(List.of("a", "b"), true)).isEqualTo("a\nb\n");
		assertThat(CfText.join(List.of("a", "b"), false)).isEqualTo("a\nb");
		assertThat(CfText.join(List.of(), true)).isEmpty();
	}

	/** The value of every option line, in order. */
	private static List<String> values(String cf) {
		return CfText.parse(cf)
			.statements()
			.stream()
			.flatMap((s) -> s.option().stream())
			.map(CfText.OptionLine::value)
			.toList();
	}

}
