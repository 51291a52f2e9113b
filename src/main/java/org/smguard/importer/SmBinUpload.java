package org.smguard.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smguard.policy.Policy;
import org.smguard.policy.Smrsh;
import org.smguard.validation.Rules;
import org.smguard.validation.ValidationException;

/**
 * Reads the part {@code smbin}: the smrsh programs of a host, from {@code ls -l} output
 * of its sm.bin directory or from a tar of it.
 * <p>
 * A program is a symbolic link directly in the directory: its name is the program's name,
 * its target (resolved against the policy's sm.bin directory when relative, and
 * normalized) the program smrsh runs. A regular file or a hard link there is a program
 * too, since smrsh would run it, but a copy whose original path the upload does not say
 * (a tar made with {@code -h} stores every link so): each is reported, to be added by
 * hand. In a tar the archived directory is the deepest directory that holds every entry,
 * so {@code tar -C /etc/mail/smrsh -cf x.tar .}, {@code tar -cf x.tar smrsh} and
 * {@code tar -czf x.tgz /etc/mail/smrsh} (with or without {@code -P}) read alike; an
 * entry in a subdirectory is not a program, and a name listed twice counts as tar
 * extracts it: the last copy.
 */
final class SmBinUpload {

	private static final String PART = "smbin";

	/** Two paths of at most 4,096 characters and the fields before them. */
	private static final int MAX_LINE_LENGTH = 10_000;

	private static final Pattern LS_LINK = Pattern.compile("\\Al\\S*\\s+.*?\\s(\\S+) -> (\\S+)\\z");

	private static final Pattern LS_ENTRY = Pattern.compile("\\A([-dlcbps])\\S*\\s+\\d+\\s+.*\\s(\\S+)\\z");

	private SmBinUpload() {
	}

	static Policy read(Policy policy, byte[] data, List<String> taken, List<String> ignored) {
		Smrsh smrsh = policy.smrsh();
		PartReport report = new PartReport(PART, taken, ignored);
		Map<String, String> programs = new LinkedHashMap<>();
		if (UploadedTar.isArchive(data)) {
			fromTar(data, smrsh.binDirectory(), programs, report);
		}
		else {
			fromListing(HostImporter.text(PART, data), smrsh.binDirectory(), programs, report);
		}
		report.finish();
		List<Smrsh.Program> list = programs.entrySet()
			.stream()
			.map((e) -> new Smrsh.Program(e.getKey(), e.getValue()))
			.toList();
		return policy.withSmrsh(new Smrsh(smrsh.enabled(), smrsh.smrshPath(), smrsh.binDirectory(), list));
	}

	private static void fromTar(byte[] data, String binDirectory, Map<String, String> programs, PartReport report) {
		List<UploadedTar.Entry> entries = UploadedTar.read(PART, data, false);
		String directory = UploadedTar.directory(entries);
		int files = 0;
		for (UploadedTar.Entry entry : entries) {
			if (report.ignoreUnextractable(entry)) {
				continue;
			}
			String name = UploadedTar.relative(entry.path(), directory);
			if (entry.type() == UploadedTar.Type.DIRECTORY) {
				continue;
			}
			files++;
			if (name.contains("/")) {
				report.ignore(PartReport.quote(entry.name())
						+ " is in a subdirectory: smrsh runs only programs directly in " + binDirectory);
				report.countIgnored("entry in a subdirectory|entries in subdirectories");
				continue;
			}
			switch (entry.type()) {
				case SYMLINK -> {
					if (add(programs, name, target(entry.link(), binDirectory), true)) {
						report.ignore(PartReport.quote(name)
								+ " appears more than once in the archive: the last copy was taken, as tar extracts it");
					}
				}
				case FILE -> {
					report.ignore(PartReport.quote(name) + " is a regular file: smrsh would run it, but it is a copy"
							+ " whose original path the archive does not say (tar -h stores links so); add it by"
							+ " hand with its target");
					report.countIgnored("regular file|regular files");
				}
				case HARD_LINK -> {
					report.ignore(PartReport.quote(name) + " is a hard link to " + PartReport.quote(entry.link())
							+ ": smrsh would run it, but it is a copy whose original path the archive does not say;"
							+ " add it by hand with its target");
					report.countIgnored("hard link|hard links");
				}
				default -> {
					report.ignore(PartReport.quote(name) + " is neither a link nor a regular file (a device or FIFO)");
					report.countIgnored("device or FIFO|devices or FIFOs");
				}
			}
		}
		String where = directory.isEmpty() ? "at the top of the archive" : "in " + PartReport.quote(directory);
		if (files == 0) {
			report.take("0 programs: the archive holds no file or link " + where);
		}
		else if (programs.isEmpty()) {
			report.take("0 programs, although the archive holds " + Rules.count(files) + " files and links " + where
					+ ": " + report.ignoredCounts() + "; smrsh programs are taken from symbolic links only");
		}
		else {
			report.take(PartReport.count(programs.size(), "program", "programs") + " from the symbolic links " + where
					+ (report.ignoredCounts().isEmpty() ? "" : "; not taken: " + report.ignoredCounts()));
		}
	}

	private static void fromListing(String text, String binDirectory, Map<String, String> programs, PartReport report) {
		int lines = 0;
		int number = 0;
		for (String raw : text.split("\n", -1)) {
			number++;
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("total ")) {
				continue;
			}
			if (line.length() > MAX_LINE_LENGTH) {
				throw new ValidationException(PART, "line " + number + " is longer than " + Rules.count(MAX_LINE_LENGTH)
						+ " characters, so it is not a line of ls -l output (or upload a tar of the directory)");
			}
			Matcher link = LS_LINK.matcher(line);
			if (link.matches()) {
				lines++;
				if (add(programs, link.group(1), target(link.group(2), binDirectory), false)) {
					report.ignore(PartReport.quote(link.group(1)) + " is listed more than once: taken once");
				}
				continue;
			}
			Matcher entry = LS_ENTRY.matcher(line);
			if (!entry.matches()) {
				throw new ValidationException(PART, "line " + number + ": " + PartReport.quote(line)
						+ " is not a line of ls -l output (or upload a tar of the directory)");
			}
			String name = entry.group(2);
			if (name.equals(".") || name.equals("..")) {
				continue;
			}
			lines++;
			if (entry.group(1).equals("d")) {
				report.ignore(PartReport.quote(name) + " is a subdirectory: smrsh runs only programs directly in "
						+ binDirectory);
				report.countIgnored("subdirectory|subdirectories");
			}
			else if (entry.group(1).equals("-")) {
				report.ignore(PartReport.quote(name) + " is a regular file: smrsh would run it, but its original"
						+ " path is unknown (ls -l shows the same for a copy and a hard link); add it by hand with"
						+ " its target");
				report.countIgnored("regular file|regular files");
			}
			else {
				report.ignore(PartReport.quote(name) + " is neither a link nor a regular file (a device, FIFO or"
						+ " socket)");
				report.countIgnored("device, FIFO or socket|devices, FIFOs or sockets");
			}
		}
		if (lines == 0) {
			report.take("0 programs: the ls -l listing shows no entry");
		}
		else if (programs.isEmpty()) {
			report.take("0 programs, although the ls -l listing shows " + Rules.count(lines) + " entries: "
					+ report.ignoredCounts() + "; smrsh programs are taken from symbolic links only");
		}
		else {
			report.take(PartReport.count(programs.size(), "program", "programs")
					+ " from the symbolic links of the ls -l listing"
					+ (report.ignoredCounts().isEmpty() ? "" : "; not taken: " + report.ignoredCounts()));
		}
	}

	/**
	 * Adds a program, the last copy winning or the first; refuses the upload as soon as
	 * it holds more programs than a policy may.
	 * @return whether the name was there already
	 */
	private static boolean add(Map<String, String> programs, String name, String target, boolean last) {
		boolean repeated = programs.containsKey(name);
		if (last || !repeated) {
			programs.put(name, target);
		}
		if (programs.size() > Smrsh.MAX_PROGRAMS) {
			throw new ValidationException(PART, "holds more than " + Rules.count(Smrsh.MAX_PROGRAMS)
					+ " programs; at most " + Rules.count(Smrsh.MAX_PROGRAMS) + " programs are allowed");
		}
		return repeated;
	}

	/** A link's target as an absolute path, the way the kernel would resolve it. */
	private static String target(String target, String binDirectory) {
		return normalize(target.startsWith("/") ? target : binDirectory + "/" + target);
	}

	/**
	 * Resolves {@code .} and {@code ..} in an absolute path, as the kernel would for a
	 * link.
	 */
	static String normalize(String path) {
		List<String> parts = new ArrayList<>();
		for (String part : path.split("/")) {
			if (part.isEmpty() || part.equals(".")) {
				continue;
			}
			if (part.equals("..")) {
				if (!parts.isEmpty()) {
					parts.remove(parts.size() - 1);
				}
				continue;
			}
			parts.add(part);
		}
		return "/" + String.join("/", parts);
	}

}
