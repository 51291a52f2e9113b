package org.smguard.account;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.smguard.system.Role;
import org.smguard.system.SecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First start without {@code SMGUARD_ADMIN_PASSWORD}: the console makes up the admin's
 * password, prints it once and insists that it is changed at first sign-in. The output is
 * captured from the start of the application context, which this class starts on a fresh,
 * empty data directory.
 */
@SpringBootTest(properties = "smguard.admin-password=")
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminInitializerTests {

	private static final Pattern ONE_TIME_PASSWORD = Pattern.compile("one-time password: (\\S+)");

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("smguard.data-dir", () -> dataDir.toString());
	}

	@Autowired
	private FirstAdminInitializer initializer;

	@Autowired
	private AccountStore store;

	@Autowired
	private AccountUserDetailsService userDetails;

	@Autowired
	private PasswordEncoder passwordEncoder;

	@Test
	void logsGeneratedPasswordOnceAndRequiresItsChange(CapturedOutput output) {
		Matcher matcher = ONE_TIME_PASSWORD.matcher(output.getAll());
		assertThat(matcher.find()).as("one-time password in the log").isTrue();
		String password = matcher.group(1);
		assertThat(matcher.find()).as("second one-time password in the log").isFalse();
		assertThat(password).hasSize(20);
		assertThat(output.getAll().split(Pattern.quote(password), -1)).as("times the password was printed").hasSize(2);

		AccountStore.AccountRow admin = this.store.find("admin").orElseThrow();
		assertThat(admin.account().roles()).containsExactly(Role.ADMIN);
		assertThat(admin.account().mustChangePassword()).isTrue();
		assertThat(this.passwordEncoder.matches(password, admin.passwordHash())).isTrue();
		assertThat(this.userDetails.loadUserByUsername("admin").getAuthorities())
			.extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_ADMIN", SecurityConfiguration.PASSWORD_CHANGE_REQUIRED);

	}

	@Test
	void laterStartPrintsNoPasswordAndKeepsAdmin(CapturedOutput output) {
		String hash = this.store.find("admin").orElseThrow().passwordHash();
		int before = output.getAll().length();
		this.initializer.run(new DefaultApplicationArguments());
		assertThat(output.getAll().substring(before)).doesNotContain("password").doesNotContain("admin");
		assertThat(this.store.find("admin").orElseThrow().passwordHash()).isEqualTo(hash);
	}

}
