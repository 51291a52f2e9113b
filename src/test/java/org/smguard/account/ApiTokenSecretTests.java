package org.smguard.account;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token text: recognisable, 256 random bits, and stored only as its SHA-256.
 */
class ApiTokenSecretTests {

	@Test
	void tokenIsPrefixAndThirtyTwoRandomBytesInBase64Url() {
		String token = ApiTokenSecret.generate();
		assertThat(token).startsWith("smg_").hasSize(47).matches("smg_[A-Za-z0-9_-]{43}");
		assertThat(Base64.getUrlDecoder().decode(token.substring(4))).hasSize(32);
		assertThat(ApiTokenSecret.hasTokenShape(token)).isTrue();
	}

	@Test
	void tokensDoNotRepeat() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			assertThat(seen.add(ApiTokenSecret.generate())).isTrue();
		}
	}

	@Test
	void hashIsSha256InLowerCaseHex() {
		// echo -n smg_example | sha256sum
		assertThat(ApiTokenSecret.hash("smg_example"))
			.isEqualTo("d7add67f980dd84936ee641ee6fc11aa4a8fb82d4b648fdffcbfb570354eec71");
		assertThat(ApiTokenSecret.hash("smg_example")).isNotEqualTo(ApiTokenSecret.hash("smg_examplf"));
	}

	@Test
	void refusesTextOfAnotherShapeBeforeAnyLookup() {
		assertThat(ApiTokenSecret.hasTokenShape(null)).isFalse();
		assertThat(ApiTokenSecret.hasTokenShape("")).isFalse();
		assertThat(ApiTokenSecret.hasTokenShape("smg_" + "A".repeat(42))).isFalse();
		assertThat(ApiTokenSecret.hasTokenShape("smg_" + "A".repeat(44))).isFalse();
		assertThat(ApiTokenSecret.hasTokenShape("smh_" + "A".repeat(43))).isFalse();
		assertThat(ApiTokenSecret.hasTokenShape("smg_" + "A".repeat(42) + "=")).isFalse();
		assertThat(ApiTokenSecret.hasTokenShape("smg_" + "A".repeat(43) + "\n")).isFalse();
	}

}
