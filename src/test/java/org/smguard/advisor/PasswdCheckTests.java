package org.smguard.advisor;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.smguard.policy.Policy;
import org.smguard.policy.Shells;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.TrustedUsers;
import org.smguard.validation.ValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PasswdCheckTests {

	private static final String PASSWD = """
			root:x:0:0:root:/root:/bin/bash
			daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
			bin:x:2:2:bin:/bin:/bin/sh
			uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
			ftp:*:1092:255:File Transfer Protocol Program:/u/ftp:/no/shell
			nobody:x:65534:65534:nobody:/nonexistent:
			alice:x:1000:1000:Alice:/home/alice:/bin/bash
			bob:x:1001:1001:Bob:/home/bob:/bin/zsh
			# a comment
			+@netgroup::::::
			broken line
			""";

	@Test
	void findsSystemAccountsWithAValidShellAndPeopleWithout() {
		PasswdCheck.Report report = PasswdCheck.check(StockPolicy.debian(), PASSWD, "here.us.edu");
		assertThat(report.accounts()).isEqualTo(8);
		assertThat(report.pseudoUsersWithValidShell()).extracting(PasswdCheck.Account::name)
			.as("bin's /bin/sh is listed; nobody's empty shell passes; daemon and uucp are trusted")
			.containsExactly("daemon", "bin", "uucp", "nobody");
		assertThat(report.usersWithoutValidShell()).extracting(PasswdCheck.Account::name).containsExactly("ftp", "bob");
		assertThat(report.usersWithoutValidShell().get(0).consequence())
			.contains("\"550 5.7.1 User ftp@here.us.edu doesn't have a valid shell for mailing to programs\"");
		assertThat(report.ignored()).containsExactly("line 10: '+@netgroup::::::'", "line 11: 'broken line'");
	}

	@Test
	void anyShellMakesEverySystemAccountRunPrograms() {
		Policy any = StockPolicy.debian()
			.withShells(new Shells(List.of("/bin/sh"), true))
			.withTrustedUsers(new TrustedUsers(TrustedUsers.LineStyle.T, List.of("root"), null));
		PasswdCheck.Report report = PasswdCheck.check(any, PASSWD, null);
		assertThat(report.pseudoUsersWithValidShell()).extracting(PasswdCheck.Account::name)
			.containsExactly("daemon", "bin", "uucp", "nobody");
		assertThat(report.pseudoUsersWithValidShell().get(0).consequence()).contains("remove /SENDMAIL/ANY/SHELL/");
		assertThat(report.usersWithoutValidShell()).isEmpty();
	}

	@Test
	void refusesAnEmptyOrHugeFile() {
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> PasswdCheck.check(StockPolicy.debian(), " ", null));
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> PasswdCheck.check(StockPolicy.debian(), "x".repeat(PasswdCheck.MAX_BYTES + 1), null));
	}

}
