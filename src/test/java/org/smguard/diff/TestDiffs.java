package org.smguard.diff;

import java.util.List;

import org.smguard.policy.Forwards;
import org.smguard.policy.OverrideChange;
import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.StockPolicy;

/** Diffs the controller tests share. */
final class TestDiffs {

	private TestDiffs() {
	}

	/**
	 * From Debian's stock settings (version 1) to a version 2 with LogLevel unset,
	 * {@code listmaster} trusted and an override file whose content is markup.
	 */
	static VersionDiff stockToEdited() {
		Policy stock = StockPolicy.debian();
		SecurityOptions o = stock.options();
		Policy edited = stock
			.withTrustedUsers(new org.smguard.policy.TrustedUsers(stock.trustedUsers().lineStyle(),
					List.of("root", "daemon", "uucp", "listmaster"), null))
			.withOptions(new SecurityOptions(o.defaultUser(), o.forwardPath(), null, o.postmasterCopy(),
					o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
		String base = StockPolicy.debianBaseCf();
		return PolicyDiffs.between("default", new PolicyDiffs.Side(1, stock, base),
				new PolicyDiffs.Side(2, edited.withForwards(new Forwards(Forwards.DEFAULT_DIRECTORY, List.of())), base),
				List.of(new OverrideChange("bob", null, "<script>alert('bob')</script>")));
	}

	/** Version 2 against itself. */
	static VersionDiff same() {
		Policy stock = StockPolicy.debian();
		String base = StockPolicy.debianBaseCf();
		return PolicyDiffs.between("default", new PolicyDiffs.Side(2, stock, base),
				new PolicyDiffs.Side(2, stock, base), List.of());
	}

}
