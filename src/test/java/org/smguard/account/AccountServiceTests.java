package org.smguard.account;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.audit.AuditEntry;
import org.smguard.audit.AuditTrail;
import org.smguard.system.ConflictException;
import org.smguard.system.Role;
import org.smguard.system.SecurityConfiguration;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The account rules of {@link AccountService} through the whole stack: method security,
 * transactions, the Flyway schema on H2 in a temporary data directory, and the first
 * admin made from a configured password. Every test rolls back, so each starts with only
 * the first admin.
 */
@SpringBootTest(properties = "smguard.admin-password=" + AccountServiceTests.ADMIN_PASSWORD)
@Transactional
@ExtendWith(OutputCaptureExtension.class)
class AccountServiceTests {

	static final String ADMIN_PASSWORD = "operator's own secret";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", () -> dataDir.toString());
	}

	@Autowired
	private AccountService accounts;

	@Autowired
	private AccountStore store;

	@Autowired
	private AccountUserDetailsService userDetails;

	@Autowired
	private PasswordEncoder passwordEncoder;

	@Autowired
	private AuditTrail audit;

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void firstAdminExistsWithRoleAdmin() {
		assertThat(this.accounts.get("admin").roles()).containsExactly(Role.ADMIN);
		assertThat(this.accounts.get("admin").enabled()).isTrue();
	}

	@Test
	void firstAdminWithConfiguredPasswordIsUsableAtOnce(CapturedOutput output) {
		assertThat(output.getAll()).contains("Created account 'admin' with the password from SMGUARD_ADMIN_PASSWORD")
			.doesNotContain(ADMIN_PASSWORD)
			.doesNotContain("one-time password");
		UserDetails admin = this.userDetails.loadUserByUsername("admin");
		assertThat(this.passwordEncoder.matches(ADMIN_PASSWORD, admin.getPassword())).isTrue();
		assertThat(admin.isEnabled()).isTrue();
		assertThat(admin.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_ADMIN");
		assertThat(this.store.find("admin").orElseThrow().account().mustChangePassword()).isFalse();
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void createsAccountWithHashedPassword() {
		Account created = this.accounts.create("bob", "correct horse", EnumSet.of(Role.EDITOR, Role.REVIEWER), true);
		assertThat(created.username()).isEqualTo("bob");
		assertThat(created.enabled()).isTrue();

		AccountStore.AccountRow row = this.store.find("bob").orElseThrow();
		assertThat(row.account().roles()).containsExactlyInAnyOrder(Role.EDITOR, Role.REVIEWER);
		assertThat(row.account().mustChangePassword()).isTrue();
		assertThat(row.account().createdAt()).isEqualTo(created.createdAt());
		assertThat(row.passwordHash()).doesNotContain("correct horse").startsWith("$2");
		assertThat(this.passwordEncoder.matches("correct horse", row.passwordHash())).isTrue();
		assertThat(this.accounts.list()).extracting(Account::username).containsExactly("admin", "bob");
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void refusesDuplicateName() {
		this.accounts.create("bob", "correct horse", Set.of(Role.VIEWER), false);
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.accounts.create("bob", "another password", Set.of(Role.EDITOR), false))
			.withMessageContaining("'bob' already exists");
		assertThat(this.store.find("bob").orElseThrow().account().roles()).containsExactly(Role.VIEWER);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-bob", ".bob", "bob smith", "bob\n", "bob:x", "b\u00f6b",
			"a123456789012345678901234567890123" })
	@WithMockUser(username = "operator", roles = "ADMIN")
	void refusesBadUserName(String username) {
		assertThat(violations(() -> this.accounts.create(username, "correct horse", Set.of(Role.VIEWER), false)))
			.extracting(Violation::field)
			.containsExactly("username");
		assertThat(this.store.find(username)).isEmpty();
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void refusesShortPassword() {
		this.accounts.create("bob", "quiet wombat", Set.of(Role.VIEWER), false);
		assertThat(violations(() -> this.accounts.create("bea", "quiet wombt", Set.of(Role.VIEWER), false)))
			.containsExactly(new Violation("password", "must be at least 12 characters"));
		assertThat(this.store.find("bea")).isEmpty();
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void refusesPasswordTheEstimatorFindsEasyToGuess() {
		assertThat(violations(() -> this.accounts.create("bob", "password1234", Set.of(Role.VIEWER), false)))
			.containsExactly(new Violation("password", "is too easy to guess: This is a very common password."
					+ " Add another word or two. Uncommon words are better."));
		assertThat(violations(() -> this.accounts.create("bob", "qwertyuiopas", Set.of(Role.VIEWER), false)))
			.extracting(Violation::message)
			.singleElement()
			.asString()
			.startsWith("is too easy to guess: ");
		assertThat(this.store.find("bob")).isEmpty();
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void refusesPasswordContainingTheUserNameIgnoringCase() {
		assertThat(
				violations(() -> this.accounts.create("robert", "xx-RoBeRt-harbour-quill", Set.of(Role.VIEWER), false)))
			.containsExactly(new Violation("password", "must not contain the user name"));
		assertThat(this.store.find("robert")).isEmpty();
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void refusesPasswordLongerThanBcryptReads() {
		assertThat(violations(() -> this.accounts.create("bob", "\u00e9".repeat(37), Set.of(Role.VIEWER), false)))
			.containsExactly(new Violation("password", "must be at most 72 bytes (UTF-8)"));
		String longest = "\u00e9t\u00e9 harbour quill lantern orbit violet amber meadow cobalt ferns pines";
		assertThat(longest.getBytes(StandardCharsets.UTF_8)).hasSize(72);
		this.accounts.create("bob", longest, Set.of(Role.VIEWER), false);
		assertThat(this.passwordEncoder.matches(longest, this.store.find("bob").orElseThrow().passwordHash())).isTrue();
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void refusesMissingRoles() {
		assertThat(violations(() -> this.accounts.create("bob", "correct horse", Set.of(), false)))
			.extracting(Violation::field)
			.containsExactly("roles");
		assertThat(violations(() -> this.accounts.create("bob", "correct horse", null, false)))
			.extracting(Violation::field)
			.containsExactly("roles");
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void refusesNullRoleAsSentByJsonNull() {
		Set<Role> withNull = new HashSet<>(Arrays.asList(Role.EDITOR, null));
		assertThat(violations(() -> this.accounts.create("bob", "correct horse", withNull, false)))
			.extracting(Violation::field)
			.containsExactly("roles");
		assertThat(violations(() -> this.accounts.update("admin", withNull, null))).extracting(Violation::field)
			.containsExactly("roles");
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void reportsEveryBrokenRuleAtOnce() {
		assertThat(violations(() -> this.accounts.create("bad name", "short", Set.of(), false)))
			.extracting(Violation::field)
			.containsExactly("username", "password", "roles");
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void lastEnabledAdminCanBeNeitherDisabledNorDemoted() {
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.accounts.update("admin", null, false))
			.withMessageContaining("last enabled admin");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.accounts.update("admin", Set.of(Role.EDITOR, Role.REVIEWER), null));
		Account admin = this.accounts.get("admin");
		assertThat(admin.enabled()).isTrue();
		assertThat(admin.roles()).containsExactly(Role.ADMIN);
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void disabledAdminDoesNotCountAsAdmin() {
		this.accounts.create("second", "correct horse", Set.of(Role.ADMIN), false);
		this.accounts.update("second", null, false);
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.accounts.update("admin", null, false));
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void adminCanBeDisabledAndDemotedWhileAnotherAdminIsEnabled() {
		this.accounts.create("second", "correct horse", Set.of(Role.ADMIN), false);
		assertThat(this.accounts.update("admin", Set.of(Role.VIEWER), null).roles()).containsExactly(Role.VIEWER);
		assertThat(this.accounts.update("admin", null, false).enabled()).isFalse();
		assertThat(this.userDetails.loadUserByUsername("admin").isEnabled()).isFalse();
	}

	@Test
	@WithMockUser(username = "boss", roles = "ADMIN")
	void adminCannotDisableOwnAccount() {
		this.accounts.create("boss", "correct horse", Set.of(Role.ADMIN), false);
		assertThat(violations(() -> this.accounts.update("boss", null, false))).extracting(Violation::field)
			.containsExactly("enabled");
		assertThat(this.accounts.get("boss").enabled()).isTrue();
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void updateRefusesEmptyRolesAndKeepsThem() {
		this.accounts.create("bob", "correct horse", Set.of(Role.EDITOR), false);
		assertThat(violations(() -> this.accounts.update("bob", Set.of(), null))).extracting(Violation::field)
			.containsExactly("roles");
		assertThat(this.accounts.get("bob").roles()).containsExactly(Role.EDITOR);
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void resetPasswordStoresNewHashAndMustChange() {
		this.accounts.create("bob", "correct horse", Set.of(Role.EDITOR), false);
		this.accounts.resetPassword("bob", "temporary wombat phrase", true);
		AccountStore.AccountRow row = this.store.find("bob").orElseThrow();
		assertThat(this.passwordEncoder.matches("temporary wombat phrase", row.passwordHash())).isTrue();
		assertThat(row.account().mustChangePassword()).isTrue();
		assertThat(this.userDetails.loadUserByUsername("bob").getAuthorities())
			.extracting(GrantedAuthority::getAuthority)
			.contains(SecurityConfiguration.PASSWORD_CHANGE_REQUIRED);
		assertThat(violations(() -> this.accounts.resetPassword("bob", "short", false))).extracting(Violation::field)
			.containsExactly("password");
		assertThat(violations(() -> this.accounts.resetPassword("bob", "iloveyou1234", false)))
			.containsExactly(new Violation("password", "is too easy to guess: This is similar to a commonly used"
					+ " password. Add another word or two. Uncommon words are better."));
		assertThat(violations(() -> this.accounts.resetPassword("bob", "BOB-and-the-harbour", false)))
			.containsExactly(new Violation("password", "must not contain the user name"));
		assertThat(this.passwordEncoder.matches("temporary wombat phrase",
				this.store.find("bob").orElseThrow().passwordHash()))
			.isTrue();
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void ownPasswordChangeNeedsCurrentPasswordAndClearsMustChange() {
		this.accounts.create("carol", "temporary wombat phrase", Set.of(Role.VIEWER), true);
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("carol", null, "ROLE_VIEWER",
					SecurityConfiguration.PASSWORD_CHANGE_REQUIRED));

		assertThat(violations(() -> this.accounts.changeOwnPassword("wrong guess", "a phrase of my own")))
			.extracting(Violation::field)
			.containsExactly("currentPassword");
		assertThat(
				violations(() -> this.accounts.changeOwnPassword("temporary wombat phrase", "temporary wombat phrase")))
			.extracting(Violation::field)
			.containsExactly("newPassword");
		List<Violation> weak = violations(
				() -> this.accounts.changeOwnPassword("temporary wombat phrase", "password1234"));
		assertThat(weak).extracting(Violation::field).containsExactly("newPassword");
		assertThat(weak.get(0).message()).startsWith("is too easy to guess: ");
		assertThat(violations(() -> this.accounts.changeOwnPassword("temporary wombat phrase", "carol-in-the-harbour")))
			.containsExactly(new Violation("newPassword", "must not contain the user name"));
		this.accounts.changeOwnPassword("temporary wombat phrase", "a phrase of my own");

		AccountStore.AccountRow row = this.store.find("carol").orElseThrow();
		assertThat(this.passwordEncoder.matches("a phrase of my own", row.passwordHash())).isTrue();
		assertThat(row.account().mustChangePassword()).isFalse();
	}

	@Test
	@WithMockUser(username = "ed", roles = "EDITOR")
	void editorCannotListAccounts() {
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.accounts.list());
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.accounts.get("admin"));
	}

	@Test
	@WithMockUser(username = "vi", roles = "VIEWER")
	void viewerCannotCreateUpdateOrResetAccounts() {
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.accounts.create("mallory", "correct horse", Set.of(Role.ADMIN), false));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.accounts.update("admin", Set.of(Role.VIEWER), null));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.accounts.resetPassword("admin", "taken over", false));
		assertThat(this.store.find("mallory")).isEmpty();
	}

	@Test
	void anonymousCannotCallService() {
		assertThatExceptionOfType(AuthenticationCredentialsNotFoundException.class)
			.isThrownBy(() -> this.accounts.list());
		assertThatExceptionOfType(AuthenticationCredentialsNotFoundException.class)
			.isThrownBy(() -> this.accounts.changeOwnPassword(ADMIN_PASSWORD, "new password"));
	}

	@Test
	@WithMockUser(username = "operator", roles = "ADMIN")
	void recordsEachAccountChangeInTheAuditTrailAndNothingForNoChange() {
		this.accounts.create("carol", "temporary wombat phrase", EnumSet.of(Role.VIEWER), true);
		this.accounts.update("carol", EnumSet.of(Role.VIEWER, Role.EDITOR), null);
		this.accounts.update("carol", EnumSet.of(Role.EDITOR, Role.VIEWER), true);
		this.accounts.update("carol", null, false);
		this.accounts.resetPassword("carol", "another wombat phrase", true);
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.accounts.resetPassword("carol", "short", true));

		assertThat(this.audit.entries(null, null, "operator", 0, 50).content())
			.extracting(AuditEntry::action, AuditEntry::subject, AuditEntry::detail)
			.containsExactly(tuple("account.password-reset", "account carol", "must change it at next sign-in"),
					tuple("account.disabled", "account carol", ""),
					tuple("account.roles-changed", "account carol", "[VIEWER] \u2192 [EDITOR,VIEWER]"),
					tuple("account.created", "account carol",
							"roles [VIEWER]; must change the password at next sign-in"));
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("carol", null, "ROLE_VIEWER"));
		this.accounts.changeOwnPassword("another wombat phrase", "a phrase of my own");
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("operator", null, "ROLE_ADMIN"));
		assertThat(this.audit.entries(null, null, "operator", 0, 50).content()).hasSize(4);
		assertThat(this.audit.entries(null, null, "carol", 0, 50).content())
			.extracting(AuditEntry::action, AuditEntry::subject)
			.containsExactly(tuple("account.password-changed", "account carol"));
	}

	private static List<Violation> violations(Runnable call) {
		ValidationException ex = catchThrowableOfType(ValidationException.class, call::run);
		assertThat(ex).as("ValidationException").isNotNull();
		return ex.violations();
	}

}
