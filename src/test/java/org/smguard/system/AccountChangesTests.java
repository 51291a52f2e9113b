package org.smguard.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's stamp moves when a change to it is committed, and only then: a session
 * that sees the new stamp must also find the new account in the database.
 */
class AccountChangesTests {

	private final AccountChanges changes = new AccountChanges();

	@AfterEach
	void endTransaction() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

	@Test
	void movesTheStampOfAChangedAccountOnly() {
		long dora = this.changes.stampOf("dora");
		long rita = this.changes.stampOf("rita");
		this.changes.changed("dora");
		assertThat(this.changes.stampOf("dora")).isNotEqualTo(dora);
		assertThat(this.changes.stampOf("rita")).isEqualTo(rita);
	}

	@Test
	void givesEveryChangeANewStamp() {
		this.changes.changed("dora");
		long first = this.changes.stampOf("dora");
		this.changes.changed("dora");
		assertThat(this.changes.stampOf("dora")).isNotEqualTo(first);
	}

	@Test
	void movesTheStampWhenTheTransactionCommits() {
		long before = this.changes.stampOf("dora");
		TransactionSynchronizationManager.initSynchronization();
		this.changes.changed("dora");
		assertThat(this.changes.stampOf("dora")).as("before the commit").isEqualTo(before);
		TransactionSynchronizationUtils.triggerAfterCommit();
		assertThat(this.changes.stampOf("dora")).as("after the commit").isNotEqualTo(before);
	}

	@Test
	void keepsTheStampWhenTheTransactionRollsBack() {
		long before = this.changes.stampOf("dora");
		TransactionSynchronizationManager.initSynchronization();
		this.changes.changed("dora");
		TransactionSynchronizationUtils.triggerAfterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);
		assertThat(this.changes.stampOf("dora")).isEqualTo(before);
	}

}
