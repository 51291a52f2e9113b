package org.smguard.policy;

import java.util.List;

/**
 * A trusted-users file read by {@code Ft<path>}; {@code optional} renders sendmail's
 * {@code -o} flag (a missing file is no error).
 */
public record TrustedUsersFile(String path, boolean optional, List<String> users) {

	public TrustedUsersFile {
		users = Lists.copy(users);
	}

}
