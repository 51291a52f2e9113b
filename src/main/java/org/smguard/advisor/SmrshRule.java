package org.smguard.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.Smrsh;

import org.springframework.stereotype.Component;

/**
 * smrsh: on whenever programs can be run from .forward files and aliases; itself not a
 * shell; and no sm.bin entry that runs other programs (a shell, an interpreter, or, as
 * smrsh(8) says of procmail, "a very bad idea"), which would give back everything smrsh
 * takes away.
 */
@Component
class SmrshRule implements AdvisorRule {

	/** Programs that run whatever they are told to: in sm.bin they defeat smrsh. */
	static final Set<String> RUNS_OTHERS = Set.of("sh", "bash", "dash", "ash", "ksh", "mksh", "zsh", "csh", "tcsh",
			"rbash", "fish", "busybox", "toybox", "env", "perl", "python", "python2", "python3", "ruby", "php", "lua",
			"node", "nodejs", "tclsh", "wish", "awk", "gawk", "mawk", "nawk", "sed", "expect", "xargs", "find", "nice",
			"nohup", "timeout", "sudo", "su", "doas", "script", "procmail", "maildrop", "vi", "vim", "ed", "emacs",
			"less", "more", "man", "ssh", "scp", "rsync", "tar", "make", "git");

	@Override
	public List<Finding> check(Policy policy) {
		Smrsh smrsh = policy.smrsh();
		List<Finding> findings = new ArrayList<>();
		if (!smrsh.enabled()) {
			findings.add(new Finding("smrsh-off", Severity.WARNING, "smrsh.enabled",
					"smrsh is off: .forward files and aliases may run any program",
					"Without smrsh the prog mailer runs /bin/sh -c, so a user's .forward line such as"
							+ " |\"cp /bin/sh /home/george/.x; chmod u+s /home/george/.x\" runs as written"
							+ (hasProgramLines(policy.forwards())
									? "; override files of this policy already hold program lines." : "."),
					"Turn smrsh on and link into sm.bin only the programs mail should run (vacation, a mail"
							+ " filter).",
					"true"));
		}
		String smrshName = baseName(smrsh.smrshPath());
		if (RUNS_OTHERS.contains(smrshName)) {
			findings.add(new Finding("smrsh-is-a-shell", Severity.CRITICAL, "smrsh.smrshPath",
					"The smrsh path is " + smrsh.smrshPath() + ", a program that runs anything",
					"The prog mailer runs this program with -c and the command from the .forward file or alias: a"
							+ " shell here is the same as having no smrsh at all.",
					"Point it at smrsh itself (Debian: /usr/libexec/sendmail/smrsh).", Smrsh.DEFAULT_PATH));
		}
		for (int i = 0; i < smrsh.programs().size(); i++) {
			Smrsh.Program program = smrsh.programs().get(i);
			String field = "smrsh.programs[" + i + "]";
			String name = program.name();
			String target = baseName(program.target());
			if (RUNS_OTHERS.contains(stripVersion(name)) || RUNS_OTHERS.contains(stripVersion(target))) {
				findings.add(new Finding("smrsh-runs-others", Severity.CRITICAL, field,
						"sm.bin holds " + name + " (" + program.target() + "), which runs other programs",
						"smrsh runs only what sm.bin holds; a shell, an interpreter or a program that starts others"
								+ " (procmail: \"a very bad idea\", says smrsh(8)) lets a .forward line run anything"
								+ " through it, which defeats smrsh.",
						"Remove it from sm.bin; if mail must be filtered, link a filter that runs no commands.", null));
			}
			if (!program.target().startsWith("/")) {
				findings.add(new Finding("smrsh-relative-target", Severity.WARNING, field,
						"sm.bin link " + name + " points to a relative path",
						"A relative link resolves against sm.bin itself, so what runs depends on what else lands in"
								+ " that directory.",
						"Point the link at the program's absolute path.", null));
			}
			else if (program.target().startsWith("/tmp/") || program.target().startsWith("/var/tmp/")
					|| program.target().startsWith("/home/") || program.target().startsWith("/dev/shm/")) {
				findings.add(new Finding("smrsh-writable-target", Severity.CRITICAL, field,
						"sm.bin link " + name + " points into "
								+ program.target().substring(0, program.target().indexOf('/', 1) + 1)
								+ ", where users can write",
						"Whoever can replace that file chooses what mail runs.",
						"Link only programs in root-owned directories (/usr/bin, /usr/libexec).", null));
			}
		}
		return findings;
	}

	private static boolean hasProgramLines(Forwards forwards) {
		for (Forwards.OverrideFile override : forwards.overrides()) {
			for (String line : override.content().split("\n")) {
				String trimmed = line.strip();
				if (trimmed.startsWith("|") || trimmed.startsWith("\"|")) {
					return true;
				}
			}
		}
		return false;
	}

	static String baseName(String path) {
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return trimmed.substring(trimmed.lastIndexOf('/') + 1);
	}

	/** {@code python3.11} and {@code perl5.36} are python and perl. */
	private static String stripVersion(String name) {
		return name.replaceFirst("[0-9.]+$", "");
	}

}
