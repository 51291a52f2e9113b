package org.smguard.bundle;

import java.nio.file.Path;

/** Stand-in until BundleService lands on main: a finished bundle on disk. */
public record BundleFile(String policy, int version, Path path, long size, String sha256) {
}
