package org.smguard.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smguard.cf.SendmailReader;
import org.smguard.policy.StockPolicy;
import org.smguard.render.SendmailCheck;
import org.smguard.testing.HostTools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sandbox's bounds, with stand-ins for sendmail: {@code yes} prints its arguments for
 * ever, so it shows the output cap and the time limit; the real sendmail shows the
 * synthetic host it sees.
 */
class SendmailSandboxTests {

	private static final SyntheticHost HOST = new SyntheticHost(List.of());

	@Test
	void refusesToRunWithoutBubblewrap() {
		SendmailSandbox sandbox = new SendmailSandbox(Path.of("/nonexistent/bwrap"), HostTools.SENDMAIL,
				Duration.ofSeconds(5), 1024, 1, Duration.ofSeconds(1));
		assertThatExceptionOfType(SandboxUnavailableException.class)
			.isThrownBy(() -> sandbox.run("V10\n", HOST, "", "-d0.1"))
			.withMessageContaining("no bubblewrap at /nonexistent/bwrap");
	}

	@Test
	void refusesToRunWithoutSendmail() {
		SendmailSandbox sandbox = new SendmailSandbox(HostTools.BWRAP, Path.of("/nonexistent/sendmail"),
				Duration.ofSeconds(5), 1024, 1, Duration.ofSeconds(1));
		assertThatExceptionOfType(SandboxUnavailableException.class)
			.isThrownBy(() -> sandbox.run("V10\n", HOST, "", "-d0.1"))
			.withMessageContaining("no sendmail binary at /nonexistent/sendmail");
	}

	@Test
	void reportsABubblewrapThatCannotCreateItsNamespaces(@TempDir Path dir) throws Exception {
		HostTools.assumeSendmail();
		// What bwrap prints in a container that refuses user namespaces.
		Path bwrap = dir.resolve("bwrap");
		Files.writeString(bwrap, "#!/bin/sh\necho 'bwrap: No permissions to creating new namespace' >&2\nexit 1\n");
		bwrap.toFile().setExecutable(true);
		SendmailSandbox sandbox = new SendmailSandbox(bwrap, HostTools.SENDMAIL, Duration.ofSeconds(5), 1024, 1,
				Duration.ofSeconds(1));
		assertThatExceptionOfType(SandboxUnavailableException.class)
			.isThrownBy(() -> sandbox.run("V10\n", HOST, "", "-d0.1"))
			.withMessageContaining("No permissions to creating new namespace")
			.withMessageContaining("user namespaces");
		SendmailCheck.Result check = new SendmailCheck(new SendmailReader(sandbox)).check(StockPolicy.debian(),
				StockPolicy.debianBaseCf());
		assertThat(check.status()).isEqualTo(SendmailCheck.Status.SKIPPED);
		assertThat(check.reason()).contains("runs only in its sandbox", "No permissions");
	}

	@Test
	void cutsOutputAtTheCap() throws Exception {
		HostTools.assumeSendmail();
		SendmailSandbox sandbox = new SendmailSandbox(HostTools.BWRAP, HostTools.SENDMAIL, Duration.ofSeconds(10), 256,
				1, Duration.ofSeconds(1));
		SandboxRun run = sandbox.run("V10\n", HOST, "", "-d0.1");
		assertThat(run.truncated()).isTrue();
		assertThat(String.join("\n", run.lines()).length()).isLessThanOrEqualTo(256);
	}

	@Test
	void stopsARunAtTheTimeLimit() throws Exception {
		HostTools.assumeSendmail();
		SendmailSandbox sandbox = new SendmailSandbox(HostTools.BWRAP, HostTools.SENDMAIL, Duration.ofMillis(1),
				1024 * 1024, 1, Duration.ofSeconds(1));
		SandboxRun run = sandbox.run("V10\n", HOST, "", "-d0.1");
		assertThat(run.exitCode()).isEqualTo(-1);
	}

	@Test
	void refusesARunWhenEverySlotStaysBusy() throws Exception {
		HostTools.assumeSendmail();
		SendmailSandbox sandbox = new SendmailSandbox(HostTools.BWRAP, HostTools.SENDMAIL, Duration.ofSeconds(3),
				64 * 1024 * 1024, 1, Duration.ofMillis(200));
		// Two million lookups keep the one slot taken until the time limit ends the run.
		String busy = "$=t\n".repeat(2_000_000);
		CompletableFuture<SandboxRun> first = CompletableFuture.supplyAsync(() -> {
			try {
				return sandbox.run("V10\nTroot\n", HOST, busy);
			}
			catch (SandboxUnavailableException ex) {
				throw new IllegalStateException(ex);
			}
		});
		TimeUnit.MILLISECONDS.sleep(1000);
		assertThatExceptionOfType(SandboxBusyException.class).isThrownBy(() -> sandbox.run("V10\n", HOST, ""))
			.withMessageContaining("all 1 sendmail sandbox slots stayed busy");
		assertThat(first.get(20, TimeUnit.SECONDS).exitCode()).isEqualTo(-1);
		assertThat(sandbox.run("V10\n", HOST, "").exitCode()).as("the slot is free again").isNotEqualTo(-1);
	}

	@Test
	void givesSendmailAQualifiedNameAndTheSyntheticUsers() throws Exception {
		HostTools.assumeSendmail();
		SendmailSandbox sandbox = HostTools.sandbox(HostTools.SENDMAIL, Duration.ofSeconds(10));
		String cf = "V10\nO DefaultUser=alice:staff\n";
		long start = System.nanoTime();
		SandboxRun run = sandbox.run(cf, new SyntheticHost(List.of("alice", "staff", "bad\nname")), "", "-d0.1");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no 60 s wait for a qualified name")
			.isLessThan(Duration.ofSeconds(8));
		String output = String.join("\n", run.lines());
		assertThat(output).contains("(canonical domain name) $j = " + SyntheticHost.HOST_NAME);
		assertThat(output).doesNotContain("unknown user alice").doesNotContain("unknown group staff");
	}

	@Test
	void writesOnlyPlainAccountNamesIntoTheSyntheticFiles() {
		SyntheticHost host = new SyntheticHost(List.of("alice", "x:0:0::/:/bin/sh\nroot2", "-o", "ok.name"));
		assertThat(host.passwd()).contains("\nalice:x:").contains("\nok.name:x:").doesNotContain("root2");
		assertThat(host.passwd().lines()).allMatch((line) -> line.split(":", -1).length == 7);
		assertThat(SyntheticHost.isAccountName("-o")).isFalse();
	}

}
