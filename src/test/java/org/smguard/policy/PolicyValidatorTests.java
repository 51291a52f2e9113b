package org.smguard.policy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.policy.Forwards.OverrideFile;
import org.smguard.policy.Smrsh.Program;
import org.smguard.policy.TrustedUsers.LineStyle;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PolicyValidator}: that it runs every section's rules and the rule that
 * spans {@code forwards} and {@code options}.
 */
class PolicyValidatorTests {

	private static final String DIRECTORY = "/usr/local/etc/forwards";

	private static Policy debian() {
		return new Policy(new TrustedUsers(LineStyle.T, List.of("root", "daemon", "uucp"), null),
				new Shells(List.of("/bin/sh", "/usr/bin/sh", "/bin/bash", "/usr/bin/bash", "/bin/rbash",
						"/usr/bin/rbash", "/bin/dash", "/usr/bin/dash"), false),
				new Smrsh(false, Smrsh.DEFAULT_PATH, Smrsh.DEFAULT_BIN_DIRECTORY,
						List.of(new Program("mail.local", "/usr/libexec/sendmail/mail.local"))),
				new Forwards(DIRECTORY, List.of()),
				new SecurityOptions(
						"mail:mail", "$z/.forward.$w:$z/.forward", 9, null, List.of("needmailhelo", "needexpnhelo",
								"needvrfyhelo", "restrictqrun", "restrictexpand", "nobodyreturn", "authwarnings"),
						"/", "0640"));
	}

	private static Policy withOverrides(String forwardPath) {
		Policy policy = debian();
		return policy
			.withForwards(new Forwards(DIRECTORY, List.of(new OverrideFile("bob", ""), new OverrideFile("carol", ""))))
			.withOptions(new SecurityOptions("mail:mail", forwardPath, 9, null, List.of(), "/", "0600"));
	}

	private static List<Violation> forwardPathErrors(Violations violations) {
		return violations.errors().stream().filter((error) -> error.field().equals("options.ForwardPath")).toList();
	}

	@Test
	void acceptsDebianStockSettingsWithoutWarnings() {
		Violations violations = PolicyValidator.validate(debian());
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).isEmpty();
	}

	@Test
	void acceptsTheApiExample() {
		Policy policy = new Policy(
				new TrustedUsers(LineStyle.T, List.of("root", "daemon", "uucp"),
						new TrustedUsersFile("/etc/mail/trusted-users", true, List.of("majordomo"))),
				new Shells(List.of("/bin/sh", "/bin/bash"), false),
				new Smrsh(true, "/usr/libexec/sendmail/smrsh", "/etc/mail/smrsh",
						List.of(new Program("vacation", "/usr/bin/vacation"))),
				new Forwards(DIRECTORY, List.of(new OverrideFile("bob", ""))),
				new SecurityOptions("mailnull:mailnull", "/usr/local/etc/forwards/$u.forward:$z/.forward", 9, null,
						List.of("goaway", "restrictmailq", "restrictqrun"), "/", "0600"));
		Violations violations = PolicyValidator.validate(policy);
		assertThat(violations.errors()).isEmpty();
		assertThat(violations.warnings()).isEmpty();
	}

	@Test
	void requiresEverySection() {
		assertThat(PolicyValidator.validate(new Policy(null, null, null, null, null)).errors())
			.extracting(Violation::toString)
			.containsExactly("trustedUsers: is required", "shells: is required", "smrsh: is required",
					"forwards: is required", "options: is required");
	}

	@Test
	void requiresEverySectionOfAMissingPolicy() {
		assertThat(PolicyValidator.validate(null).errors()).extracting(Violation::field)
			.containsExactly("trustedUsers", "shells", "smrsh", "forwards", "options");
	}

	@Test
	void requiresOneMissingSection() {
		assertThat(PolicyValidator.validate(debian().withSmrsh(null)).errors())
			.containsExactly(new Violation("smrsh", "is required"));
	}

	@Test
	void collectsErrorsAndWarningsOfEverySection() {
		Policy policy = debian().withTrustedUsers(new TrustedUsers(LineStyle.Ct, List.of("bad;user"), null))
			.withShells(new Shells(List.of("/bin/sh", "/SENDMAIL/ANY/SHELL/"), true))
			.withSmrsh(new Smrsh(true, Smrsh.DEFAULT_PATH, "/etc/mail/../smrsh", List.of()))
			.withForwards(new Forwards("relative", List.of()))
			.withOptions(new SecurityOptions("root", null, null, null, null, null, "0644"));
		Violations violations = PolicyValidator.validate(policy);
		assertThat(violations.errors()).extracting(Violation::field)
			.containsExactly("trustedUsers.users[0]", "shells.entries[1]", "smrsh.binDirectory", "forwards.directory",
					"options.DefaultUser");
		assertThat(violations.warnings()).extracting(Violation::field)
			.containsExactly("shells.allowAnyShell", "smrsh.programs", "options.TempFileMode");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/usr/local/etc/forwards/$u.forward", "/usr/local/etc/forwards/$u.forward:$z/.forward",
			"/usr/local/etc/forwards/$u.forward:$z/.forward.$w:$z/.forward",
			"/etc/mail/forward/$u:/usr/local/etc/forwards/$u.forward:$z/.forward",
			"/usr/local/etc/forwards/$u.forward:$z/.forward:/usr/local/etc/forwards/$u.forward" })
	void acceptsOverridesReadBeforeTheUsersOwnFiles(String forwardPath) {
		assertThat(PolicyValidator.validate(withOverrides(forwardPath)).errors()).isEmpty();
	}

	@Test
	void rejectsOverridesWithForwardPathUnset() {
		List<Violation> errors = forwardPathErrors(PolicyValidator.validate(withOverrides(null)));
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).message()).contains("unset")
			.contains("'/usr/local/etc/forwards/$u.forward'")
			.contains("stops at the first one that opens");
	}

	@Test
	void rejectsOverridesWithForwardFilesTurnedOff() {
		List<Violation> errors = forwardPathErrors(PolicyValidator.validate(withOverrides("")));
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).message()).contains("empty").contains("never read them");
	}

	@ParameterizedTest
	@ValueSource(strings = { "$z/.forward", "$z/.forward.$w:$z/.forward", "/etc/mail/forwards/$u.forward:$z/.forward",
			"/usr/local/etc/forwards/$u:$z/.forward", "/usr/local/etc/forwards/$u.forward.$w:$z/.forward",
			"/usr/local/etc/forwards/bob.forward:$z/.forward" })
	void rejectsForwardPathWithoutTheOverrideElement(String forwardPath) {
		List<Violation> errors = forwardPathErrors(PolicyValidator.validate(withOverrides(forwardPath)));
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).message()).contains("does not list '/usr/local/etc/forwards/$u.forward'")
			.contains("2 override files");
	}

	@ParameterizedTest
	@ValueSource(strings = { "$z/.forward:/usr/local/etc/forwards/$u.forward",
			"$z/.forward.$w:/usr/local/etc/forwards/$u.forward:$z/.forward",
			"/etc/x/$u:$z/.forward+$h:/usr/local/etc/forwards/$u.forward" })
	void rejectsOverrideElementAfterAFileTheUserCanWrite(String forwardPath) {
		List<Violation> errors = forwardPathErrors(PolicyValidator.validate(withOverrides(forwardPath)));
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).message()).contains("before '/usr/local/etc/forwards/$u.forward'")
			.contains("stops at the first one that opens")
			.contains("$z");
	}

	@Test
	void followsTheConfiguredOverrideDirectory() {
		Policy policy = withOverrides("/srv/forwards/$u.forward:$z/.forward")
			.withForwards(new Forwards("/srv/forwards", List.of(new OverrideFile("bob", ""))));
		assertThat(PolicyValidator.validate(policy).errors()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "$z/.forward", "$z/.forward:/elsewhere/$u" })
	void acceptsAnyValidForwardPathWithoutOverrides(String forwardPath) {
		Policy policy = debian().withOptions(new SecurityOptions(null, forwardPath, null, null, null, null, null));
		assertThat(PolicyValidator.validate(policy).errors()).isEmpty();
	}

	@Test
	void acceptsUnsetForwardPathWithoutOverrides() {
		assertThat(PolicyValidator.validate(debian().withOptions(SecurityOptions.unset())).errors()).isEmpty();
	}

	@Test
	void reportsAnInvalidForwardPathOnlyOnce() {
		List<Violation> errors = forwardPathErrors(PolicyValidator.validate(withOverrides("$z/../x")));
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).message()).contains("'..'");
	}

	@Test
	void skipsTheCrossSectionRuleWhenTheDirectoryIsInvalid() {
		Policy policy = withOverrides("$z/.forward")
			.withForwards(new Forwards("/usr/local/etc/forwards/", List.of(new OverrideFile("bob", ""))));
		assertThat(PolicyValidator.validate(policy).errors()).extracting(Violation::field)
			.containsExactly("forwards.directory");
	}

	@Test
	void checksTheCrossSectionRuleWhenAnOverrideIsInvalid() {
		Policy policy = withOverrides(null)
			.withForwards(new Forwards(DIRECTORY, List.of(new OverrideFile("bad;user", ""))));
		assertThat(PolicyValidator.validate(policy).errors()).extracting(Violation::field)
			.containsExactly("forwards.overrides[0].user", "options.ForwardPath");
	}

}
