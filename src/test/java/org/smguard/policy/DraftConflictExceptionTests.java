package org.smguard.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DraftConflictException}: the conflict page sends the editor back to
 * the tab whose form was refused.
 */
class DraftConflictExceptionTests {

	@ParameterizedTest
	@CsvSource({ "/policies/mx/shells, /policies/mx/shells",
			"/policies/mx/forwards/overrides/bob/delete, /policies/mx/forwards",
			"/policies/mx/versions, /policies/mx/versions", "/policies/other/shells, /policies/mx/trusted-users",
			"/policies/mx/%2e%2e, /policies/mx/trusted-users" })
	void reloadsTheTabTheRefusedFormCameFrom(String requestPath, String reloadPath) {
		assertThat(DraftConflictException.editorPath(requestPath, "mx")).isEqualTo(reloadPath);
	}

}
