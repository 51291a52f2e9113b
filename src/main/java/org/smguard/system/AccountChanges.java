package org.smguard.system;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A change stamp per account, kept in memory, so that the browser's sessions re-read an
 * account when it changed instead of at every request. Every write to an account reports
 * itself here; the stamp moves once that write has committed, so a request that sees the
 * new stamp also reads the new account.
 * <p>
 * The stamps know only of changes made through this process. That is all of them while
 * one process owns the database; for changes made elsewhere (SQL by hand, or another
 * instance on a shared database) the sessions also re-read their account after a short
 * while ({@code smguard.account-recheck}).
 */
public final class AccountChanges {

	private final AtomicLong sequence = new AtomicLong();

	private final ConcurrentMap<String, Long> stamps = new ConcurrentHashMap<>();

	AccountChanges() {
	}

	/**
	 * Reports a change of the account (roles, enabled flag, password): at the commit of
	 * the current transaction, or at once outside of one.
	 */
	public void changed(String username) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					stamp(username);
				}

			});
		}
		else {
			stamp(username);
		}
	}

	/** The account's stamp: it differs from any earlier one once the account changed. */
	long stampOf(String username) {
		return this.stamps.getOrDefault(username, 0L);
	}

	private void stamp(String username) {
		this.stamps.put(username, this.sequence.incrementAndGet());
	}

}
