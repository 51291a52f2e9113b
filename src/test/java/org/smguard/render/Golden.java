package org.smguard.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Golden files under {@code src/test/resources/golden/}, compared byte for byte. Run the
 * tests with {@code -Dgolden.update=true} to write the current output over them, then
 * review the change with {@code git diff} before committing it.
 */
public final class Golden {

	public static final String UPDATE_PROPERTY = "golden.update";

	private static final Path SOURCE = Path.of("src/test/resources/golden");

	private Golden() {
	}

	/**
	 * Fails unless {@code actual} is byte for byte the golden file {@code name} (which
	 * may name a subdirectory: {@code diff/x.json}).
	 */
	public static void assertMatches(String name, String actual) {
		byte[] bytes = actual.getBytes(StandardCharsets.UTF_8);
		if (Boolean.getBoolean(UPDATE_PROPERTY)) {
			try {
				Path target = SOURCE.resolve(name);
				Files.createDirectories(target.getParent());
				Files.write(target, bytes);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return;
		}
		try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
			if (in == null) {
				fail("no golden file golden/" + name + ": run the tests once with -D" + UPDATE_PROPERTY
						+ "=true and review what they write");
			}
			String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(actual).as("golden/%s (regenerate with -D%s=true)", name, UPDATE_PROPERTY).isEqualTo(expected);
			assertThat(bytes).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
