package org.smguard.system;

import java.util.HashMap;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Message;
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

	private static final FieldPath USERS = FieldPath.of("trustedUsers").name("users");

	private static final FieldPath FILE = FieldPath.of("trustedUsers").name("file");

	private static final FieldPath FILE_USERS = FILE.name("users");

	private static final FieldPath PROGRAMS = FieldPath.of("smrsh").name("programs");

	private static final FieldPath FLAGS = FieldPath.of("options").name("PrivacyOptions");

	private static final FieldPath ANY_SHELL = FieldPath.of("shells").name("allowAnyShell");

	private static final FieldPath FORWARD_PATH = FieldPath.of("options").name("ForwardPath");

	private static final FormFields FIELDS = FormFields.none()
		.lines(USERS, "users", "Names in sendmail.cf")
		.field(FILE, "file", "Trusted-users file")
		.lines(FILE_USERS, "fileUsers", "Names in the file")
		.lines(PROGRAMS, "programs", "Allowed programs")
		.field(FLAGS, "flags", "PrivacyOptions")
		.field(ANY_SHELL, "allowAnyShell", "I understand the risk")
		.elsewhere(FORWARD_PATH, "ForwardPath (Security options tab)");

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
		BindingResult result = reject(new Violation(USERS, "is required"));
		FieldError error = result.getFieldError("users");
		assertThat(error).isNotNull();
		assertThat(error.getDefaultMessage()).isEqualTo("is required");
		assertThat(error.getCode()).isEqualTo("invalid");
		assertThat(result.getGlobalErrors()).isEmpty();
	}

	@Test
	void namesTheLineOfAnIndexedPath() {
		BindingResult result = reject(new Violation(USERS.index(0), "'a b' is bad"),
				new Violation(USERS.index(11), "'x' is bad"));
		assertThat(messages(result.getFieldErrors("users"))).containsExactly("line 1: 'a b' is bad",
				"line 12: 'x' is bad");
	}

	@Test
	void namesTheLineOfAPropertyOfAnIndexedEntry() {
		BindingResult result = reject(new Violation(PROGRAMS.index(2).name("name"), "'../sh' is bad"),
				new Violation(PROGRAMS.index(2).name("target"), "is required"));
		assertThat(messages(result.getFieldErrors("programs"))).containsExactly("line 3: '../sh' is bad",
				"line 3: is required");
	}

	@Test
	void numbersNoLineOfAFieldThatIsNoTextArea() {
		BindingResult result = reject(new Violation(FLAGS.index(1), "'x' is not a known privacy flag"));
		assertThat(messages(result.getFieldErrors("flags"))).containsExactly("'x' is not a known privacy flag");
	}

	@Test
	void prefersTheLongestMappedPrefix() {
		BindingResult result = reject(new Violation(FILE_USERS.index(1), "is repeated"),
				new Violation(FILE.name("path"), "must be absolute"));
		assertThat(messages(result.getFieldErrors("fileUsers"))).containsExactly("line 2: is repeated");
		assertThat(messages(result.getFieldErrors("file"))).containsExactly("must be absolute");
	}

	@Test
	void matchesPrefixesOnlyWholeSegments() {
		BindingResult result = reject(new Violation(FieldPath.of("trustedUsers").name("usersExtra"), "is odd"));
		assertThat(result.getFieldErrorCount()).isZero();
		assertThat(messages(result.getGlobalErrors())).containsExactly("Trusted users, users extra: is odd");
	}

	@Test
	void makesViolationOfAFieldElsewhereAGlobalErrorThatNamesItsLabel() {
		BindingResult result = reject(new Violation(FORWARD_PATH, "does not list the overrides"));
		assertThat(result.getFieldErrorCount()).isZero();
		assertThat(messages(result.getGlobalErrors()))
			.containsExactly("ForwardPath (Security options tab): does not list the overrides");
	}

	@Test
	void spellsOutAPathNoEntryCoversWithoutShowingIt() {
		BindingResult result = reject(new Violation(FieldPath.of("smrsh").name("binDirectory"), "is required"),
				new Violation(FieldPath.of("draft"), "has no changes"));
		assertThat(messages(result.getGlobalErrors())).containsExactly("Smrsh, bin directory: is required",
				"Draft: has no changes");
	}

	@Test
	void namesAMentionedLineOfTheSameTextAreaByItsNumber() {
		BindingResult result = reject(new Violation(USERS.index(2),
				Message.mentioning(USERS.index(0)).then(" already lists 'root'; list each user once")));
		assertThat(messages(result.getFieldErrors("users")))
			.containsExactly("line 3: line 1 already lists 'root'; list each user once");
	}

	@Test
	void namesAMentionedLineOfAnotherTextAreaWithItsLabel() {
		BindingResult result = reject(new Violation(FILE_USERS.index(1),
				Message.of("'root' is already trusted by ").mention(USERS.index(0)).then("; it is redundant")));
		assertThat(messages(result.getFieldErrors("fileUsers")))
			.containsExactly("line 2: 'root' is already trusted by line 1 of *Names in sendmail.cf*; it is redundant");
	}

	@Test
	void asksToTickABoxByItsLabel() {
		BindingResult result = reject(new Violation(FieldPath.of("shells").name("entries").index(0),
				Message.of("remove it here and ").tick(ANY_SHELL).then(" to acknowledge the risk")));
		assertThat(messages(result.getGlobalErrors()))
			.containsExactly("Shells, entries, entry 1: remove it here and tick *I understand the risk* to"
					+ " acknowledge the risk");
	}

	@Test
	void describesAViolationWithTheLabelAndLineOfItsField() {
		Violation warning = new Violation(FILE_USERS.index(0),
				Message.of("'root' is already trusted by ").mention(USERS.index(3)));
		assertThat(FormErrors.describe(warning, FIELDS))
			.isEqualTo("Names in the file, line 1: 'root' is already trusted by line 4 of *Names in sendmail.cf*");
		assertThat(FormErrors.describe(new Violation(ANY_SHELL, "is risky"), FIELDS))
			.isEqualTo("I understand the risk: is risky");
	}

	@Test
	void keepsTheOrderOfTheViolations() {
		BindingResult result = reject(new Violation(USERS.index(1), "second line"),
				new Violation(USERS.index(0), "first line"), new Violation(FORWARD_PATH, "global"));
		assertThat(messages(result.getAllErrors())).containsExactly("line 2: second line", "line 1: first line",
				"ForwardPath (Security options tab): global");
	}

	@Test
	void doesNothingWithoutViolations() {
		assertThat(reject().hasErrors()).isFalse();
	}

}
