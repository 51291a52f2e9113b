package org.smguard.advisor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.smguard.policy.StockPolicy;
import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link PrivacyOptionsRule} says of {@code goaway}, asked of the real sendmail:
 * goaway does not restrict the queue listing; restrictmailq must be named. sendmail lists
 * the queue with {@code -bp} for an unprivileged user (uid 65534) unless restrictmailq is
 * set.
 */
class PrivacyOptionsSendmailTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@CsvSource(delimiter = ';', value = { "goaway; true", "goaway,restrictmailq; false", "restrictmailq; false",
			"goaway,restrictqrun; true" })
	void goawayLeavesTheQueueListingOpen(String flags, boolean listed) throws Exception {
		HostTools.assumeSendmail();
		String listing = listQueueAsNobody(flags);
		assertThat(listing.contains("You are not permitted to see the queue")).as(listing).isEqualTo(!listed);
		assertThat(new PrivacyOptionsRule()
			.check(Policies.withOptions((o) -> o.privacyOptions(List.of(flags.split(",")))))
			.stream()
			.anyMatch((f) -> f.title().contains("lacks ") && f.title().split("lacks ")[1].contains("restrictmailq")))
			.as("the advisor asks for restrictmailq exactly when sendmail lists the queue")
			.isEqualTo(listed);
	}

	@Test
	void theStockPolicyLetsAnyoneListTheQueue() throws Exception {
		HostTools.assumeSendmail();
		String flags = String.join(",", StockPolicy.debian().options().privacyOptions());
		assertThat(listQueueAsNobody(flags)).doesNotContain("You are not permitted");
	}

	private String listQueueAsNobody(String flags) throws Exception {
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path queue = Files.createDirectory(this.directory.resolve("queue"));
		Files.setPosixFilePermissions(queue, PosixFilePermissions.fromString("rwxr-xr-x"));
		String cf = StockPolicy.debianBaseCf()
			.replaceAll("(?m)^O PrivacyOptions=.*$", "O PrivacyOptions=" + flags)
			.replaceAll("(?m)^O QueueDirectory=.*$", "O QueueDirectory=" + queue);
		Path file = Files.writeString(this.directory.resolve("sendmail.cf"), cf);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		Process sendmail = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
				HostTools.SENDMAIL.toString(), "-C", file.toString(), "-bp")
			.redirectErrorStream(true)
			.start();
		String output = new String(sendmail.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(sendmail.waitFor(90, TimeUnit.SECONDS)).as(output).isTrue();
		return output;
	}

}
