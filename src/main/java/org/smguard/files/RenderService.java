package org.smguard.files;

import java.util.ArrayList;
import java.util.List;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.PolicyValidator;
import org.smguard.render.CfRenderer;
import org.smguard.render.McFragmentRenderer;
import org.smguard.render.PolicyFiles;
import org.smguard.render.RenderedFile;
import org.smguard.render.SendmailCheck;
import org.smguard.system.NotFoundException;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The files of the draft and of any version, and the full check of a draft: the console's
 * own rules, what m4 cannot express, and what the real sendmail reads back from the
 * rendered cf.
 */
@Service
public class RenderService {

	private final PolicyService policies;

	private final SendmailCheck sendmailCheck;

	RenderService(PolicyService policies, SendmailCheck sendmailCheck) {
		this.policies = policies;
		this.sendmailCheck = sendmailCheck;
	}

	public List<RenderedFile> draftFiles(String policy) {
		PolicyService.DraftSnapshot snapshot = this.policies.draftSnapshot(policy);
		return PolicyFiles.render(snapshot.draft().policy(), snapshot.baseCf());
	}

	public List<RenderedFile> versionFiles(String policy, int number) {
		return PolicyFiles.render(this.policies.version(policy, number).policy(),
				this.policies.versionBaseCf(policy, number));
	}

	/**
	 * One file of the draft, rendered alone: an override file from that file's row, any
	 * other file from the draft's settings. Both reads see one snapshot.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public RenderedFile draftFile(String policy, String name) {
		PolicyService.DraftSettingsSnapshot snapshot = this.policies.draftSettingsSnapshot(policy);
		String user = PolicyFiles.overrideUser(name);
		if (user != null) {
			Forwards.OverrideFile override = this.policies.draftOverride(policy, user).orElseThrow(() -> missing(name));
			return PolicyFiles.overrideFile(snapshot.draft().policy().forwards().directory(), override);
		}
		return find(PolicyFiles.settingsFiles(snapshot.draft().policy(), snapshot.baseCf()), name);
	}

	/** One file of a version, rendered alone. */
	public RenderedFile versionFile(String policy, int number, String name) {
		PolicyService.VersionSettingsSnapshot version = this.policies.versionSettings(policy, number);
		String user = PolicyFiles.overrideUser(name);
		if (user != null) {
			Forwards.OverrideFile override = this.policies.versionOverride(policy, number, user)
				.orElseThrow(() -> missing(name));
			return PolicyFiles.overrideFile(version.policy().forwards().directory(), override);
		}
		return find(PolicyFiles.settingsFiles(version.policy(), version.baseCf()), name);
	}

	private static RenderedFile find(List<RenderedFile> files, String name) {
		return files.stream().filter((file) -> file.name().equals(name)).findFirst().orElseThrow(() -> missing(name));
	}

	private static NotFoundException missing(String name) {
		return new NotFoundException("no file named '" + name + "'");
	}

	/**
	 * Everything found wrong or worth a warning; the rendered cf is checked only when the
	 * rules pass.
	 */
	public record Report(List<Violation> errors, List<Violation> warnings, SendmailCheck.Status sendmailCheck,
			String sendmailCheckReason) {
	}

	public Report validateDraft(String policy) {
		PolicyService.DraftSnapshot snapshot = this.policies.draftSnapshot(policy);
		return validate(snapshot.draft().policy(), snapshot.baseCf());
	}

	public Report validate(Policy policy, String baseCf) {
		Violations rules = PolicyValidator.validate(policy);
		List<Violation> errors = new ArrayList<>(rules.errors());
		List<Violation> warnings = new ArrayList<>(rules.warnings());
		if (!errors.isEmpty()) {
			return new Report(errors, warnings, SendmailCheck.Status.SKIPPED,
					"the policy breaks the rules above: nothing was rendered");
		}
		McFragmentRenderer.limitations(policy)
			.forEach((limitation) -> warnings.add(new Violation("mcFragment", limitation)));
		SendmailCheck.Result check = this.sendmailCheck.check(policy, CfRenderer.render(policy, baseCf));
		errors.addAll(check.errors());
		warnings.addAll(check.warnings());
		return new Report(errors, warnings, check.status(), check.reason());
	}

}
