package org.smguard.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import org.smguard.policy.ManagedOption;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Smrsh;
import org.smguard.policy.TrustedUsers;

/**
 * What changes from version {@code from} to version {@code to} of a policy, section by
 * section, and which rendered files differ. Either order may be asked for: from a newer
 * to an older version, what was added is what the older one lacks. Equal versions give an
 * empty diff. Lists are empty and single values {@code null} where nothing changed. This
 * record is the JSON of {@code GET /api/v1/policies/{p}/versions/{a}/diff/{b}}.
 *
 * @param policy the policy's name
 * @param from the version compared from
 * @param to the version compared to
 * @param changed whether anything at all differs
 * @param baseCfChanged whether the base cf differs (what it changes shows in the diff of
 * {@code sendmail.cf})
 * @param trustedUsers class {@code t} and its file
 * @param shells the valid shells
 * @param smrsh the restricted shell and its programs
 * @param forwards the override directory and files
 * @param options each managed option whose value differs, in the option table's order
 * @param files each rendered file that differs, in the order the files are rendered
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VersionDiff(String policy, int from, int to, boolean changed, boolean baseCfChanged,
		TrustedUsersDiff trustedUsers, ShellsDiff shells, SmrshDiff smrsh, ForwardsDiff forwards,
		List<OptionChange> options, List<FileDiff> files) {

	public VersionDiff {
		options = List.copyOf(options);
		files = List.copyOf(files);
	}

	/**
	 * The unified diffs of every file that differs, one after the other, as git prints
	 * them.
	 */
	public String unified() {
		StringBuilder out = new StringBuilder();
		for (FileDiff file : this.files) {
			file.lines().forEach((line) -> out.append(line).append('\n'));
		}
		return out.toString();
	}

	/**
	 * One value that differs.
	 *
	 * @param from its value in the version compared from ({@code null}: none, unset)
	 * @param to its value in the version compared to
	 */
	public record Change<T>(T from, T to) {

		/**
		 * The change from {@code from} to {@code to}, or {@code null} when they are
		 * equal.
		 */
		static <T> Change<T> of(T from, T to) {
			return Objects.equals(from, to) ? null : new Change<>(from, to);
		}

	}

	/**
	 * Class {@code t}: the names written into the cf and the {@code Ft} file.
	 *
	 * @param lineStyle {@code T} or {@code Ct} lines, when that changed
	 * @param added names the cf gains, in their new order
	 * @param removed names the cf loses, in their old order
	 * @param reordered whether the names both versions have stand in another order
	 * @param file the trusted-users file
	 */
	public record TrustedUsersDiff(Change<TrustedUsers.LineStyle> lineStyle, List<String> added, List<String> removed,
			boolean reordered, TrustedUsersFileDiff file) {

		public TrustedUsersDiff {
			added = List.copyOf(added);
			removed = List.copyOf(removed);
		}

		/** Whether nothing in this section differs. */
		@JsonIgnore
		public boolean isEmpty() {
			return this.lineStyle == null && this.added.isEmpty() && this.removed.isEmpty() && !this.reordered
					&& this.file.isEmpty();
		}

	}

	/**
	 * The {@code Ft} trusted-users file. A version without one counts as a file with no
	 * path and no names: a file added shows as {@code path} from {@code null}.
	 *
	 * @param path its path, when that changed
	 * @param optional the {@code -o} flag, when that changed
	 * @param added names the file gains
	 * @param removed names the file loses
	 * @param reordered whether the names both versions have stand in another order
	 */
	public record TrustedUsersFileDiff(Change<String> path, Change<Boolean> optional, List<String> added,
			List<String> removed, boolean reordered) {

		public TrustedUsersFileDiff {
			added = List.copyOf(added);
			removed = List.copyOf(removed);
		}

		/** Whether nothing in this section differs. */
		@JsonIgnore
		public boolean isEmpty() {
			return this.path == null && this.optional == null && this.added.isEmpty() && this.removed.isEmpty()
					&& !this.reordered;
		}

	}

	/**
	 * The valid shells.
	 *
	 * @param added shells gained
	 * @param removed shells lost
	 * @param reordered whether the shells both versions have stand in another order
	 * @param allowAnyShell the {@code /SENDMAIL/ANY/SHELL/} acknowledgement, when it
	 * changed
	 */
	public record ShellsDiff(List<String> added, List<String> removed, boolean reordered,
			Change<Boolean> allowAnyShell) {

		public ShellsDiff {
			added = List.copyOf(added);
			removed = List.copyOf(removed);
		}

		/** Whether nothing in this section differs. */
		@JsonIgnore
		public boolean isEmpty() {
			return this.added.isEmpty() && this.removed.isEmpty() && !this.reordered && this.allowAnyShell == null;
		}

	}

	/**
	 * smrsh and its sm.bin programs.
	 *
	 * @param enabled whether the prog mailer runs smrsh, when that changed
	 * @param smrshPath where smrsh is, when that changed
	 * @param binDirectory its sm.bin directory, when that changed
	 * @param added programs gained
	 * @param removed programs lost
	 * @param retargeted programs both versions have whose link leads elsewhere
	 * @param reordered whether the programs both versions have stand in another order
	 */
	public record SmrshDiff(Change<Boolean> enabled, Change<String> smrshPath, Change<String> binDirectory,
			List<Smrsh.Program> added, List<Smrsh.Program> removed, List<Retarget> retargeted, boolean reordered) {

		public SmrshDiff {
			added = List.copyOf(added);
			removed = List.copyOf(removed);
			retargeted = List.copyOf(retargeted);
		}

		/** Whether nothing in this section differs. */
		@JsonIgnore
		public boolean isEmpty() {
			return this.enabled == null && this.smrshPath == null && this.binDirectory == null && this.added.isEmpty()
					&& this.removed.isEmpty() && this.retargeted.isEmpty() && !this.reordered;
		}

	}

	/** A program whose sm.bin link leads from one target to another. */
	public record Retarget(String name, String from, String to) {
	}

	/**
	 * The ForwardPath override files.
	 *
	 * @param directory the override directory, when it changed (every file moves with it)
	 * @param added files of users the version compared from has no file for, by user
	 * @param removed files of users the version compared to has no file for, by user
	 * @param changed files whose content differs, by user
	 */
	public record ForwardsDiff(Change<String> directory, List<OverrideFile> added, List<OverrideFile> removed,
			List<OverrideDiff> changed) {

		public ForwardsDiff {
			added = List.copyOf(added);
			removed = List.copyOf(removed);
			changed = List.copyOf(changed);
		}

		/** Whether nothing in this section differs. */
		@JsonIgnore
		public boolean isEmpty() {
			return this.directory == null && this.added.isEmpty() && this.removed.isEmpty() && this.changed.isEmpty();
		}

	}

	/** An override file added or removed, with its content. */
	public record OverrideFile(String user, String content) {
	}

	/**
	 * An override file whose content changed.
	 *
	 * @param user whose file it is
	 * @param diff the unified diff of its content: hunks only ({@code @@ ... @@}, then
	 * lines starting with space, {@code -} or {@code +}), without file headers
	 */
	public record OverrideDiff(String user, List<String> diff) {

		public OverrideDiff {
			diff = List.copyOf(diff);
		}

	}

	/**
	 * A managed option whose value differs. Values have the types of the draft's
	 * {@code options} (a string, a number, a list of flags); {@code null} is unset.
	 *
	 * @param name sendmail's name of the option
	 * @param from its value in the version compared from
	 * @param to its value in the version compared to
	 * @param fromText {@code from} as cf text, {@code null} when unset (for pages)
	 * @param toText {@code to} as cf text, {@code null} when unset (for pages)
	 */
	public record OptionChange(String name, Object from, Object to, @JsonIgnore String fromText,
			@JsonIgnore String toText) {

		static OptionChange of(ManagedOption option, SecurityOptions from, SecurityOptions to) {
			return new OptionChange(option.cfName(), option.value(from), option.value(to), option.cfValue(from),
					option.cfValue(to));
		}

	}

	/**
	 * One rendered file that differs.
	 *
	 * @param name the file's name, as in the file list of a version
	 * @param path where it goes on a mail host (in the version compared to, unless it was
	 * removed)
	 * @param status whether the file was added, removed or modified
	 * @param lines its unified diff as git prints it: {@code diff --git} line, mode line
	 * for a file added or removed, {@code ---}/{@code +++} headers, then hunks
	 */
	public record FileDiff(String name, String path, Status status, @JsonIgnore List<String> lines) {

		public FileDiff {
			lines = List.copyOf(lines);
		}

		/** The lines of {@link #lines()}, each with what it is, for a page to colour. */
		@JsonIgnore
		public List<Line> rows() {
			List<Line> rows = new ArrayList<>(this.lines.size());
			boolean inHunks = false;
			for (String line : this.lines) {
				LineKind kind;
				if (line.startsWith("@@")) {
					inHunks = true;
					kind = LineKind.HUNK;
				}
				else if (!inHunks) {
					kind = LineKind.HEADER;
				}
				else if (line.startsWith("+")) {
					kind = LineKind.ADDED;
				}
				else if (line.startsWith("-")) {
					kind = LineKind.REMOVED;
				}
				else if (line.startsWith("\\")) {
					kind = LineKind.NOTE;
				}
				else {
					kind = LineKind.CONTEXT;
				}
				rows.add(new Line(line, kind));
			}
			return rows;
		}

	}

	/** One line of a unified diff and what it is. */
	public record Line(String text, LineKind kind) {

		/** The CSS class a page gives the line. */
		public String cssClass() {
			return "diff-" + this.kind.name().toLowerCase(Locale.ROOT);
		}

	}

	/** What a line of a unified diff is. */
	public enum LineKind {

		/** {@code diff --git}, mode, {@code ---} and {@code +++} lines. */
		HEADER,
		/** {@code @@ -l,s +l,s @@}. */
		HUNK,
		/** A line both sides have. */
		CONTEXT,
		/** A line the file gains. */
		ADDED,
		/** A line the file loses. */
		REMOVED,
		/** {@code \ No newline at end of file}. */
		NOTE

	}

	/** How a rendered file differs. */
	public enum Status {

		ADDED, REMOVED, MODIFIED;

		@JsonValue
		public String json() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
