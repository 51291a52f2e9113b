package org.smguard.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content-addressed rows stored by two transactions at once, against the real H2 file
 * database: the second finds the key the first committed meanwhile and goes on, with no
 * duplicate-key error and one row.
 */
@SpringBootTest
@DirtiesContext
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ContentStoreRaceTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", dataDir::toString);
		registry.add("smguard.admin-password", () -> "race-operator-secret");
	}

	@Autowired
	private PolicyStore store;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void storesTheSameBaseCfFromTwoTransactionsAtOnce() throws Exception {
		String cf = "V10\n# stored twice at once " + System.nanoTime() + "\n";
		String hash = PolicyJson.sha256(cf);
		race(() -> this.store.storeBaseCf(cf));
		assertThat(
				this.jdbc.sql("SELECT COUNT(*) FROM base_cf WHERE sha256 = ?").param(hash).query(Long.class).single())
			.isOne();
	}

	@Test
	void storesTheSameOverrideContentFromTwoTransactionsAtOnce() throws Exception {
		String content = "bob@elsewhere.example " + System.nanoTime() + "\n";
		List<Forwards.OverrideFile> overrides = List.of(new Forwards.OverrideFile("bob", content),
				new Forwards.OverrideFile("carol", "other " + System.nanoTime()));
		race(() -> this.store.storeContents(overrides));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM override_content WHERE sha256 = ?")
			.param(PolicyJson.sha256(content))
			.query(Long.class)
			.single()).isOne();
	}

	/**
	 * Runs {@code store} in two transactions: the second stores while the first has
	 * stored but not yet committed, then the first commits. Both must commit.
	 */
	private void race(Runnable store) throws Exception {
		CountDownLatch firstStored = new CountDownLatch(1);
		CountDownLatch commitFirst = new CountDownLatch(1);
		CompletableFuture<Void> first = CompletableFuture
			.runAsync(() -> this.transactions.executeWithoutResult((tx) -> {
				store.run();
				firstStored.countDown();
				await(commitFirst);
			}));
		assertThat(firstStored.await(20, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> second = CompletableFuture
			.runAsync(() -> this.transactions.executeWithoutResult((tx) -> store.run()));
		// The second now waits on the first's uncommitted key, or finds it absent.
		TimeUnit.MILLISECONDS.sleep(500);
		commitFirst.countDown();
		first.get(20, TimeUnit.SECONDS);
		second.get(20, TimeUnit.SECONDS);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
