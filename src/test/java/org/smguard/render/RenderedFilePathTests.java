package org.smguard.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyValidator;
import org.smguard.policy.StockPolicy;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;
import org.smguard.validation.Violation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No rendered file can leave its directory: file names hold no {@code /} or NUL and are
 * never {@code .} or {@code ..}, paths are absolute and already normal, and every
 * override file lies directly in the override directory. Names that would climb out
 * ({@code ../x}, {@code /etc/passwd}, {@code a/b}, NUL) are refused by the rules before
 * anything is rendered.
 */
class RenderedFilePathTests {

	private static final String BASE = StockPolicy.debianBaseCf();

	@Test
	void keepsEveryFileOfManyOverridesInsideItsDirectory() {
		List<Forwards.OverrideFile> overrides = new ArrayList<>();
		for (String user : List.of("bob", "a.b", "x..y", "_", "9", "a-", "z.forward", "forward", "u.", "A_b.c-d")) {
			overrides.add(new Forwards.OverrideFile(user, ""));
		}
		for (int i = 0; i < 2000; i++) {
			overrides.add(new Forwards.OverrideFile("user" + i, "user" + i + "@example.org\n"));
		}
		Policy policy = TestPolicies.changedEverywhere()
			.withForwards(new Forwards("/usr/local/etc/forwards", overrides));
		assertThat(PolicyValidator.validate(policy).errors()).isEmpty();
		List<RenderedFile> files = PolicyFiles.render(policy, BASE);
		assertThat(files).hasSize(5 + overrides.size());
		assertStaysInside(files, policy);
	}

	@Test
	void keepsTheFilesOfGeneratedPoliciesInsideTheirDirectories() {
		PolicyGenerator generator = new PolicyGenerator(new Random(20261125L));
		for (int i = 0; i < 300; i++) {
			Policy policy = generator.valid();
			assertStaysInside(PolicyFiles.render(policy, BASE), policy);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "../x", "..", ".", "/etc/passwd", "a/b", "x\u0000y", "../../etc/cron.d/x", "..\\x",
			".forward", "x/", "%2e%2e", "a\nb", "\u2215etc" })
	void refusesOverrideUsersThatWouldLeaveTheDirectory(String user) {
		Policy policy = StockPolicy.debian()
			.withForwards(new Forwards("/usr/local/etc/forwards", List.of(new Forwards.OverrideFile(user, ""))));
		assertThat(PolicyValidator.validate(policy).errors()).extracting(Violation::field)
			.contains("forwards.overrides[0].user");
	}

	@ParameterizedTest
	@ValueSource(strings = { "relative/forwards", "/usr/local/etc/forwards/..", "/usr/../etc", "/./etc", "/etc//x",
			"/etc/x\u0000", "/" })
	void refusesOverrideDirectoriesThatAreNotPlainAbsolutePaths(String directory) {
		Policy policy = StockPolicy.debian()
			.withForwards(new Forwards(directory, List.of(new Forwards.OverrideFile("bob", ""))));
		assertThat(PolicyValidator.validate(policy).errors()).extracting(Violation::field)
			.contains("forwards.directory");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "../trusted-users", "/etc/mail/../shadow", "/etc/mail/./t", "etc/mail/t", "/etc/mail/t\u0000" })
	void refusesTrustedUsersFilePathsThatAreNotPlainAbsolutePaths(String path) {
		Policy policy = StockPolicy.debian()
			.withTrustedUsers(new TrustedUsers(TrustedUsers.LineStyle.T, List.of("root"),
					new TrustedUsersFile(path, true, List.of())));
		assertThat(PolicyValidator.validate(policy).errors()).extracting(Violation::field)
			.contains("trustedUsers.file.path");
	}

	static void assertStaysInside(List<RenderedFile> files, Policy policy) {
		String directory = policy.forwards().directory();
		List<String> names = new ArrayList<>();
		for (RenderedFile file : files) {
			assertThat(file.name()).doesNotContain("/", "\0", "\\").isNotIn(".", "..", "");
			assertThat(file.path()).startsWith("/").doesNotContain("\0");
			assertThat(Path.of(file.path()).normalize().toString()).as(file.path()).isEqualTo(file.path());
			assertThat(file.path().split("/")).doesNotContain("..", ".");
			assertThat(file.path()).endsWith((file.name().endsWith(".forward")) ? "/" + file.name() : "");
			names.add(file.name());
		}
		for (Forwards.OverrideFile override : policy.forwards().overrides()) {
			RenderedFile file = files.stream()
				.filter((f) -> f.name().equals(override.user() + ".forward"))
				.findFirst()
				.orElseThrow();
			assertThat(file.path()).isEqualTo(directory + "/" + override.user() + ".forward");
			assertThat(Path.of(file.path()).getParent()).isEqualTo(Path.of(directory));
		}
		assertThat(names).doesNotHaveDuplicates();
	}

}
