package org.smguard.policy;

import java.util.List;

/**
 * Class {@code t}: the users sendmail trusts to set the sender with {@code -f}.
 *
 * @param lineStyle how the names are written into the cf ({@code T} or {@code Ct} lines)
 * @param users names written into the cf, in order
 * @param file the {@code Ft} trusted-users file, or {@code null} for none
 */
public record TrustedUsers(LineStyle lineStyle, List<String> users, TrustedUsersFile file) {

	/**
	 * Most names in one list: the cf's class {@code t}, and separately the {@code Ft}
	 * file. Sendmail keeps class {@code t} in memory for every message.
	 */
	public static final int MAX_USERS = 20_000;

	public TrustedUsers {
		users = Lists.copy(users);
	}

	/**
	 * The two spellings sendmail 8.7+ reads the same way; m4 and Debian write {@code T}.
	 */
	public enum LineStyle {

		T, Ct

	}

}
