package org.smguard.cf;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.smguard.sandbox.SandboxRun;
import org.smguard.sandbox.SandboxUnavailableException;
import org.smguard.sandbox.SendmailSandbox;
import org.smguard.sandbox.SyntheticHost;

import org.springframework.stereotype.Component;

/**
 * Asks the real sendmail, in its sandbox, what it reads from a cf: the managed options,
 * class {@code t} and the mailers. Used by the sendmail check and to verify imports.
 */
@Component
public class SendmailReader {

	private final SendmailSandbox sandbox;

	public SendmailReader(SendmailSandbox sandbox) {
		this.sandbox = sandbox;
	}

	/**
	 * @param accountNames user and group names the synthetic host should know, besides
	 * those the cf's own DefaultUser, TrustedUser and RunAsUser lines name
	 * @return sendmail's reading, or {@code null} when it did not answer in time
	 */
	public SendmailReading read(String cf, Collection<String> accountNames) throws SandboxUnavailableException {
		SyntheticHost host = new SyntheticHost(accountNames(cf, accountNames));
		SandboxRun options = this.sandbox.run(cf, host, "$=t\n", "-d37.1");
		if (options.exitCode() == -1) {
			return null;
		}
		SandboxRun mailers = this.sandbox.run(cf, host, "=M\n");
		if (mailers.exitCode() == -1) {
			return null;
		}
		return SendmailReading.parse(options, mailers);
	}

	private static Set<String> accountNames(String cf, Collection<String> extra) {
		Set<String> names = new LinkedHashSet<>(extra);
		for (CfText.Statement statement : CfText.parse(cf).statements()) {
			statement.option().ifPresent((option) -> {
				String name = option.name();
				if (name.equals("DefaultUser") || name.equals(OptionSemantics.DEFAULT_GROUP)
						|| name.equalsIgnoreCase("TrustedUser") || name.equalsIgnoreCase("RunAsUser")) {
					for (String word : option.value().split("[\\s.:/]+")) {
						names.add(word);
					}
				}
			});
		}
		return names;
	}

}
