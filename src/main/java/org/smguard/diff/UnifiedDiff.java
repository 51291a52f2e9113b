package org.smguard.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import org.smguard.render.RenderedFile;

/**
 * Unified diffs of rendered files, as {@code git diff} prints them, so that
 * {@code git apply} or {@code patch -p1} turn the files of one version into those of the
 * other. Pure functions.
 */
final class UnifiedDiff {

	/** Lines of context around each change, as {@code diff -u} and git use. */
	static final int CONTEXT = 3;

	private static final String NO_NEWLINE = "\\ No newline at end of file";

	private static final Pattern HUNK = Pattern.compile("\\A@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@\\z");

	private UnifiedDiff() {
	}

	/**
	 * The whole diff of one file: {@code diff --git a/<name> b/<name>}, for a file added
	 * or removed its mode line, the {@code ---}/{@code +++} headers and the hunks. A file
	 * added or removed empty has no headers or hunks, as in git. Empty when the files are
	 * equal.
	 * @param from the file in the version compared from, or {@code null} when it has none
	 * @param to the file in the version compared to, or {@code null} when it has none
	 */
	static List<String> file(String name, RenderedFile from, RenderedFile to) {
		String before = (from != null) ? from.content() : "";
		String after = (to != null) ? to.content() : "";
		if (from != null && to != null && before.equals(after)) {
			return List.of();
		}
		List<String> lines = new ArrayList<>();
		lines.add("diff --git a/" + name + " b/" + name);
		if (from == null) {
			lines.add("new file mode " + gitMode(to));
		}
		else if (to == null) {
			lines.add("deleted file mode " + gitMode(from));
		}
		List<String> hunks = hunks(before, after);
		if (!hunks.isEmpty()) {
			lines.add("--- " + ((from != null) ? "a/" + name : "/dev/null"));
			lines.add("+++ " + ((to != null) ? "b/" + name : "/dev/null"));
			lines.addAll(hunks);
		}
		return lines;
	}

	/**
	 * The hunks that turn {@code from} into {@code to}, with {@value #CONTEXT} lines of
	 * context; empty when the texts are equal. A last line without a newline is followed
	 * by {@code \ No newline at end of file}.
	 */
	static List<String> hunks(String from, String to) {
		List<String> before = lines(from);
		List<String> after = lines(to);
		Patch<String> patch = DiffUtils.diff(before, after);
		List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("a", "b", before, patch, CONTEXT);
		List<String> hunks = new ArrayList<>();
		// The first two lines are the headers asked for above.
		for (String line : unified.subList(Math.min(2, unified.size()), unified.size())) {
			if (line.startsWith("@@")) {
				hunks.add(hunkHeader(line));
			}
			else {
				int end = line.indexOf('\n');
				if (end < 0) {
					hunks.add(line);
				}
				else {
					hunks.add(line.substring(0, end));
					hunks.add(NO_NEWLINE);
				}
			}
		}
		return hunks;
	}

	/**
	 * The lines of a text. A last line without a newline keeps a newline and the marker
	 * after it, so that it differs from the same line with a newline and the marker
	 * follows it in the diff, as diff prints it.
	 */
	private static List<String> lines(String text) {
		if (text.isEmpty()) {
			return List.of();
		}
		List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
		String last = lines.remove(lines.size() - 1);
		if (!last.isEmpty()) {
			lines.add(last + "\n" + NO_NEWLINE);
		}
		return lines;
	}

	/**
	 * A hunk header as diff writes it: a side with no lines starts at the line before
	 * ({@code -0,0} for a file that was empty), where java-diff-utils writes the line
	 * after.
	 */
	private static String hunkHeader(String header) {
		Matcher numbers = HUNK.matcher(header);
		if (!numbers.matches()) {
			return header;
		}
		int fromStart = Integer.parseInt(numbers.group(1));
		int fromCount = Integer.parseInt(numbers.group(2));
		int toStart = Integer.parseInt(numbers.group(3));
		int toCount = Integer.parseInt(numbers.group(4));
		return "@@ -" + range((fromCount == 0) ? fromStart - 1 : fromStart, fromCount) + " +"
				+ range((toCount == 0) ? toStart - 1 : toStart, toCount) + " @@";
	}

	/** {@code start,count}, or {@code start} alone for one line, as diff writes it. */
	private static String range(int start, int count) {
		return (count == 1) ? Integer.toString(start) : start + "," + count;
	}

	/** git's mode of a regular file with the rendered file's permissions. */
	private static String gitMode(RenderedFile file) {
		String mode = file.mode();
		return "100" + mode.substring(mode.length() - 3);
	}

}
