package org.smguard.render;

import java.util.List;

import org.smguard.policy.StockPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-written variants of the shipped base cf, made by exact text replacements. */
public final class CfEdits {

	public static final String BASE = StockPolicy.debianBaseCf();

	private CfEdits() {
	}

	/**
	 * {@code cf} with {@code from} (which must occur exactly once) replaced by
	 * {@code to}.
	 */
	static String replace(String cf, String from, String to) {
		int at = cf.indexOf(from);
		assertThat(at).as("'%s' in the cf", from).isNotNegative();
		assertThat(cf.indexOf(from, at + 1)).as("'%s' occurs once", from).isNegative();
		return cf.substring(0, at) + to + cf.substring(at + from.length());
	}

	/** The shipped base with each pair of {@code from, to} replaced. */
	static String base(String... fromTo) {
		String cf = BASE;
		for (int i = 0; i < fromTo.length; i += 2) {
			cf = replace(cf, fromTo[i], fromTo[i + 1]);
		}
		return cf;
	}

	/** Lines of {@code cf} that start with {@code prefix}. */
	static List<String> linesStartingWith(String cf, String prefix) {
		return cf.lines().filter((line) -> line.startsWith(prefix)).toList();
	}

}
