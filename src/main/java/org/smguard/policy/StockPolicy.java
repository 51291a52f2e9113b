package org.smguard.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The settings of Debian's stock sendmail configuration (the shipped {@code sendmail.cf}
 * of sendmail 8.17, {@code /etc/shells} and {@code /etc/mail/smrsh}): what a new policy
 * starts from.
 */
public final class StockPolicy {

	private StockPolicy() {
	}

	/**
	 * The cf that m4 builds from Debian's {@code sendmail.mc}: the base cf of a new
	 * policy.
	 */
	public static String debianBaseCf() {
		try (InputStream in = StockPolicy.class.getResourceAsStream("/base/debian-sendmail.cf")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static Policy debian() {
		return new Policy(new TrustedUsers(TrustedUsers.LineStyle.T, List.of("root", "daemon", "uucp"), null),
				new Shells(List.of("/bin/sh", "/usr/bin/sh", "/bin/bash", "/usr/bin/bash", "/bin/rbash",
						"/usr/bin/rbash", "/bin/dash", "/usr/bin/dash"), false),
				new Smrsh(false, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY,
						List.of(new Smrsh.Program("mail.local", "/usr/libexec/sendmail/mail.local"))),
				new Forwards(Forwards.DEFAULT_DIRECTORY, List.of()),
				new SecurityOptions(
						"mail:mail", "$z/.forward.$w:$z/.forward", 9, null, List.of("needmailhelo", "needexpnhelo",
								"needvrfyhelo", "restrictqrun", "restrictexpand", "nobodyreturn", "authwarnings"),
						"/", "0640"));
	}

}
