package org.smguard.importer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Smrsh;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.render.CfText;
import org.smguard.render.CfText.Statement;
import org.smguard.render.HostCf;
import org.smguard.validation.ValidationException;

/**
 * Reads a host's files into a policy, the way sendmail reads them: option names without
 * case, PrivacyOptions split at any white space or punctuation, {@code T}, {@code Ct} and
 * {@code Ft} lines, and the prog mailer's {@code P=}. Each uploaded file replaces its
 * section whole; nothing is merged silently. Pure: a file it cannot parse throws and
 * changes nothing.
 */
public final class HostImporter {

	private HostImporter() {
	}

	/**
	 * The policy with the imported sections, the new base cf ({@code null}: unchanged)
	 * and the report.
	 */
	public record Result(Policy policy, String baseCf, List<String> taken, List<String> ignored) {
	}

	public static Result apply(Policy current, HostFiles files) {
		List<String> taken = new ArrayList<>();
		List<String> ignored = new ArrayList<>();
		Policy policy = current;
		String baseCf = null;
		if (files.cf() != null) {
			baseCf = text("cf", files.cf());
			policy = readCf(policy, baseCf, taken, ignored);
		}
		if (files.trustedUsers() != null) {
			policy = readTrustedUsersFile(policy, text("trustedUsers", files.trustedUsers()), taken, ignored);
		}
		else if (files.cf() != null && policy.trustedUsers().file() != null) {
			ignored.add("trustedUsers: the cf reads " + policy.trustedUsers().file().path()
					+ " but that file was not uploaded: its names are now empty; upload it as part trustedUsers");
		}
		if (files.shells() != null) {
			policy = ShellsFile.read(policy, files.shells(), taken, ignored);
		}
		if (files.smbin() != null) {
			policy = SmBinUpload.read(policy, files.smbin(), taken, ignored);
		}
		if (files.forwards() != null) {
			policy = ForwardsArchive.read(policy, files.forwards(), taken, ignored);
		}
		return new Result(policy, baseCf, taken, ignored);
	}

	static Policy readCf(Policy policy, String cf, List<String> taken, List<String> ignored) {
		HostCf host = HostCf.read(cf);
		for (String problem : host.problems()) {
			throw new ValidationException("cf", problem);
		}
		Map<String, Statement> options = host.options();
		SecurityOptions o = policy.options();
		String logLevel = value(options, "LogLevel");
		Integer level = null;
		if (logLevel != null) {
			if (!logLevel.matches("\\d{1,2}")) {
				throw new ValidationException("cf", "line " + line(options, "LogLevel") + ": LogLevel '" + logLevel
						+ "' is not a whole number 0-99 (sendmail would read it silently as something else)");
			}
			level = Integer.parseInt(logLevel);
		}
		List<String> privacy = null;
		String privacyText = value(options, "PrivacyOptions");
		if (privacyText != null) {
			privacy = new ArrayList<>();
			for (String flag : privacyText.split("[\\s\\p{Punct}&&[^_]]+")) {
				String lower = flag.toLowerCase(Locale.ROOT);
				if (flag.isEmpty()) {
					continue;
				}
				if (privacy.contains(lower)) {
					ignored.add("cf line " + line(options, "PrivacyOptions") + ": PrivacyOptions lists '" + lower
							+ "' twice: taken once");
					continue;
				}
				privacy.add(lower);
			}
		}
		SecurityOptions imported = new SecurityOptions(value(options, "DefaultUser"), value(options, "ForwardPath"),
				level, value(options, "PostmasterCopy"), privacy, value(options, "SafeFileEnvironment"),
				value(options, "TempFileMode"));
		for (String name : SecurityOptions.NAMES) {
			taken.add(options.containsKey(name)
					? "cf line " + line(options, name) + ": " + name + "=" + options.get(name).option().get().value()
					: "cf: " + name + " is not set (sendmail's default)");
		}
		host.duplicateOptions().forEach((d) -> ignored.add("cf: " + d));
		host.duplicateTrustedUsers()
			.forEach((name) -> ignored.add("cf: trusted user '" + name + "' is listed more than once: taken once"));
		TrustedUsersFile file = null;
		if (host.trustedUsersFile() != null) {
			file = new TrustedUsersFile(host.trustedUsersFile().path(), host.trustedUsersFile().optional(), List.of());
			taken.add("cf: trusted-users file " + file.path() + (file.optional() ? " (optional)" : ""));
		}
		host.ignoredFtLines().forEach((l) -> ignored.add("cf: " + l));
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

	private static String value(Map<String, Statement> options, String name) {
		Statement statement = options.get(name);
		return (statement != null) ? statement.option().get().value() : null;
	}

	private static int line(Map<String, Statement> options, String name) {
		return options.get(name).start() + 1;
	}

	static Policy readTrustedUsersFile(Policy policy, String text, List<String> taken, List<String> ignored) {
		TrustedUsersFile file = policy.trustedUsers().file();
		if (file == null) {
			throw new ValidationException("trustedUsers",
					"the policy's cf reads no trusted-users file (no Ft line): upload the cf with its Ft line too,"
							+ " or set the file on the Trusted users tab first");
		}
		LinkedHashSet<String> names = new LinkedHashSet<>();
		for (String line : text.split("\n", -1)) {
			// Debian reads the file with %[^\#]: a '#' starts a comment.
			int hash = line.indexOf('#');
			String words = (hash >= 0) ? line.substring(0, hash) : line;
			for (String name : words.strip().split("\\s+")) {
				if (!name.isEmpty() && !names.add(name)) {
					ignored.add("trustedUsers: '" + name + "' is listed more than once: taken once");
				}
			}
		}
		taken.add("trustedUsers: " + names.size() + " names for " + file.path());
		return policy.withTrustedUsers(new TrustedUsers(policy.trustedUsers().lineStyle(),
				policy.trustedUsers().users(), new TrustedUsersFile(file.path(), file.optional(), List.copyOf(names))));
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
