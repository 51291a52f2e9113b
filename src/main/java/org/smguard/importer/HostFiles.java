package org.smguard.importer;

/**
 * Files taken from a running mail host; any may be {@code null}. {@code smbin} is an
 * {@code ls -l} listing of the sm.bin directory or a tar of it; {@code forwards} is a tar
 * of the override directory.
 */
public record HostFiles(byte[] cf, byte[] shells, byte[] trustedUsers, byte[] smbin, byte[] forwards) {

	public boolean isEmpty() {
		return this.cf == null && this.shells == null && this.trustedUsers == null && this.smbin == null
				&& this.forwards == null;
	}

}
