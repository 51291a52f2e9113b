package org.smguard.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link FieldPath}.
 */
class FieldPathTests {

	private static final FieldPath USERS = FieldPath.of("trustedUsers").name("file").name("users");

	@Test
	void spellsTheJsonPathOfTheApi() {
		assertThat(USERS.index(2)).hasToString("trustedUsers.file.users[2]");
		assertThat(FieldPath.of("smrsh").name("programs").index(0).name("name")).hasToString("smrsh.programs[0].name");
		assertThat(FieldPath.of("options").name("PrivacyOptions").index(1).index(0))
			.hasToString("options.PrivacyOptions[1][0]");
	}

	@Test
	void equalsAPathOfTheSameSegments() {
		assertThat(USERS.index(2)).isEqualTo(FieldPath.of("trustedUsers").name("file").name("users").index(2))
			.hasSameHashCodeAs(FieldPath.of("trustedUsers").name("file").name("users").index(2))
			.isNotEqualTo(USERS.index(3))
			.isNotEqualTo(FieldPath.of("trustedUsers.file.users[2]"));
	}

	@Test
	void startsWithWholeSegmentsOnly() {
		assertThat(USERS.index(2)).matches((path) -> path.startsWith(USERS));
		assertThat(USERS).matches((path) -> path.startsWith(USERS));
		assertThat(FieldPath.of("trustedUsers").name("file").name("usersExtra").startsWith(USERS)).isFalse();
		assertThat(USERS.startsWith(USERS.index(0))).isFalse();
		assertThat(USERS.index(2).name("name").after(USERS)).containsExactly(new FieldPath.Index(2),
				new FieldPath.Name("name"));
	}

	@Test
	void parsesTheJsonPathItSpells() {
		FieldPath path = FieldPath.of("smrsh").name("programs").index(12).name("target");
		assertThat(FieldPath.parse(path.toString())).isEqualTo(path);
		assertThat(FieldPath.parse("options")).isEqualTo(FieldPath.of("options"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "a..b", ".a", "a.", "a[x]", "a[01]", "a[2", "a]b", "a[2]b", "[", "a b.c" })
	void takesTextThatIsNoPathAsOneNameAndGivesItBack(String text) {
		assertThat(FieldPath.parse(text)).hasToString(text);
	}

	@Test
	void refusesANegativeIndex() {
		assertThatIllegalArgumentException().isThrownBy(() -> USERS.index(-1));
	}

}
