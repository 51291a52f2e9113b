package org.smguard.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.smguard.cf.HostCf;
import org.smguard.cf.OptionSemantics;
import org.smguard.cf.SendmailReader;
import org.smguard.cf.SendmailReading;
import org.smguard.cf.TrustedUsersFileLines;
import org.smguard.policy.ManagedOption;
import org.smguard.policy.Policy;
import org.smguard.sandbox.SandboxUnavailableException;
import org.smguard.validation.ValidationException;

import org.springframework.stereotype.Component;

/**
 * Proves an imported cf against the real sendmail, in its sandbox: the option lines the
 * importer read must be the ones sendmail's setoption received, in order and with the
 * same values, and the draft's options, class {@code t} and prog mailer must be what
 * sendmail uses. A difference refuses the import with the line and both readings, and so
 * does a line sendmail itself complains about (other than a user, group, service or file
 * of the mail host that the sandbox does not have).
 */
@Component
class ImportVerifier {

	private final SendmailReader reader;

	ImportVerifier(SendmailReader reader) {
		this.reader = reader;
	}

	/**
	 * @return a line for the import report: verified, or why it could not be
	 * @throws ValidationException when sendmail reads the cf otherwise
	 */
	String verify(String cf, Policy imported) {
		// The Ft file is not in the sandbox: its names stand in for it, as in the check.
		String checked = TrustedUsersFileLines.withNames(cf, imported.trustedUsers().file());
		SendmailReading reading;
		try {
			reading = this.reader.read(checked, List.of());
		}
		catch (SandboxUnavailableException ex) {
			return "cf: not verified against sendmail, whose sandbox cannot run here: " + ex.getMessage();
		}
		if (reading == null) {
			throw new ValidationException("cf", "sendmail did not finish reading the cf in time; not imported");
		}
		if (reading.unreadable() != null) {
			throw new ValidationException("cf",
					"sendmail's reading could not be taken unambiguously: " + reading.unreadable() + "; not imported");
		}
		for (SendmailReading.Diagnostic diagnostic : reading.diagnostics()) {
			if (!diagnostic.hostDependent() && !diagnostic.notice()) {
				throw new ValidationException("cf", "line " + diagnostic.line() + ": sendmail refuses it: "
						+ show(diagnostic.message()) + "; not imported");
			}
		}
		HostCf host = HostCf.read(cf);
		compareLines(host.settings(), reading.settings());
		Map<String, String> sendmail = OptionSemantics.effective(reading.settings());
		for (String name : ManagedOption.NAMES) {
			String ours = SendmailReading.expectedOption(imported.options(), name);
			if (!Objects.equals(ours, sendmail.get(name))) {
				throw new ValidationException("cf", name + ": the import would mean " + show(ours)
						+ " where sendmail reads " + show(sendmail.get(name)) + "; not imported");
			}
		}
		Set<String> trusted = SendmailReading.expectedClassT(imported.trustedUsers());
		if (!trusted.equals(reading.classT())) {
			throw new ValidationException("cf",
					"class t: the import reads " + trusted.size() + " trusted users, sendmail "
							+ reading.classT().size() + " (" + difference(trusted, reading.classT())
							+ "); not imported");
		}
		String progPath = reading.progMailer().map(SendmailReading.Mailer::path).orElse(null);
		String progArgv = reading.progMailer().map(SendmailReading.Mailer::argv).orElse(null);
		if (!Objects.equals(host.progPath(), progPath) || !Objects.equals(host.progArgv(), progArgv)) {
			throw new ValidationException("cf",
					"prog mailer: the import reads P=" + show(host.progPath()) + " A=" + show(host.progArgv())
							+ ", sendmail uses P=" + show(progPath) + " A=" + show(progArgv) + "; not imported");
		}
		return "cf: verified against sendmail " + "(options, class t and the prog mailer read alike)";
	}

	private static void compareLines(List<OptionSemantics.Setting> ours, List<OptionSemantics.Setting> sendmail) {
		for (int i = 0; i < Math.max(ours.size(), sendmail.size()); i++) {
			OptionSemantics.Setting mine = (i < ours.size()) ? ours.get(i) : null;
			OptionSemantics.Setting theirs = (i < sendmail.size()) ? sendmail.get(i) : null;
			String mineText = (mine != null) ? mine.name() + "=" + SendmailReading.printed(mine.value()) : null;
			String theirText = (theirs != null) ? theirs.name() + "=" + SendmailReading.printed(theirs.value()) : null;
			// Compared as read, not as printed again: printing sendmail's "$$u" (a plain
			// '$', then the macro $u) again would make it "$u".
			boolean same = (mine != null && theirs != null) && mine.name().equals(theirs.name())
					&& SendmailReading.asRead(mine.value()).equals(theirs.value());
			if (!same) {
				String where = (mine != null) ? "line " + mine.line() : "after the last option line the import read";
				throw new ValidationException("cf", where + ": the import reads " + show(mineText)
						+ " where sendmail's setoption received " + show(theirText) + "; not imported");
			}
		}
	}

	private static String difference(Set<String> ours, Set<String> theirs) {
		List<String> parts = new ArrayList<>();
		theirs.stream().filter((n) -> !ours.contains(n)).limit(5).forEach((n) -> parts.add("sendmail also " + show(n)));
		ours.stream().filter((n) -> !theirs.contains(n)).limit(5).forEach((n) -> parts.add("import also " + show(n)));
		return String.join(", ", parts);
	}

	private static String show(String value) {
		if (value == null) {
			return "nothing";
		}
		return "'" + ((value.length() > 80) ? value.substring(0, 80) + "..." : value) + "'";
	}

}
