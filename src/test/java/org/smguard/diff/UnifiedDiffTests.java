package org.smguard.diff;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.smguard.render.RenderedFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnifiedDiff}: hunks as diff and git print them, including a file that
 * was empty or ends without a newline, and git's headers for files added and removed.
 */
class UnifiedDiffTests {

	@Test
	void givesNothingForEqualTexts() {
		assertThat(UnifiedDiff.hunks("a\nb\n", "a\nb\n")).isEmpty();
		assertThat(UnifiedDiff.file("x", file("a\n"), file("a\n"))).isEmpty();
	}

	@Test
	void keepsThreeLinesOfContextAndSplitsDistantChangesIntoHunks() {
		String from = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
		String to = "1\nzwei\n3\n4\n5\n6\n7\n8\n9\n10\n11\nzwölf\n";
		assertThat(UnifiedDiff.hunks(from, to)).containsExactly("@@ -1,5 +1,5 @@", " 1", "-2", "+zwei", " 3", " 4",
				" 5", "@@ -9,4 +9,4 @@", " 9", " 10", " 11", "-12", "+zwölf");
	}

	@Test
	void startsAnEmptySideAtLineZero() {
		assertThat(UnifiedDiff.hunks("", "a\nb\n")).containsExactly("@@ -0,0 +1,2 @@", "+a", "+b");
		assertThat(UnifiedDiff.hunks("a\nb\n", "")).containsExactly("@@ -1,2 +0,0 @@", "-a", "-b");
	}

	@Test
	void marksALastLineWithoutNewline() {
		assertThat(UnifiedDiff.hunks("a\nb", "a\nb\n")).containsExactly("@@ -1,2 +1,2 @@", " a", "-b",
				"\\ No newline at end of file", "+b");
		assertThat(UnifiedDiff.hunks("a\nb", "c\nb")).containsExactly("@@ -1,2 +1,2 @@", "-a", "+c", " b",
				"\\ No newline at end of file");
	}

	@Test
	void writesGitHeadersForAModifiedFile() {
		assertThat(UnifiedDiff.file("shells", file("/bin/sh\n"), file("/bin/sh\n/bin/bash\n"))).containsExactly(
				"diff --git a/shells b/shells", "--- a/shells", "+++ b/shells", "@@ -1 +1,2 @@", " /bin/sh",
				"+/bin/bash");
	}

	@Test
	void comparesAFileOnlyOneSideHasWithDevNull() {
		assertThat(UnifiedDiff.file("bob.forward", null, file("bob@example.org\n"))).containsExactly(
				"diff --git a/bob.forward b/bob.forward", "new file mode 100644", "--- /dev/null", "+++ b/bob.forward",
				"@@ -0,0 +1 @@", "+bob@example.org");
		assertThat(UnifiedDiff.file("bob.forward", file("bob@example.org\n"), null)).containsExactly(
				"diff --git a/bob.forward b/bob.forward", "deleted file mode 100644", "--- a/bob.forward",
				"+++ /dev/null", "@@ -1 +0,0 @@", "-bob@example.org");
	}

	@Test
	void writesOnlyTheHeaderOfAnEmptyFileAddedOrRemoved() {
		assertThat(UnifiedDiff.file("dave.forward", null, file("")))
			.containsExactly("diff --git a/dave.forward b/dave.forward", "new file mode 100644");
		assertThat(UnifiedDiff.file("dave.forward", file(""), null))
			.containsExactly("diff --git a/dave.forward b/dave.forward", "deleted file mode 100644");
	}

	@Test
	void tellsEachLineOfADiffWhatItIs() {
		VersionDiff.FileDiff diff = new VersionDiff.FileDiff("x", "/x", VersionDiff.Status.MODIFIED,
				List.of("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1,2 +1,2 @@", "--- a", "+++ b", " c",
						"\\ No newline at end of file"));
		assertThat(diff.rows()).extracting(VersionDiff.Line::cssClass)
			.containsExactly("diff-header", "diff-header", "diff-header", "diff-hunk", "diff-removed", "diff-added",
					"diff-context", "diff-note");
	}

	private static RenderedFile file(String content) {
		return new RenderedFile("x", "/x", "root:root", "0644", content);
	}

}
