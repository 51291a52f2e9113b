package org.smguard.importer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;

import org.smguard.cf.HostCf;
import org.smguard.cf.OptionSemantics;
import org.smguard.cf.TrustedUsersFileFormat;
import org.smguard.policy.BaseCfRules;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.Smrsh;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;
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
		Map<String, Integer> lastLine = new LinkedHashMap<>();
		for (OptionSemantics.Setting setting : host.settings()) {
			String name = setting.name().equals(OptionSemantics.DEFAULT_GROUP) ? "DefaultUser" : setting.name();
			lastLine.put(name, setting.line());
		}
		SecurityOptions imported = ImportedOptions.of(host.settings());
		for (String name : ManagedOption.NAMES) {
			String value = ManagedOption.named(name).cfValue(imported);
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
				note = " (the cf says " + PartReport.quote(raw.get(0)) + ", which sendmail reads as this)";
			}
			taken.add((value != null) ? "cf line " + lastLine.get(name) + ": " + name + "=" + value + note
					: "cf: " + name + " is not set (sendmail's default)");
		}
		PartReport report = new PartReport("cf", taken, ignored);
		host.duplicateTrustedUsers()
			.forEach((name) -> report
				.ignore("trusted user " + PartReport.quote(name) + " is listed more than once:" + " taken once"));
		report.finish();
		TrustedUsersFile file = null;
		if (host.trustedUsersFile() != null) {
			file = new TrustedUsersFile(host.trustedUsersFile().path(), host.trustedUsersFile().optional(), List.of());
			taken.add("cf line " + host.trustedUsersFile().line() + ": trusted-users file " + file.path()
					+ (file.optional() ? " (optional)" : ""));
		}
		TrustedUsers trusted = new TrustedUsers(host.trustedUsersStyle(), host.trustedUsers(), file);
		List<String> shown = host.trustedUsers().stream().limit(20).map(PartReport::shorten).toList();
		taken.add("cf: trusted users " + shown
				+ ((host.trustedUsers().size() > 20) ? " and " + (host.trustedUsers().size() - 20) + " more" : "")
				+ " as " + trusted.lineStyle() + " lines");
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
		PartReport report = new PartReport("trustedUsers", taken, ignored);
		Set<String> seen = new HashSet<>();
		for (String name : TrustedUsersFileFormat.names(text, pattern)) {
			// Class t holds names without case, as sendmail's setclass files them.
			if (!seen.add(name.toLowerCase(Locale.ROOT))) {
				report.ignore(PartReport.quote(name) + " is listed more than once: taken once");
				continue;
			}
			names.add(name);
		}
		report.finish();
		report.take(names.size() + " names for " + file.path());
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
