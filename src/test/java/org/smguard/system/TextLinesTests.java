package org.smguard.system;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TextLines}.
 */
class TextLinesTests {

	@Test
	void parsesNothingFromNullOrEmptyText() {
		assertThat(TextLines.parse(null)).isEmpty();
		assertThat(TextLines.parse("")).isEmpty();
		assertThat(TextLines.parse(" \r\n\t\r\n")).isEmpty();
	}

	@Test
	void splitsBrowserLinesAndUnixLines() {
		assertThat(TextLines.parse("root\r\ndaemon\nuucp")).containsExactly("root", "daemon", "uucp");
	}

	@Test
	void skipsBlankLinesAndTrimsSurroundingSpace() {
		assertThat(TextLines.parse("\r\n  /bin/sh \r\n\r\n\t/bin/bash\t\r\n")).containsExactly("/bin/sh", "/bin/bash");
	}

	@Test
	void keepsSpacesInsideALine() {
		assertThat(TextLines.parse("vacation  /usr/bin/vacation")).containsExactly("vacation  /usr/bin/vacation");
	}

	@Test
	void keepsStrayCharactersForTheValidatorToReport() {
		assertThat(TextLines.parse("root\rdaemon")).containsExactly("root\rdaemon");
		assertThat(TextLines.parse("/bin/sh\u00a0")).containsExactly("/bin/sh\u00a0");
		assertThat(TextLines.parse("ro\u0000ot")).containsExactly("ro\u0000ot");
	}

	@Test
	void joinsWithLineFeeds() {
		assertThat(TextLines.join(List.of("root", "daemon"))).isEqualTo("root\ndaemon");
		assertThat(TextLines.join(List.of())).isEmpty();
	}

	@Test
	void parsesWhatItJoined() {
		List<String> entries = List.of("/bin/sh", "/usr/bin/bash", "vacation /usr/bin/vacation");
		assertThat(TextLines.parse(TextLines.join(entries))).isEqualTo(entries);
	}

}
