package org.smguard.importer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.validation.Rules;
import org.smguard.validation.ValidationException;

/**
 * Reads the part {@code forwards}: a tar (or {@code .tar.gz}) of the ForwardPath override
 * directory, read as sendmail would read that directory on the host.
 * <p>
 * The archived directory is the deepest directory that holds every entry (see
 * {@link UploadedTar#directory}); it stands for the policy's override directory. Each
 * {@code <user>.forward} directly in it is an override:
 * <ul>
 * <li>a regular file with its content;</li>
 * <li>a hard link with the content of the member it links;</li>
 * <li>a symbolic link with the content of the file it leads to, resolved one path segment
 * at a time as the kernel does: relative to the link's directory, through other links in
 * the archive, and with absolute targets inside the override directory (the policy's, or
 * the full path the archive's names spell, as {@code tar -czf x.tgz
 * /usr/local/etc/forwards} stores) mapped back into the archive.</li>
 * </ul>
 * A link that leads out of the archived directory, to nothing (dangling), to a directory,
 * or round in a loop cannot be resolved from the upload: it is ignored, with the reason.
 * A dangling link is what the host has too: sendmail finds no file there and reads the
 * next ForwardPath file. Everything else (subdirectories, other names, devices) is
 * ignored with the reason, and a name archived twice counts as tar extracts it: the last
 * copy.
 */
final class ForwardsArchive {

	private static final String PART = "forwards";

	private static final String SUFFIX = ".forward";

	/** The kernel's limit of symbolic links followed in one lookup (ELOOP). */
	private static final int MAX_LINKS = 40;

	private final Map<String, UploadedTar.Entry> members = new LinkedHashMap<>();

	private final Set<String> directories = new HashSet<>();

	private final String directory;

	private final String hostDirectory;

	private final String spelledDirectory;

	private ForwardsArchive(List<UploadedTar.Entry> entries, String hostDirectory) {
		this.directory = UploadedTar.directory(entries);
		this.hostDirectory = hostDirectory;
		this.spelledDirectory = this.directory.isEmpty() ? null : "/" + this.directory;
		this.directories.add(this.directory);
		for (UploadedTar.Entry entry : entries) {
			if (entry.path() == null) {
				continue;
			}
			this.members.remove(entry.path());
			this.members.put(entry.path(), entry);
			for (String parent = entry.path(); parent.length() > this.directory.length();) {
				parent = UploadedTar.parent(parent);
				this.directories.add(parent);
			}
		}
	}

	static Policy read(Policy policy, byte[] data, List<String> taken, List<String> ignored) {
		if (!UploadedTar.isArchive(data)) {
			throw new ValidationException(PART, "must be a tar archive (optionally gzip-compressed) of the"
					+ " override directory, e.g. tar -C /usr/local/etc/forwards -cf forwards.tar .");
		}
		List<UploadedTar.Entry> entries = UploadedTar.read(PART, data, true);
		PartReport report = new PartReport(PART, taken, ignored);
		List<Forwards.OverrideFile> overrides = new ForwardsArchive(entries, policy.forwards().directory())
			.overrides(entries, report);
		report.finish();
		return policy.withForwards(new Forwards(policy.forwards().directory(), overrides));
	}

	private List<Forwards.OverrideFile> overrides(List<UploadedTar.Entry> entries, PartReport report) {
		Map<String, String> overrides = new LinkedHashMap<>();
		Map<String, Integer> copies = new HashMap<>();
		int files = 0;
		for (UploadedTar.Entry entry : entries) {
			if (report.ignoreUnextractable(entry)) {
				continue;
			}
			if (entry.type() == UploadedTar.Type.DIRECTORY) {
				continue;
			}
			files++;
			int copy = copies.merge(entry.path(), 1, Integer::sum);
			if (this.members.get(entry.path()) != entry) {
				continue;
			}
			String name = UploadedTar.relative(entry.path(), this.directory);
			if (name.contains("/")) {
				report.ignore(PartReport.quote(entry.name()) + " is in a subdirectory: sendmail reads only "
						+ this.hostDirectory + "/<user>.forward");
				report.countIgnored("entry in a subdirectory|entries in subdirectories");
				continue;
			}
			if (!name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
				report.ignore(PartReport.quote(entry.name()) + " is not a <user>.forward file");
				report.countIgnored("other name|other names");
				continue;
			}
			Found found = content(entry);
			if (found.problem() != null) {
				report.ignore(PartReport.quote(entry.name()) + " " + found.problem());
				report.countIgnored(found.kind());
				continue;
			}
			if (copy > 1) {
				report.ignore(PartReport.quote(entry.name())
						+ " appears more than once in the archive: the last copy was taken, as tar extracts it");
			}
			overrides.put(name.substring(0, name.length() - SUFFIX.length()), text(entry, found.file()));
			report.countTaken(found.kind());
			if (overrides.size() > Forwards.MAX_OVERRIDES) {
				throw new ValidationException(PART,
						"holds more than " + Rules.count(Forwards.MAX_OVERRIDES) + " override files; at most "
								+ Rules.count(Forwards.MAX_OVERRIDES) + " override files are allowed");
			}
		}
		String where = this.directory.isEmpty() ? "at the top of the archive"
				: "in " + PartReport.quote(this.directory);
		if (files == 0) {
			report.take("0 override files: the archive holds no file or link " + where);
		}
		else if (overrides.isEmpty()) {
			report.take("0 override files, although the archive holds " + Rules.count(files) + " files and links "
					+ where + ": " + report.ignoredCounts());
		}
		else {
			report.take(PartReport.count(overrides.size(), "override file", "override files") + " " + where + ": "
					+ report.takenCounts()
					+ (report.ignoredCounts().isEmpty() ? "" : "; not taken: " + report.ignoredCounts()));
		}
		return overrides.entrySet().stream().map((e) -> new Forwards.OverrideFile(e.getKey(), e.getValue())).toList();
	}

	/**
	 * The regular file an override entry stands for, or why there is none; with the kind
	 * of entry for the report's counts.
	 */
	private record Found(UploadedTar.Entry file, String problem, String kind) {

		static Found file(UploadedTar.Entry file, String kind) {
			return new Found(file, null, kind);
		}

		static Found problem(String problem, String kind) {
			return new Found(null, problem, kind);
		}

	}

	private Found content(UploadedTar.Entry entry) {
		return switch (entry.type()) {
			case FILE -> Found.file(entry, "regular file|regular files");
			case SYMLINK -> follow(entry, entry.link(), "symbolic link", 0);
			case HARD_LINK -> hardLink(entry, entry, 0);
			default -> Found.problem("is not a regular file or a link (a device or FIFO): sendmail reads none",
					"device or FIFO|devices or FIFOs");
		};
	}

	/**
	 * A hard link names an earlier member by its name in the archive, not by a path.
	 * {@code depth} counts the links followed so far, so that crafted links that lead to
	 * one another end.
	 */
	private Found hardLink(UploadedTar.Entry override, UploadedTar.Entry link, int depth) {
		String kind = "through a hard link|through hard links";
		String path = UploadedTar.path(link.link());
		UploadedTar.Entry target = (path != null) ? this.members.get(path) : null;
		String names = "is a hard link to " + PartReport.quote(link.link());
		if (depth > MAX_LINKS) {
			return Found.problem(names + ", which leads through more than " + MAX_LINKS + " links (a loop)",
					"unresolved hard link|unresolved hard links");
		}
		if (target == null) {
			return Found.problem(names + ", which is not in the archive: its content is unknown",
					"unresolved hard link|unresolved hard links");
		}
		return switch (target.type()) {
			case FILE -> Found.file(target, kind);
			case HARD_LINK -> hardLink(override, target, depth + 1);
			// A hard link to a symbolic link is that link, read where the override is.
			case SYMLINK -> follow(override, target.link(), "hard link to a symbolic link", depth + 1);
			default ->
				Found.problem(names + ", which is not a regular file", "unresolved hard link|unresolved hard links");
		};
	}

	/**
	 * Follows a symbolic link at {@code link}'s place the way the kernel resolves a path,
	 * with the archive standing in for the override directory on the host.
	 */
	private Found follow(UploadedTar.Entry link, String target, String what, int depth) {
		String kind = "through a symbolic link|through symbolic links";
		String unresolved = "unresolved symbolic link|unresolved symbolic links";
		String says = "is a " + what + " to " + PartReport.quote(target);
		String linkHost = host(link.path());
		List<String> resolved = new ArrayList<>(segments(target.startsWith("/") ? "" : UploadedTar.parent(linkHost)));
		Deque<String> todo = new ArrayDeque<>(segments(target));
		int links = depth + 1;
		while (!todo.isEmpty()) {
			String segment = todo.removeFirst();
			if (segment.equals("..")) {
				if (!resolved.isEmpty()) {
					resolved.remove(resolved.size() - 1);
				}
				continue;
			}
			resolved.add(segment);
			String host = "/" + String.join("/", resolved);
			String path = archivePath(host);
			if (path == null) {
				// A directory of the host outside the archive: taken as a plain
				// directory.
				continue;
			}
			if (this.directories.contains(path) && !this.members.containsKey(path)) {
				continue;
			}
			UploadedTar.Entry member = this.members.get(path);
			if (member == null) {
				return Found.problem(says + ", which is not in the archive (" + PartReport.shorten(host)
						+ "): a dangling link, so sendmail finds no file there", unresolved);
			}
			switch (member.type()) {
				case DIRECTORY -> {
				}
				case SYMLINK -> {
					if (++links > MAX_LINKS) {
						return Found.problem(
								says + ", which leads through more than " + MAX_LINKS + " symbolic links (a loop)",
								unresolved);
					}
					resolved.remove(resolved.size() - 1);
					if (member.link().startsWith("/")) {
						resolved.clear();
					}
					List<String> next = segments(member.link());
					for (int i = next.size() - 1; i >= 0; i--) {
						todo.addFirst(next.get(i));
					}
				}
				case FILE, HARD_LINK -> {
					if (!todo.isEmpty()) {
						return Found.problem(says + ", which goes through a file as if it were a directory",
								unresolved);
					}
					Found file = (member.type() == UploadedTar.Type.FILE) ? Found.file(member, kind)
							: hardLink(link, member, links);
					return (file.problem() != null) ? file : Found.file(file.file(), kind);
				}
				default -> {
					return Found.problem(says + ", which is not a regular file", unresolved);
				}
			}
		}
		String host = "/" + String.join("/", resolved);
		if (archivePath(host) == null) {
			return Found.problem(says + ", which is outside the archived directory (" + this.hostDirectory
					+ "): its content is not in the upload; archive with tar -h to store the file itself, or add"
					+ " the override by hand", unresolved);
		}
		return Found.problem(says + ", which is a directory, not a file", unresolved);
	}

	/** Where an archive path is on the host: under the policy's override directory. */
	private String host(String path) {
		String relative = UploadedTar.relative(path, this.directory);
		return relative.isEmpty() ? this.hostDirectory : this.hostDirectory + "/" + relative;
	}

	/**
	 * The archive path of a host path inside the override directory, or {@code null} for
	 * one outside it.
	 */
	private String archivePath(String host) {
		for (String root : new String[] { this.hostDirectory, this.spelledDirectory }) {
			if (root == null) {
				continue;
			}
			if (host.equals(root)) {
				return this.directory;
			}
			if (host.startsWith(root + "/")) {
				String relative = host.substring(root.length() + 1);
				return this.directory.isEmpty() ? relative : this.directory + "/" + relative;
			}
		}
		return null;
	}

	private static List<String> segments(String path) {
		return Arrays.stream(path.split("/")).filter((s) -> !s.isEmpty() && !s.equals(".")).toList();
	}

	/**
	 * The file's content as text: strict UTF-8, since sendmail reads the file byte for
	 * byte and decoding must not change it.
	 */
	private static String text(UploadedTar.Entry override, UploadedTar.Entry file) {
		if (file.tooLarge()) {
			throw new ValidationException(PART,
					PartReport.quote(override.name()) + " is " + Rules.count(file.size())
							+ " bytes long; an override file read from an archive may be at most "
							+ Rules.count(UploadedTar.MAX_FILE_BYTES) + " bytes (1 MB)");
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(file.content()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ValidationException(PART, PartReport.quote(override.name()) + " is not UTF-8 (or ASCII) text");
		}
	}

}
