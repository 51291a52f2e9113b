package org.smguard.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Message}.
 */
class MessageTests {

	private static final FieldPath ENTRIES = FieldPath.of("shells").name("entries");

	private static final FieldPath ANY_SHELL = FieldPath.of("shells").name("allowAnyShell");

	private static final Message.Namer LABELS = new Message.Namer() {

		@Override
		public String name(FieldPath path) {
			return "<" + path.segments().size() + ">";
		}

		@Override
		public String tick(FieldPath path) {
			return "tick <box>";
		}

	};

	@Test
	void namesMentionedFieldsByTheirJsonPathsForTheApi() {
		Message message = Message.mentioning(ENTRIES.index(0))
			.then(" already lists '/bin/sh'; remove it or ")
			.tick(ANY_SHELL)
			.then(" instead");
		assertThat(message).hasToString(
				"shells.entries[0] already lists '/bin/sh'; remove it or set shells.allowAnyShell to true instead");
	}

	@Test
	void letsTheReaderNameMentionedFields() {
		Message message = Message.of("see ").mention(ENTRIES.index(0)).then(" and ").tick(ANY_SHELL);
		assertThat(message.render(LABELS)).isEqualTo("see <3> and tick <box>");
	}

	@Test
	void keepsTextThatLooksLikeAPlaceholderAsItIs() {
		assertThat(Message.of("'{0}' is odd").render(LABELS)).isEqualTo("'{0}' is odd");
	}

	@Test
	void equalsAMessageOfTheSameParts() {
		assertThat(Message.of("a").mention(ENTRIES)).isEqualTo(Message.of("a").mention(ENTRIES))
			.isNotEqualTo(Message.of("a").tick(ENTRIES))
			.isNotEqualTo(Message.of("a" + ENTRIES));
	}

	@Test
	void showsAViolationAsTheApiDoes() {
		Violation violation = new Violation(ENTRIES.index(1), Message.mentioning(ENTRIES.index(0)).then(" lists it"));
		assertThat(violation.field()).isEqualTo("shells.entries[1]");
		assertThat(violation.message()).isEqualTo("shells.entries[0] lists it");
		assertThat(violation).hasToString("shells.entries[1]: shells.entries[0] lists it");
		assertThat(new Violation("shells.entries[1]", "x")).isEqualTo(new Violation(ENTRIES.index(1), "x"));
	}

}
