package org.smguard.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The scripts every bundle carries ({@code src/main/resources/bundle/}): the installer,
 * its rollback and the host's pull script. Read once; their hashes are in each MANIFEST.
 */
@Component
class BundleScripts {

	static final String INSTALL = "install.sh";

	static final String ROLLBACK = "rollback.sh";

	static final String PULL = "smguard-pull";

	private final Map<String, byte[]> scripts = new LinkedHashMap<>();

	BundleScripts() {
		for (String name : List.of(INSTALL, ROLLBACK, PULL)) {
			try (InputStream in = new ClassPathResource("bundle/" + name).getInputStream()) {
				this.scripts.put(name, in.readAllBytes());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read the bundle script " + name, ex);
			}
		}
	}

	byte[] bytes(String name) {
		byte[] bytes = this.scripts.get(name);
		if (bytes == null) {
			throw new IllegalArgumentException("no bundle script " + name);
		}
		return bytes.clone();
	}

	/** A digest of every script, which a cached bundle's name depends on. */
	String digest() {
		StringBuilder all = new StringBuilder();
		this.scripts
			.forEach((name, bytes) -> all.append(name).append(' ').append(BundleWriter.sha256(bytes)).append('\n'));
		return BundleWriter.sha256(all.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}

}
