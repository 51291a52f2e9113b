package org.smguard.smrsh;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How {@link ShellLine} reads a line the way dash does.
 */
class ShellLineTests {

	private static ShellLine parse(String line) throws ShellLine.SyntaxError {
		return ShellLine.parse(line.getBytes(StandardCharsets.UTF_8));
	}

	private static List<String> words(String line) throws ShellLine.SyntaxError {
		ShellLine parsed = parse(line);
		assertThat(parsed.lists()).hasSize(1);
		assertThat(parsed.lists().get(0).pipelines()).hasSize(1);
		assertThat(parsed.lists().get(0).pipelines().get(0).commands()).hasSize(1);
		return parsed.lists().get(0).pipelines().get(0).commands().get(0).stream().map(ShellLineTests::text).toList();
	}

	private static String text(ShellLine.Word word) {
		return new String(word.bytes(), StandardCharsets.UTF_8);
	}

	@Test
	void splitsWordsOnSpacesAndTabsOnly() throws Exception {
		assertThat(words("a  b\tc\u000bd")).containsExactly("a", "b", "c\u000bd");
	}

	@Test
	void removesQuotesAndBackslashes() throws Exception {
		assertThat(words("p \"a b\" 'c d' e\\ f \"\" ''")).containsExactly("p", "a b", "c d", "e f", "", "");
		assertThat(words("p \"a\\\"b\\\\c\\d\" 'a\\b'")).containsExactly("p", "a\"b\\c\\d", "a\\b");
		assertThat(words("p a\\")).as("a backslash at the end stays").containsExactly("p", "a\\");
	}

	@Test
	void endsTheLineAtACommentThatStartsAWord() throws Exception {
		assertThat(words("p a #b && c")).containsExactly("p", "a");
		assertThat(words("p a#b")).containsExactly("p", "a#b");
		assertThat(words("p '#'")).containsExactly("p", "#");
	}

	@Test
	void keepsOperatorsInsideQuotes() throws Exception {
		assertThat(words("p \"a &&q b\" c")).containsExactly("p", "a &&q b", "c");
	}

	@Test
	void readsAndOrListsPipelinesAndBackgroundJobs() throws Exception {
		ShellLine line = parse("a x &&b || c \\&&d \\||e");
		assertThat(line.lists()).hasSize(2);
		ShellLine.AndOr first = line.lists().get(0);
		assertThat(first.operators()).containsExactly("&&", "||");
		assertThat(first.background()).isTrue();
		assertThat(first.pipelines().get(2).commands().get(0).stream().map(ShellLineTests::text)).containsExactly("c",
				"&");
		ShellLine.AndOr second = line.lists().get(1);
		assertThat(second.background()).isFalse();
		assertThat(second.pipelines().get(0).commands()).hasSize(2);
		assertThat(second.pipelines().get(0).commands().get(0).stream().map(ShellLineTests::text)).containsExactly("d",
				"|");
	}

	@Test
	void failsLikeDashOnUnfinishedLines() {
		assertThatExceptionOfType(ShellLine.SyntaxError.class).isThrownBy(() -> parse("a &&"))
			.withMessage("Syntax error: end of file unexpected");
		assertThatExceptionOfType(ShellLine.SyntaxError.class).isThrownBy(() -> parse("a \\||"))
			.withMessage("Syntax error: end of file unexpected");
		assertThatExceptionOfType(ShellLine.SyntaxError.class).isThrownBy(() -> parse("a \"b"))
			.withMessage("Syntax error: Unterminated quoted string");
		assertThatExceptionOfType(ShellLine.SyntaxError.class).isThrownBy(() -> parse("a 'b"))
			.withMessage("Syntax error: Unterminated quoted string");
		assertThatExceptionOfType(ShellLine.SyntaxError.class).isThrownBy(() -> parse("a && && b"))
			.withMessage("Syntax error: \"&&\" unexpected");
	}

	@Test
	void allowsABackgroundJobAtTheEnd() throws Exception {
		ShellLine line = parse("a \\&&");
		assertThat(line.lists()).hasSize(1);
		assertThat(line.lists().get(0).background()).isTrue();
	}

	@Test
	void marksUnquotedPatternsAndUserTildes() throws Exception {
		ShellLine line = parse("p * '*' \\? x[a] ~root ~ ~/x '~root' a~b");
		List<ShellLine.Word> words = line.lists().get(0).pipelines().get(0).commands().get(0);
		assertThat(words.stream().map(ShellLine.Word::isPattern)).containsExactly(false, true, false, false, true,
				false, false, false, false, false);
		assertThat(words.stream().map(ShellLine.Word::hasUserTilde)).containsExactly(false, false, false, false, false,
				true, false, false, false, false);
	}

}
