package org.smguard.diff;

import java.util.List;

import org.smguard.policy.OverrideChange;
import org.smguard.policy.PolicyService;

import org.springframework.stereotype.Service;

/**
 * The diff of two versions of a policy, read so that it costs what changed between them:
 * both versions' settings without their override files, and only the override files that
 * differ.
 */
@Service
public class DiffService {

	private final PolicyService policies;

	DiffService(PolicyService policies) {
		this.policies = policies;
	}

	/**
	 * What changes from version {@code from} to version {@code to}, in either order.
	 * @throws org.smguard.system.NotFoundException when the policy or a version does not
	 * exist
	 */
	public VersionDiff diff(String policy, int from, int to) {
		PolicyService.VersionSettingsSnapshot a = this.policies.versionSettings(policy, from);
		PolicyService.VersionSettingsSnapshot b = this.policies.versionSettings(policy, to);
		List<OverrideChange> overrides = this.policies.overrideChanges(policy, from, to);
		return PolicyDiffs.between(policy, new PolicyDiffs.Side(from, a.policy(), a.baseCf()),
				new PolicyDiffs.Side(to, b.policy(), b.baseCf()), overrides);
	}

}
