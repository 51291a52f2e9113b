package org.smguard.advisor;

import java.util.List;
import java.util.Optional;

import org.smguard.hosts.HostService;
import org.smguard.policy.DraftSettings;
import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.smrsh.SmrshSimulation;
import org.smguard.validation.ValidationException;

import org.springframework.stereotype.Service;

/** The advice on a policy's draft or on one of its versions, and its one-step fixes. */
@Service
public class AdvisorService {

	private final PolicyService policies;

	private final Advisor advisor;

	private final SmrshSimulation simulation;

	private final HostService hosts;

	AdvisorService(PolicyService policies, Advisor advisor, SmrshSimulation simulation, HostService hosts) {
		this.policies = policies;
		this.advisor = advisor;
		this.simulation = simulation;
		this.hosts = hosts;
	}

	/**
	 * The advisor's findings on {@code settings} of policy {@code name}, with what its
	 * hosts reported about themselves read against them.
	 */
	private Advice advise(String name, Policy settings) {
		return this.advisor.advise(settings, HostFindings.of(settings, this.hosts.reportedFacts(name)));
	}

	public Advice draft(String policy) {
		return advise(policy, this.policies.draftSnapshot(policy).draft().policy());
	}

	/**
	 * The advice on the draft's settings without reading its override files: what the
	 * editors show. The findings are those of {@link #draft(String)}; only the wording of
	 * one may differ (whether override files already hold program lines).
	 */
	public Advice draftSettings(String policy) {
		return advise(policy, this.policies.draftSettings(policy).policy());
	}

	/** The names of the policies, for the advice on each draft. */
	List<String> policyNames() {
		return this.policies.names();
	}

	/** The advice on a version's settings, without reading its override files. */
	public Advice versionSettings(String policy, int number) {
		return advise(policy, this.policies.versionSettings(policy, number).policy());
	}

	public Advice version(String policy, int number) {
		return advise(policy, this.policies.version(policy, number).policy());
	}

	/**
	 * Checks a host's /etc/passwd against the valid shells of the draft, or of version
	 * {@code version} when given.
	 */
	PasswdCheck.Report passwdCheck(String policy, Integer version, String passwd, String hostName) {
		Policy settings = (version != null) ? this.policies.versionSettings(policy, version).policy()
				: this.policies.draftSettings(policy).policy();
		return PasswdCheck.check(settings, passwd, hostName);
	}

	/**
	 * Where sendmail looks for {@code user}'s forwarding under the draft, or version
	 * {@code version} when given, and what sendmail and smrsh do with each entry of the
	 * override file that decides. Reads the user's override file alone, not every file.
	 */
	MailRoute.Route mailRoute(String policy, Integer version, String user, String detail, String home,
			String hostName) {
		return mailRoute(policy, version, user, detail, home, hostName, null);
	}

	/**
	 * As {@link #mailRoute(String, Integer, String, String, String, String)}, with the
	 * user's home directory and shell taken from a host's /etc/passwd when given: a user
	 * without an entry is unknown to sendmail, and a user without a valid shell has every
	 * program and file entry bounce.
	 */
	MailRoute.Route mailRoute(String policy, Integer version, String user, String detail, String home, String hostName,
			String passwd) {
		Policy settings = (version != null) ? this.policies.versionSettings(policy, version).policy()
				: this.policies.draftSettings(policy).policy();
		Optional<PasswdCheck.Entry> account = Optional.empty();
		if (passwd != null && !passwd.isBlank()) {
			PasswdCheck.checkSize(passwd);
			if (user != null && !user.isEmpty()) {
				account = PasswdCheck.find(passwd, user);
				if (account.isEmpty()) {
					MailRoute.of(settings, user, detail, home, hostName); // checks the
																			// name
					return new MailRoute.Route(user, "", List.of(),
							user + " has no entry in the password file:"
									+ " sendmail bounces the mail with \"550 5.1.1 " + user + "... User unknown\"",
							List.of());
				}
			}
		}
		String effectiveHome = account.map(PasswdCheck.Entry::home).orElse(home);
		Optional<Forwards.OverrideFile> override = (user == null || user.isEmpty()) ? Optional.empty()
				: (version != null) ? this.policies.versionOverride(policy, version, user)
						: this.policies.draftOverride(policy, user);
		Policy withOverride = settings
			.withForwards(new Forwards(settings.forwards().directory(), override.map(List::of).orElse(List.of())));
		MailRoute.Route route = MailRoute.of(withOverride, user, detail, effectiveHome, hostName);
		if (account.isPresent() && !PasswdCheck.shellOk(settings, user, account.get().shell())) {
			route = route.withSummary(route.summary() + "; " + user + "'s shell " + account.get().shell()
					+ " is not a valid shell, so program and file entries bounce (\"550 5.7.1 User " + user + "@"
					+ ((hostName != null && !hostName.isBlank()) ? hostName.strip() : "<this host>")
					+ " doesn't have a valid shell for mailing to programs\")");
		}
		MailRoute.Route resolved = route;
		return resolved.deciding()
			.filter((step) -> !step.content().isEmpty())
			.map((step) -> resolved.withDeliveries(this.simulation.forwardFile(settings, override.get().content())))
			.orElse(resolved);
	}

	/**
	 * Writes the value the advisor recommends for {@code field} into the draft, as an
	 * edit of that field's section on top of revision {@code expectedRevision} (the
	 * change then goes through review like any other).
	 * @throws ValidationException when the advisor recommends no value for the field now
	 */
	public DraftSettings applyRecommended(String policy, String field, long expectedRevision) {
		Finding finding = draftSettings(policy).findings()
			.stream()
			.filter((f) -> f.field().equals(field) && f.applicable())
			.findFirst()
			.orElseThrow(() -> new ValidationException("field",
					"the advisor recommends no value for " + field + " in the draft now"));
		RecommendedFixes.Fix fix = RecommendedFixes.of(field, finding.recommended()).orElseThrow();
		return this.policies.changeSection(policy, expectedRevision, fix.section(), fix.change());
	}

}
