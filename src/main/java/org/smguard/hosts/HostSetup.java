package org.smguard.hosts;

/**
 * The shell commands that set a host up with a new token, shown once beside the token, in
 * the places {@code smguard-pull} (which every bundle carries) reads them from: the token
 * in {@value #TOKEN_FILE} (mode 0600, written through {@code printf}, a shell builtin, so
 * that it never shows in the process list), the console's address as {@code url=} in
 * {@value #CONFIG_FILE}, the public signing key in {@value #KEY_FILE}; then a first
 * request that needs nothing but curl. Pure.
 */
final class HostSetup {

	static final String TOKEN_FILE = "/etc/smguard/host-token";

	static final String CONFIG_FILE = "/etc/smguard/pull.conf";

	static final String KEY_FILE = "/etc/smguard/smguard.pub";

	/** Where the installer leaves {@code smguard-pull}. */
	static final String PULL = "/var/lib/smguard/bin/smguard-pull";

	private HostSetup() {
	}

	static String commands(String token, String consoleUrl) {
		String url = consoleUrl.endsWith("/") ? consoleUrl.substring(0, consoleUrl.length() - 1) : consoleUrl;
		return "install -d -m 0755 /etc/smguard\n" //
				+ "( umask 077 && printf '%s\\n' '" + token + "' > " + TOKEN_FILE + " )\n" //
				+ "chmod 0600 " + TOKEN_FILE + "\n" //
				+ "printf 'url=%s\\n' '" + url + "' > " + CONFIG_FILE + "\n" //
				+ "# The public signing key: download " + url + "/signing-key/smguard.pub (signed in),\n"
				+ "# compare its fingerprint with the Signing key page, copy it to the host, then:\n"
				+ "install -m 0644 smguard.pub " + KEY_FILE + "\n" //
				+ "# Check: prints the signed statement of the host's policy.\n"
				+ "printf 'header = \"Authorization: Bearer %s\"\\n' \"$(cat " + TOKEN_FILE + ")\" \\\n"
				+ "  | curl -fsS -K - '" + url + "/api/v1/hosts/self/freshness'\n"
				+ "# First install: fetch the bundle once, check its smguard-pull against the signed\n"
				+ "# MANIFEST, and let it fetch, verify and install; it stays in " + PULL + ".\n"
				+ "b=$(mktemp -d) && printf 'header = \"Authorization: Bearer %s\"\\n' \"$(cat " + TOKEN_FILE
				+ ")\" \\\n" + "  | curl -fsS -K - -o \"$b/bundle.tar.gz\" '" + url + "/api/v1/hosts/self/bundle' \\\n"
				+ "  && tar -xzf \"$b/bundle.tar.gz\" -C \"$b\" MANIFEST MANIFEST.sig smguard-pull \\\n"
				+ "  && openssl pkeyutl -verify -pubin -inkey " + KEY_FILE
				+ " -rawin -in \"$b/MANIFEST\" -sigfile \"$b/MANIFEST.sig\" \\\n"
				+ "  && grep -qx \"$(printf 'tool\\tsmguard-pull\\t0755\\t')$(sha256sum < \"$b/smguard-pull\" | cut -d' ' -f1)\" \"$b/MANIFEST\" \\\n"
				+ "  && sh \"$b/smguard-pull\" && rm -rf \"$b\"\n" + "# Then every 15 minutes (or a systemd timer):\n"
				+ "echo '*/15 * * * * root " + PULL + "' > /etc/cron.d/smguard\n";
	}

}
