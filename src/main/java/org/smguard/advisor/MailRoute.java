package org.smguard.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.smrsh.Verdict;
import org.smguard.validation.Rules;
import org.smguard.validation.ValidationException;

/**
 * Where sendmail looks for a local user's forwarding instructions under a policy: each
 * ForwardPath entry in order, expanded for the user, and what sendmail does there. It
 * stops at the first file that opens, even an empty one (an empty override file means
 * local delivery), and moves on past a missing one, as sendmail 8.17's {@code forward()}
 * does; an entry that expands to nothing is skipped, and a ForwardPath set but empty
 * reads no file at all. An unset ForwardPath is the built-in {@code $z/.forward} (the
 * string in the binary). {@code $h} is the address's {@code +detail}, empty without one.
 * <p>
 * The console knows the policy's override files, not the host's home directories: a file
 * under {@code $z} is reported as "read if it exists".
 */
final class MailRoute {

	static final String BUILT_IN_FORWARD_PATH = "$z/.forward";

	private MailRoute() {
	}

	/** What sendmail does at one ForwardPath entry. */
	enum Outcome {

		/** The policy's override file: sendmail reads it and stops here. */
		OVERRIDE,

		/** The policy has no override file for the user: sendmail moves on. */
		NO_OVERRIDE,

		/** A file the console cannot see (in the home directory): read if it exists. */
		IF_PRESENT,

		/** Not reached: an earlier file opened. */
		NOT_REACHED

	}

	/**
	 * One ForwardPath entry.
	 *
	 * @param entry as written
	 * @param path expanded for the user
	 * @param content the override file's lines when sendmail reads one
	 */
	record Step(String entry, String path, Outcome outcome, String meaning, List<String> content) {
	}

	/**
	 * @param deliveries what sendmail and smrsh do with each entry of the override file
	 * that decides, when one does (empty otherwise)
	 */
	record Route(String user, String forwardPath, List<Step> steps, String summary, List<Verdict> deliveries) {

		Route withSummary(String text) {
			return new Route(this.user, this.forwardPath, this.steps, text, this.deliveries);
		}

		Route withDeliveries(List<Verdict> verdicts) {
			return new Route(this.user, this.forwardPath, this.steps, this.summary, List.copyOf(verdicts));
		}

		/** The override file that decides, if one does. */
		Optional<Step> deciding() {
			return this.steps.stream().filter((step) -> step.outcome() == Outcome.OVERRIDE).findFirst();
		}

	}

	/**
	 * @param home the user's home directory ({@code $z}); {@code null} for "unknown"
	 * @param hostName the host's short name ({@code $w}); {@code null} for "unknown"
	 */
	static Route of(Policy policy, String user, String detail, String home, String hostName) {
		if (user == null || !Rules.isUserName(user)) {
			throw new ValidationException("user", Rules.USER_NAME_RULE);
		}
		String forwardPath = (policy.options().forwardPath() != null) ? policy.options().forwardPath()
				: BUILT_IN_FORWARD_PATH;
		if (forwardPath.isEmpty()) {
			return new Route(user, forwardPath, List.of(),
					"ForwardPath is set but empty: sendmail reads no forwarding file for anyone; mail is"
							+ " delivered locally",
					List.of());
		}
		String h = (detail != null) ? detail : "";
		String z = (home != null && !home.isBlank()) ? home.strip() : "~" + user;
		String w = (hostName != null && !hostName.isBlank()) ? hostName.strip() : "<host>";
		String directory = policy.forwards().directory();
		List<Step> steps = new ArrayList<>();
		String summary = null;
		for (String entry : forwardPath.split(":")) {
			String path = entry.replace("$u", user).replace("$z", z).replace("$w", w).replace("$h", h);
			if (path.isEmpty()) {
				continue;
			}
			if (summary != null) {
				steps.add(new Step(entry, path, Outcome.NOT_REACHED, "not read: an earlier file opened", List.of()));
				continue;
			}
			// The policy writes <directory>/<user>.forward: this entry reads the override
			// file
			// when it names exactly that path.
			if (path.equals(directory + "/" + user + ".forward")) {
				Optional<Forwards.OverrideFile> override = policy.forwards()
					.overrides()
					.stream()
					.filter((o) -> o.user().equals(user))
					.findFirst();
				if (override.isPresent()) {
					List<String> lines = override.get().content().lines().toList();
					String meaning = lines.isEmpty()
							? "the override file is empty: mail is delivered locally, whatever the user's own"
									+ " .forward says"
							: "the override file decides where mail goes; the user's own .forward is not read";
					meaning += " (provided the installed file is root-owned and not group- or world-writable in a"
							+ " safe directory: otherwise sendmail skips it and moves on, so the override fails open)";
					steps.add(new Step(entry, path, Outcome.OVERRIDE, meaning, lines));
					summary = meaning;
				}
				else {
					steps.add(new Step(entry, path, Outcome.NO_OVERRIDE,
							"the policy has no override file for " + user + ": sendmail moves on", List.of()));
				}
			}
			else {
				steps.add(new Step(entry, path, Outcome.IF_PRESENT,
						"read if it exists on the host (the console cannot see it): it then decides, and"
								+ " sendmail stops here; if it is missing, sendmail moves on",
						List.of()));
			}
		}
		if (summary == null) {
			summary = "no override file applies: the user's own files decide, if any exists; otherwise mail is"
					+ " delivered locally";
		}
		return new Route(user, forwardPath, steps, summary, List.of());
	}

}
