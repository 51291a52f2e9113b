package org.smguard.bundle;

import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A finished deployment bundle on disk: a {@code .tar.gz} of one version of a policy. */
public record BundleFile(String policy, int version, @JsonIgnore Path path, long size, String sha256) {

	/** The name a download of it gets: {@code smguard-<policy>-<version>.tar.gz}. */
	@JsonIgnore
	public String fileName() {
		return "smguard-" + this.policy + "-" + this.version + ".tar.gz";
	}

}
