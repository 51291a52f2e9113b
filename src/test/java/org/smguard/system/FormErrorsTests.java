package org.smguard.system;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.smguard.validation.Violation;

import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;
import org.springframework.validation.ObjectError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FormErrors}.
 */
class FormErrorsTests {

	private static final Map<String, String> FIELDS = Map.of("trustedUsers.users", "users", "trustedUsers.file", "file",
			"trustedUsers.file.users", "fileUsers", "smrsh.programs", "programs");

	private static BindingResult reject(Violation... violations) {
		BindingResult result = new MapBindingResult(new HashMap<>(), "form");
		FormErrors.reject(result, List.of(violations), FIELDS);
		return result;
	}

	private static List<String> messages(List<? extends ObjectError> errors) {
		return errors.stream().map(ObjectError::getDefaultMessage).toList();
	}

	@Test
	void putsViolationOfMappedPathOnItsField() {
		BindingResult result = reject(new Violation("trustedUsers.users", "is required"));
		FieldError error = result.getFieldError("users");
		assertThat(error).isNotNull();
		assertThat(error.getDefaultMessage()).isEqualTo("is required");
		assertThat(error.getCode()).isEqualTo("invalid");
		assertThat(result.getGlobalErrors()).isEmpty();
	}

	@Test
	void namesTheLineOfAnIndexedPath() {
		BindingResult result = reject(new Violation("trustedUsers.users[0]", "'a b' is bad"),
				new Violation("trustedUsers.users[11]", "'x' is bad"));
		assertThat(messages(result.getFieldErrors("users"))).containsExactly("line 1: 'a b' is bad",
				"line 12: 'x' is bad");
	}

	@Test
	void namesTheLineOfAPropertyOfAnIndexedEntry() {
		BindingResult result = reject(new Violation("smrsh.programs[2].name", "'../sh' is bad"),
				new Violation("smrsh.programs[2].target", "is required"));
		assertThat(messages(result.getFieldErrors("programs"))).containsExactly("line 3: '../sh' is bad",
				"line 3: is required");
	}

	@Test
	void prefersTheLongestMappedPrefix() {
		BindingResult result = reject(new Violation("trustedUsers.file.users[1]", "is repeated"),
				new Violation("trustedUsers.file.path", "must be absolute"));
		assertThat(messages(result.getFieldErrors("fileUsers"))).containsExactly("line 2: is repeated");
		assertThat(messages(result.getFieldErrors("file"))).containsExactly("must be absolute");
	}

	@Test
	void matchesPrefixesOnlyAtPathBoundaries() {
		BindingResult result = reject(new Violation("trustedUsers.usersExtra", "is odd"));
		assertThat(result.getFieldErrorCount()).isZero();
		assertThat(messages(result.getGlobalErrors())).containsExactly("trustedUsers.usersExtra: is odd");
	}

	@Test
	void makesUnmappedViolationAGlobalErrorThatNamesItsPath() {
		BindingResult result = reject(new Violation("options.ForwardPath", "does not list the overrides"));
		assertThat(result.getFieldErrorCount()).isZero();
		assertThat(messages(result.getGlobalErrors()))
			.containsExactly("options.ForwardPath: does not list the overrides");
	}

	@Test
	void keepsTheOrderOfTheViolations() {
		BindingResult result = reject(new Violation("trustedUsers.users[1]", "second line"),
				new Violation("trustedUsers.users[0]", "first line"), new Violation("draft", "global"));
		assertThat(messages(result.getAllErrors())).containsExactly("line 2: second line", "line 1: first line",
				"draft: global");
	}

	@Test
	void doesNothingWithoutViolations() {
		assertThat(reject().hasErrors()).isFalse();
	}

}
