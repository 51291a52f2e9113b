package org.smguard.importer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.smguard.policy.Policy;
import org.smguard.policy.Shells;
import org.smguard.validation.Rules;
import org.smguard.validation.ValidationException;

/**
 * Reads the part {@code shells}: {@code /etc/shells}, the way glibc's
 * {@code getusershell()} reads it, since that is what sendmail asks for a user's shell.
 * Per line (bytes up to {@code \n}, cut at a NUL byte): skip to the first {@code /}; a
 * line where {@code #} comes first, or with no {@code /}, gives nothing, and so does a
 * {@code /} that ends the file (or stands before a NUL). The shell runs from that
 * {@code /} up to the first white space ({@code ' ' \t \n \v \f \r}) or {@code #}. So
 * {@code /bin/sh # POSIX} is {@code /bin/sh}, {@code   /bin/bash} is {@code /bin/bash}
 * and {@code x/bin/ksh} is {@code /bin/ksh}. Text that glibc skips is reported, besides
 * blank and comment lines.
 */
final class ShellsFile {

	private static final String PART = "shells";

	private ShellsFile() {
	}

	/** One shell as getusershell() returns it, with the line it came from. */
	record Shell(int line, String bytes) {
	}

	static Policy read(Policy policy, byte[] data, List<String> taken, List<String> ignored) {
		PartReport report = new PartReport(PART, taken, ignored);
		LinkedHashSet<String> entries = new LinkedHashSet<>();
		boolean anyShell = false;
		for (Shell shell : parse(data, report)) {
			String name = utf8(shell);
			if (name.equals(Shells.ANY_SHELL)) {
				anyShell = true;
				report.ignore(Shells.ANY_SHELL + " taken as the allowAnyShell acknowledgement (never recommended)");
				continue;
			}
			if (!entries.add(name)) {
				report.ignore(PartReport.quote(name) + " is listed more than once: taken once");
			}
			if (entries.size() > Shells.MAX_ENTRIES) {
				throw new ValidationException(PART, "lists more than " + Rules.count(Shells.MAX_ENTRIES)
						+ " shells; at most " + Rules.count(Shells.MAX_ENTRIES) + " shells are allowed");
			}
		}
		report.take(PartReport.count(entries.size(), "valid shell", "valid shells"));
		report.finish();
		return policy.withShells(new Shells(List.copyOf(entries), anyShell));
	}

	/**
	 * The shells getusershell() would return for {@code data}, in order and with repeats,
	 * as ISO-8859-1 strings (one char per byte).
	 */
	static List<Shell> shells(byte[] data) {
		return parse(data, null);
	}

	private static List<Shell> parse(byte[] data, PartReport report) {
		List<Shell> shells = new ArrayList<>();
		int number = 0;
		for (int start = 0; start < data.length;) {
			number++;
			int newline = indexOf(data, (byte) '\n', start, data.length);
			int end = (newline >= 0) ? newline : data.length;
			int nul = indexOf(data, (byte) 0, start, end);
			// The C string fgets gives: the line with its \n, up to a NUL byte.
			int stringEnd = (nul >= 0) ? nul : end;
			boolean hasNewline = nul < 0 && newline >= 0;
			String line = new String(data, start, stringEnd - start, StandardCharsets.ISO_8859_1);
			start = end + 1;
			if (report != null && nul >= 0
					&& !blank(new String(data, nul + 1, end - nul - 1, StandardCharsets.ISO_8859_1))) {
				report.ignore("line " + number + ": a NUL byte ends the line for getusershell(); what follows is"
						+ " ignored");
			}
			int slash = line.indexOf('/');
			int hash = line.indexOf('#');
			if (slash < 0 || (hash >= 0 && hash < slash)) {
				String text = (hash >= 0) ? line.substring(0, hash) : line;
				if (report != null && !blank(text)) {
					report.ignore("line " + number + ": " + PartReport.quote(text.strip()) + " has no '/' before any"
							+ " '#', so getusershell() reads no shell from it");
				}
				continue;
			}
			if (slash == line.length() - 1 && !hasNewline) {
				if (report != null) {
					report.ignore("line " + number + ": a '/' that ends the file (or stands before a NUL byte) is"
							+ " skipped by getusershell()");
				}
				continue;
			}
			int stop = slash;
			while (stop < line.length() && !space(line.charAt(stop)) && line.charAt(stop) != '#') {
				stop++;
			}
			shells.add(new Shell(number, line.substring(slash, stop)));
			if (report == null) {
				continue;
			}
			if (!blank(line.substring(0, slash))) {
				report.ignore("line " + number + ": " + PartReport.quote(line.substring(0, slash).strip())
						+ " before the shell is ignored: getusershell() starts at the first '/'");
			}
			String rest = line.substring(stop);
			int comment = rest.indexOf('#');
			String after = (comment >= 0) ? rest.substring(0, comment) : rest;
			if (!blank(after)) {
				report.ignore("line " + number + ": " + PartReport.quote(after.strip()) + " after the shell is"
						+ " ignored: getusershell() ends the shell at the first white space");
			}
		}
		return shells;
	}

	private static int indexOf(byte[] data, byte b, int from, int to) {
		for (int i = from; i < to; i++) {
			if (data[i] == b) {
				return i;
			}
		}
		return -1;
	}

	/** C's isspace() in the C locale. */
	private static boolean space(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
	}

	private static boolean blank(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (!space(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The shell as text: strict UTF-8, since a shell name must match the file byte for
	 * byte.
	 */
	private static String utf8(Shell shell) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(shell.bytes().getBytes(StandardCharsets.ISO_8859_1)))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ValidationException(PART, "line " + shell.line() + ": the shell is not UTF-8 (or ASCII) text");
		}
	}

}
