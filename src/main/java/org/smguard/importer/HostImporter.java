package org.smguard.importer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smguard.policy.BaseCfRules;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Shells;
import org.smguard.policy.Smrsh;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.render.HostCf;
import org.smguard.render.OptionSemantics;
import org.smguard.render.RenderedOptions;
import org.smguard.render.TrustedUsersFileFormat;
import org.smguard.validation.ValidationException;

/**
 * Reads a host's files into a policy, the way sendmail reads them: option names without
 * case, PrivacyOptions split at any white space or punctuation, {@code T}, {@code Ct} and
 * {@code Ft} lines, and the prog mailer's {@code P=}. Each uploaded file replaces its
 * section whole; nothing is merged silently. Pure: a file it cannot parse throws and
 * changes nothing.
 */
public final class HostImporter {

	private static final Pattern LS_LINK = Pattern.compile("\\Al\\S*\\s+.*?\\s(\\S+) -> (\\S+)\\z");

	private static final Pattern LS_ENTRY = Pattern.compile("\\A([-dlcbps])\\S*\\s+\\d+\\s+.*\\s(\\S+)\\z");

	private HostImporter() {
	}

	/**
	 * The policy with the imported sections, the new base cf ({@code null}: unchanged)
	 * and the report.
	 */
	public record Result(Policy policy, String baseCf, List<String> taken, List<String> ignored) {
	}

	/**
	 * @param currentBaseCf the draft's base cf, whose {@code Ft} line says how the
	 * trusted-users file is read when no cf is uploaded with it
	 */
	public static Result apply(Policy current, HostFiles files, String currentBaseCf) {
		List<String> taken = new ArrayList<>();
		List<String> ignored = new ArrayList<>();
		Policy policy = current;
		String baseCf = null;
		if (files.cf() != null) {
			baseCf = cfText(files.cf(), taken);
			policy = readCf(policy, baseCf, taken, ignored);
		}
		if (files.trustedUsers() != null) {
			HostCf.FtLine ft = HostCf.read((baseCf != null) ? baseCf : currentBaseCf).trustedUsersFile();
			String pattern = (ft != null) ? ft.pattern() : "%s";
			policy = readTrustedUsersFile(policy, text("trustedUsers", files.trustedUsers()), pattern, taken, ignored);
		}
		else if (files.cf() != null && policy.trustedUsers().file() != null) {
			ignored.add("trustedUsers: the cf reads " + policy.trustedUsers().file().path()
					+ " but that file was not uploaded: its names are now empty; upload it as part trustedUsers");
		}
		if (files.shells() != null) {
			policy = readShells(policy, text("shells", files.shells()), taken, ignored);
		}
		if (files.smbin() != null) {
			policy = readSmBin(policy, files.smbin(), taken, ignored);
		}
		if (files.forwards() != null) {
			policy = readForwards(policy, files.forwards(), taken, ignored);
		}
		return new Result(policy, baseCf, taken, ignored);
	}

	static Policy readCf(Policy policy, String cf, List<String> taken, List<String> ignored) {
		HostCf host = HostCf.read(cf);
		for (String problem : host.problems()) {
			throw new ValidationException("cf", problem);
		}
		Map<String, Integer> lastLine = new LinkedHashMap<>();
		for (OptionSemantics.Setting setting : host.settings()) {
			String name = setting.name().equals(OptionSemantics.DEFAULT_GROUP) ? "DefaultUser" : setting.name();
			lastLine.put(name, setting.line());
		}
		SecurityOptions imported = ImportedOptions.of(host.settings());
		for (String name : SecurityOptions.NAMES) {
			String value = RenderedOptions.value(imported, name);
			List<String> raw = host.settings()
				.stream()
				.filter((s) -> s.name().equals(name))
				.map(OptionSemantics.Setting::value)
				.toList();
			String note = "";
			if (raw.size() > 1) {
				note = " (read as sendmail reads its " + raw.size() + " lines)";
			}
			else if (raw.size() == 1 && value != null && !raw.get(0).equals(value)) {
				note = " (the cf says '" + cut(raw.get(0)) + "', which sendmail reads as this)";
			}
			taken.add((value != null) ? "cf line " + lastLine.get(name) + ": " + name + "=" + value + note
					: "cf: " + name + " is not set (sendmail's default)");
		}
		host.duplicateTrustedUsers()
			.forEach((name) -> ignored.add("cf: trusted user '" + name + "' is listed more than once: taken once"));
		TrustedUsersFile file = null;
		if (host.trustedUsersFile() != null) {
			file = new TrustedUsersFile(host.trustedUsersFile().path(), host.trustedUsersFile().optional(), List.of());
			taken.add("cf line " + host.trustedUsersFile().line() + ": trusted-users file " + file.path()
					+ (file.optional() ? " (optional)" : ""));
		}
		TrustedUsers trusted = new TrustedUsers(host.trustedUsersStyle(), host.trustedUsers(), file);
		taken.add("cf: trusted users " + host.trustedUsers() + " as " + trusted.lineStyle() + " lines");
		Smrsh smrsh = policy.smrsh();
		if (host.progPath() == null) {
			ignored.add("cf: no prog mailer: smrsh left " + (smrsh.enabled() ? "on" : "off"));
		}
		else if (host.progRunsSmrsh()) {
			smrsh = new Smrsh(true, host.progPath(), smrsh.binDirectory(), smrsh.programs());
			taken.add("cf: smrsh on, P=" + host.progPath());
		}
		else {
			smrsh = new Smrsh(false, smrsh.smrshPath(), smrsh.binDirectory(), smrsh.programs());
			taken.add("cf: smrsh off, the prog mailer runs " + host.progPath());
		}
		taken.add("cf: kept as the base of sendmail.cf");
		return policy.withOptions(imported).withTrustedUsers(trusted).withSmrsh(smrsh);
	}

	/**
	 * An uploaded cf as sendmail reads it: CRLF line ends are line ends (fgetfolded), so
	 * they become LF and the report says so; a lone CR is refused by the base cf rules.
	 */
	static String cfText(byte[] data, List<String> taken) {
		String cf = text("cf", data);
		if (cf.contains("\r\n")) {
			cf = cf.replace("\r\n", "\n");
			taken.add("cf: CRLF line ends read as sendmail reads them and stored as LF");
		}
		try {
			BaseCfRules.check(cf);
		}
		catch (ValidationException ex) {
			throw new ValidationException("cf", ex.violations().get(0).message());
		}
		return cf;
	}

	static Policy readTrustedUsersFile(Policy policy, String text, String pattern, List<String> taken,
			List<String> ignored) {
		TrustedUsersFile file = policy.trustedUsers().file();
		if (file == null) {
			throw new ValidationException("trustedUsers",
					"the policy's cf reads no trusted-users file (no Ft line): upload the cf with its Ft line too,"
							+ " or set the file on the Trusted users tab first");
		}
		LinkedHashSet<String> names = new LinkedHashSet<>();
		for (String name : TrustedUsersFileFormat.names(text, pattern)) {
			// Class t holds names without case, as sendmail's setclass files them.
			if (names.stream().anyMatch(name::equalsIgnoreCase) || !names.add(name)) {
				ignored.add("trustedUsers: '" + name + "' is listed more than once: taken once");
			}
		}
		taken.add("trustedUsers: " + names.size() + " names for " + file.path());
		return policy.withTrustedUsers(new TrustedUsers(policy.trustedUsers().lineStyle(),
				policy.trustedUsers().users(), new TrustedUsersFile(file.path(), file.optional(), List.copyOf(names))));
	}

	static Policy readShells(Policy policy, String text, List<String> taken, List<String> ignored) {
		LinkedHashSet<String> entries = new LinkedHashSet<>();
		boolean anyShell = false;
		for (String raw : text.split("\n", -1)) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			if (line.equals(Shells.ANY_SHELL)) {
				anyShell = true;
				ignored.add("shells: " + Shells.ANY_SHELL + " taken as the allowAnyShell acknowledgement (never"
						+ " recommended)");
				continue;
			}
			if (!entries.add(line)) {
				ignored.add("shells: '" + line + "' is listed more than once: taken once");
			}
		}
		taken.add("shells: " + entries.size() + " valid shells");
		return policy.withShells(new Shells(List.copyOf(entries), anyShell));
	}

	static Policy readSmBin(Policy policy, byte[] data, List<String> taken, List<String> ignored) {
		Smrsh smrsh = policy.smrsh();
		Map<String, String> programs = new LinkedHashMap<>();
		if (TarReader.looksLikeTar(data)) {
			List<TarReader.Entry> entries = TarReader.read("smbin", data);
			String top = sharedTopDirectory(entries);
			for (TarReader.Entry entry : entries) {
				String name = nameInDirectory(entry.name(), top);
				if (entry.type() == TarReader.Type.DIRECTORY || name.isEmpty()) {
					continue;
				}
				if (name.contains("/")) {
					ignored.add("smbin: '" + name + "' is in a subdirectory: smrsh runs only programs directly in "
							+ smrsh.binDirectory());
					continue;
				}
				if (entry.type() != TarReader.Type.SYMLINK) {
					ignored.add("smbin: '" + name + "' is not a symbolic link: add its target by hand");
					continue;
				}
				program(programs, name, entry.linkTarget(), smrsh.binDirectory(), ignored);
			}
		}
		else {
			for (String raw : text("smbin", data).split("\n", -1)) {
				String line = raw.strip();
				if (line.isEmpty() || line.startsWith("total ")) {
					continue;
				}
				Matcher link = LS_LINK.matcher(line);
				if (link.matches()) {
					program(programs, link.group(1), link.group(2), smrsh.binDirectory(), ignored);
					continue;
				}
				Matcher entry = LS_ENTRY.matcher(line);
				if (!entry.matches()) {
					throw new ValidationException("smbin",
							"'" + line + "' is not a line of ls -l output (or upload a tar of the directory)");
				}
				String name = entry.group(2);
				if (!name.equals(".") && !name.equals("..")) {
					ignored.add("smbin: '" + name + "' is not a symbolic link: add its target by hand");
				}
			}
		}
		List<Smrsh.Program> list = programs.entrySet()
			.stream()
			.map((e) -> new Smrsh.Program(e.getKey(), e.getValue()))
			.toList();
		taken.add("smbin: " + list.size() + " programs");
		return policy.withSmrsh(new Smrsh(smrsh.enabled(), smrsh.smrshPath(), smrsh.binDirectory(), list));
	}

	private static void program(Map<String, String> programs, String name, String target, String binDirectory,
			List<String> ignored) {
		String absolute = target.startsWith("/") ? target : binDirectory + "/" + target;
		String normalized = normalize(absolute);
		if (programs.putIfAbsent(name, normalized) != null) {
			ignored.add("smbin: '" + name + "' is listed more than once: taken once");
		}
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

	static Policy readForwards(Policy policy, byte[] data, List<String> taken, List<String> ignored) {
		if (!TarReader.looksLikeTar(data)) {
			throw new ValidationException("forwards", "must be a tar archive (optionally gzip-compressed) of the"
					+ " override directory, e.g. tar -C /usr/local/etc/forwards -cf forwards.tar .");
		}
		Map<String, String> overrides = new LinkedHashMap<>();
		List<TarReader.Entry> entries = TarReader.read("forwards", data);
		String top = sharedTopDirectory(entries);
		for (TarReader.Entry entry : entries) {
			String name = nameInDirectory(entry.name(), top);
			if (entry.type() == TarReader.Type.DIRECTORY || name.isEmpty()) {
				continue;
			}
			if (name.contains("/")) {
				ignored.add("forwards: '" + entry.name() + "' is in a subdirectory: sendmail reads only "
						+ policy.forwards().directory() + "/<user>.forward");
				continue;
			}
			if (entry.type() != TarReader.Type.FILE || !name.endsWith(".forward")
					|| name.length() == ".forward".length()) {
				ignored.add("forwards: '" + entry.name() + "' is not a <user>.forward file");
				continue;
			}
			String user = name.substring(0, name.length() - ".forward".length());
			String content = text("forwards " + entry.name(), entry.content());
			if (overrides.put(user, content) != null) {
				ignored.add("forwards: '" + user + "' appears more than once: the last copy was taken");
			}
		}
		List<Forwards.OverrideFile> list = overrides.entrySet()
			.stream()
			.map((e) -> new Forwards.OverrideFile(e.getKey(), e.getValue()))
			.toList();
		taken.add("forwards: " + list.size() + " override files");
		return policy.withForwards(new Forwards(policy.forwards().directory(), list));
	}

	/**
	 * An entry's name relative to the archived directory: without {@code ./} and without
	 * the top directory every entry shares, whether the archive holds the directory's
	 * contents ({@code tar -C dir -cf x.tar .}) or the directory itself
	 * ({@code tar -cf x.tar dir}). A name that still holds a {@code /} is in a
	 * subdirectory.
	 */
	private static String nameInDirectory(String name, String top) {
		String relative = relative(name);
		if (top != null && (relative.equals(top) || relative.startsWith(top + "/"))) {
			relative = relative.substring(Math.min(relative.length(), top.length() + 1));
		}
		return relative;
	}

	/** The one top directory all entries are in, or {@code null}. */
	private static String sharedTopDirectory(List<TarReader.Entry> entries) {
		String top = null;
		for (TarReader.Entry entry : entries) {
			String relative = relative(entry.name());
			if (relative.isEmpty()) {
				continue;
			}
			int slash = relative.indexOf('/');
			if (slash < 0 && entry.type() != TarReader.Type.DIRECTORY) {
				return null;
			}
			String first = (slash < 0) ? relative : relative.substring(0, slash);
			if (top != null && !top.equals(first)) {
				return null;
			}
			top = first;
		}
		return top;
	}

	private static String relative(String name) {
		String relative = name;
		while (relative.startsWith("./") || relative.startsWith("/")) {
			relative = relative.substring(relative.startsWith("/") ? 1 : 2);
		}
		if (relative.equals(".")) {
			return "";
		}
		return relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
	}

	private static String cut(String text) {
		return (text.length() > 80) ? text.substring(0, 80) + "..." : text;
	}

	/**
	 * Strict UTF-8: a file sendmail reads byte for byte must not be changed by decoding.
	 */
	static String text(String part, byte[] data) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(data))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ValidationException(part, "is not UTF-8 (or ASCII) text");
		}
	}

}
