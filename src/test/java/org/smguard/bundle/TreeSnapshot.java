package org.smguard.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything about a directory tree that an install may change: each entry's kind, owner,
 * group and mode, and a file's content or a link's target. {@code skip}: a relative
 * directory left out (the installer's own state).
 */
final class TreeSnapshot {

	private TreeSnapshot() {
	}

	static Map<String, String> of(Path root, String skip) throws IOException {
		Map<String, String> entries = new TreeMap<>();
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				String name = root.relativize(path).toString();
				if (skip != null && (name.equals(skip) || name.startsWith(skip + "/"))) {
					continue;
				}
				PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
						LinkOption.NOFOLLOW_LINKS);
				String what = attributes.owner().getName() + ":" + attributes.group().getName() + " "
						+ PosixFilePermissions.toString(attributes.permissions()) + " ";
				if (attributes.isSymbolicLink()) {
					what += "link " + Files.readSymbolicLink(path);
				}
				else if (attributes.isDirectory()) {
					what += "dir";
				}
				else {
					what += "file " + BundleWriter.sha256(Files.readAllBytes(path));
				}
				entries.put(name, what);
			}
		}
		return entries;
	}

}
