package org.smguard.render;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.Shells;
import org.smguard.policy.StockPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files for every renderer, compared byte for byte, and the properties that make
 * rendered files diff cleanly: equal input gives equal bytes, lines end with {@code \n}
 * only, files come in a stable order and carry no time.
 * <p>
 * After an intended change of output, regenerate the golden files with
 * {@code mvn test -Dtest=RendererGoldenTests -Dgolden.update=true} and review them with
 * {@code git diff src/test/resources/golden} before committing.
 */
class RendererGoldenTests {

	private static final String BASE = StockPolicy.debianBaseCf();

	@Test
	void rendersSendmailCfFromShippedBaseWithEveryManagedLineChanged() {
		Golden.assertMatches("sendmail.cf", CfRenderer.render(TestPolicies.changedEverywhere(), BASE));
	}

	@Test
	void rendersStockPolicyOnShippedBaseAsTheBaseItself() {
		assertThat(CfRenderer.render(StockPolicy.debian(), BASE)).isEqualTo(BASE);
	}

	@Test
	void rendersMcFragment() {
		Golden.assertMatches("smguard-security.m4", McFragmentRenderer.render(TestPolicies.changedEverywhere()));
	}

	@Test
	void rendersMcFragmentWithWarningsForWhatM4CannotExpress() {
		Golden.assertMatches("smguard-security-stock.m4", McFragmentRenderer.render(StockPolicy.debian()));
	}

	@Test
	void rendersShells() {
		Golden.assertMatches("shells", FileRenderers.shells(TestPolicies.changedEverywhere().shells()));
	}

	@Test
	void rendersAnyShellEntryLastOnlyWhenAcknowledged() {
		Shells shells = new Shells(List.of("/bin/sh", "/bin/bash"), true);
		Golden.assertMatches("shells-allow-any-shell", FileRenderers.shells(shells));
	}

	@Test
	void rendersTrustedUsersFile() {
		Golden.assertMatches("trusted-users",
				FileRenderers.trustedUsersFile(TestPolicies.changedEverywhere().trustedUsers().file()));
	}

	@Test
	void rendersSmBinManifest() {
		Golden.assertMatches("sm.bin.manifest", FileRenderers.smBinManifest(TestPolicies.changedEverywhere().smrsh()));
	}

	@Test
	void rendersEmptyOverrideFileEmpty() {
		String empty = FileRenderers.overrideFile(new Forwards.OverrideFile("bob", ""));
		Golden.assertMatches("override-empty.forward", empty);
		assertThat(empty).isEmpty();
	}

	@Test
	void rendersOverrideFileWithFinalNewline() {
		Golden.assertMatches("override-text.forward",
				FileRenderers.overrideFile(new Forwards.OverrideFile("carol", "carol@elsewhere.example\n\\carol")));
	}

	@Test
	void rendersEqualPoliciesToEqualBytes() {
		List<RenderedFile> first = PolicyFiles.render(TestPolicies.changedEverywhere(), BASE);
		List<RenderedFile> second = PolicyFiles.render(TestPolicies.changedEverywhere(), new String(BASE));
		assertThat(second).isEqualTo(first);
		assertThat(second).extracting(RenderedFile::sha256)
			.isEqualTo(first.stream().map(RenderedFile::sha256).toList());
	}

	@Test
	void listsFilesInStableOrderWithOverridesInPolicyOrder() {
		assertThat(PolicyFiles.render(TestPolicies.changedEverywhere(), BASE)).extracting(RenderedFile::name)
			.containsExactly("sendmail.cf", "smguard-security.m4", "shells", "trusted-users", "sm.bin.manifest",
					"bob.forward", "carol.forward");
		assertThat(PolicyFiles.render(StockPolicy.debian(), BASE)).extracting(RenderedFile::name)
			.containsExactly("sendmail.cf", "smguard-security.m4", "shells", "sm.bin.manifest");
	}

	@Test
	void endsEveryLineWithNewlineOnly() {
		for (Policy policy : List.of(TestPolicies.changedEverywhere(), StockPolicy.debian())) {
			for (RenderedFile file : PolicyFiles.render(policy, BASE)) {
				assertThat(file.content()).as(file.name()).doesNotContain("\r");
				if (!file.content().isEmpty()) {
					assertThat(file.content()).as(file.name()).endsWith("\n");
				}
			}
		}
	}

	@Test
	void putsNoTimeIntoRenderedFiles() {
		String today = LocalDate.now().toString();
		for (RenderedFile file : PolicyFiles.render(TestPolicies.changedEverywhere(), BASE)) {
			assertThat(file.content()).as(file.name()).doesNotContain(today);
		}
		String rendered = CfRenderer.render(TestPolicies.changedEverywhere(), BASE);
		assertThat(rendered.lines().filter((line) -> !BASE.contains(line + "\n"))).as("lines the renderer wrote")
			.allSatisfy((line) -> assertThat(line).matches("\\A(O |#O |Ct|T|Ft|\t\tA=|Mprog).*"));
	}

}
