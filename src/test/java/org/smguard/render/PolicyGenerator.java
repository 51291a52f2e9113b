package org.smguard.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.SecurityOptionsValidator;
import org.smguard.policy.Shells;
import org.smguard.policy.Smrsh;
import org.smguard.policy.TrustedUsers;
import org.smguard.policy.TrustedUsersFile;

/**
 * Random policies for the property tests: valid values (including the awkward ones the
 * rules allow) and hostile strings for every field that reaches a rendered file. Default
 * users and groups are ones that exist on a Debian host with sendmail, or numbers, so
 * that the real sendmail reads the cf without complaint. One {@link Random} drives it
 * all, so a seed reproduces a run.
 */
final class PolicyGenerator {

	/** Names for class t and the trusted-users file: any valid name is fine there. */
	private static final List<String> TRUSTED_NAMES = List.of("root", "daemon", "uucp", "bin", "majordomo", "listmgr",
			"www-data", "mail", "news", "a.b", "x_y", "9lives", "Ops", "_apt", "z-", "n.o.b.o.d.y");

	private static final List<String> OVERRIDE_USERS = List.of("bob", "alice", "carol", "dave", "www-data", "x.y",
			"_svc", "u-1", "7up");

	private static final List<String> PATHS = List.of("/etc/mail/trusted-users", "/etc/mail/tu",
			"/usr/local/etc/mail.trusted", "/var/lib/smguard/t+u_1");

	private static final List<String> SHELLS = List.of("/bin/sh", "/usr/bin/sh", "/bin/bash", "/usr/bin/zsh",
			"/bin/rbash", "/usr/local/bin/fish-3.7");

	private static final List<String> SMRSH_PATHS = List.of("/usr/libexec/sendmail/smrsh", "/usr/sbin/smrsh",
			"/usr/lib/sm.bin/smrsh");

	private static final List<String> BIN_DIRECTORIES = List.of("/etc/mail/smrsh", "/usr/adm/sm.bin", "/var/sm.bin");

	private static final List<String> PROGRAMS = List.of("vacation", "procmail", "mail.local", "slocal", "rmail+x",
			"Vacation2", "9to5");

	private static final List<String> DIRECTORIES = List.of("/usr/local/etc/forwards", "/var/forwards", "/etc/fw.d");

	private static final List<String> CONTENTS = List.of("", "bob@example.org\n", "\\alice\n|/usr/bin/vacation alice\n",
			"carol@elsewhere.example", "# comment\n\n\\dave, dave@example.net\n");

	/** Users and groups of a Debian host (Debian has no mailnull), and plain numbers. */
	private static final List<String> DEFAULT_USERS = List.of("daemon", "mail:mail", "news:news", "uucp:uucp",
			"nobody:nogroup", "www-data:www-data", "8:12", "1:1", "65534:65534", "bin:bin", "sys", "2147483647",
			"mail:8", "8:mail");

	private static final List<String> POSTMASTER_COPIES = List.of("postmaster", "postmaster,securitymaster",
			"root@example.org", "sec+bounces@mail.example.com,Postmaster", "u_1");

	private static final List<String> SAFE_FILE_ENVIRONMENTS = List.of("/", "/var/mailsafe", "/home");

	private static final List<String> TEMP_FILE_MODES = List.of("0600", "600", "0640", "0660", "0777", "0000", "644");

	/** Characters that may never reach a rendered file in any field. */
	static final List<String> ALWAYS_HOSTILE = List.of("\n", "\r", "\0", "\u0085", "\u2028", "\u2029", "\t", "\u000b",
			"\u001b", "\u007f", " ", "\"", "'", "`", "|", "&", ";", "\\", "#", "=", "*", "?", "<", ">", "%", "!", "(",
			"{", "~", "\u00a0", "\u0430", "\u2215", "\uff0f", "\u202e", "\ufeff", "\u00e9");

	/** What no override file may hold (any other text is its content). */
	static final List<String> CONTENT_HOSTILE = List.of("\r", "\0", "\u0085", "\u2028", "\u2029", "\t", "\u000b",
			"\u001b", "\u202e", "\u2066", "\u200f");

	static final String LONG = "x".repeat(2000);

	private final Random random;

	PolicyGenerator(Random random) {
		this.random = random;
	}

	/** A policy that the rules accept. */
	Policy valid() {
		List<String> users = distinct(TRUSTED_NAMES, 0, 5);
		TrustedUsersFile file = chance(0.5) ? new TrustedUsersFile(pick(PATHS), chance(0.5),
				distinct(TRUSTED_NAMES, 0, 3).stream()
					.filter((u) -> !users.stream().anyMatch((c) -> c.equalsIgnoreCase(u)))
					.toList())
				: null;
		TrustedUsers trusted = new TrustedUsers(chance(0.5) ? TrustedUsers.LineStyle.T : TrustedUsers.LineStyle.Ct,
				users, file);
		Shells shells = new Shells(distinct(SHELLS, 0, 4), chance(0.2));
		List<Smrsh.Program> programs = new ArrayList<>();
		for (String name : distinct(PROGRAMS, 0, 3)) {
			programs.add(new Smrsh.Program(name, "/usr/bin/" + name.toLowerCase(Locale.ROOT)));
		}
		Smrsh smrsh = new Smrsh(chance(0.5), pick(SMRSH_PATHS), pick(BIN_DIRECTORIES), programs);
		String directory = pick(DIRECTORIES);
		List<Forwards.OverrideFile> overrides = new ArrayList<>();
		for (String user : distinct(OVERRIDE_USERS, 0, 4)) {
			overrides.add(new Forwards.OverrideFile(user, pick(CONTENTS)));
		}
		Forwards forwards = new Forwards(directory, overrides);
		String forwardPath;
		if (!overrides.isEmpty() || chance(0.3)) {
			forwardPath = directory + "/$u.forward" + pick(List.of("", ":$z/.forward", ":$z/.forward.$w:$z/.forward"));
		}
		else {
			forwardPath = maybe(pick(List.of("", "$z/.forward", "$z/.forward.$w:$z/.forward", "/var/fw/$u+$h")));
		}
		List<String> flags = chance(0.85) ? distinct(SecurityOptionsValidator.PRIVACY_FLAGS, 0, 6) : null;
		SecurityOptions options = new SecurityOptions(maybe(pick(DEFAULT_USERS)), forwardPath,
				chance(0.85) ? this.random.nextInt(100) : null, maybe(pick(POSTMASTER_COPIES)), flags,
				maybe(pick(SAFE_FILE_ENVIRONMENTS)), maybe(pick(TEMP_FILE_MODES)));
		return new Policy(trusted, shells, smrsh, forwards, options);
	}

	/** A field to spoil: its path in the body and how to put a value there. */
	record Target(String field, Function<Policy, String> valid, BiFunction<Policy, String, Policy> set,
			List<String> hostile) {
	}

	/**
	 * Every field that reaches a rendered file, with the tokens that are hostile in it:
	 * the characters no field may hold, plus the separators of the fields they are not
	 * part of.
	 */
	List<Target> targets() {
		List<String> names = hostile(",", "$", ":", "/", "@", "\u0130");
		// Whole segments: "/.." inside a segment makes a harmless name such as "v..ar".
		List<String> paths = hostile(",", "$", ":", "@", "/../", "/./", "//");
		List<Target> targets = new ArrayList<>();
		targets.add(new Target("trustedUsers.users", (p) -> first(p.trustedUsers().users(), "listmgr"),
				(p, v) -> p.withTrustedUsers(new TrustedUsers(p.trustedUsers().lineStyle(),
						replaceFirst(p.trustedUsers().users(), v), p.trustedUsers().file())),
				names));
		targets.add(new Target("trustedUsers.file.path", (p) -> fileOf(p).path(),
				(p, v) -> withFile(p, new TrustedUsersFile(v, fileOf(p).optional(), fileOf(p).users())), paths));
		targets.add(new Target("trustedUsers.file.users", (p) -> first(fileOf(p).users(), "majordomo2"),
				(p, v) -> withFile(p, new TrustedUsersFile(fileOf(p).path(), fileOf(p).optional(),
						replaceFirst(fileOf(p).users(), v))),
				names));
		targets.add(new Target("shells.entries", (p) -> first(p.shells().entries(), "/bin/ksh"),
				(p, v) -> p.withShells(new Shells(replaceFirst(p.shells().entries(), v), p.shells().allowAnyShell())),
				paths));
		targets.add(new Target("smrsh.smrshPath", (p) -> p.smrsh().smrshPath(),
				(p, v) -> p
					.withSmrsh(new Smrsh(p.smrsh().enabled(), v, p.smrsh().binDirectory(), p.smrsh().programs())),
				paths));
		targets.add(new Target("smrsh.binDirectory", (p) -> p.smrsh().binDirectory(),
				(p, v) -> p.withSmrsh(new Smrsh(p.smrsh().enabled(), p.smrsh().smrshPath(), v, p.smrsh().programs())),
				paths));
		targets.add(new Target("smrsh.programs", (p) -> "zz", (p, v) -> withProgram(p, new Smrsh.Program(v, "/bin/zz")),
				names));
		targets.add(new Target("smrsh.programs", (p) -> "/usr/bin/zz",
				(p, v) -> withProgram(p, new Smrsh.Program("zz", v)), paths));
		targets.add(new Target("forwards.directory", (p) -> p.forwards().directory(),
				(p, v) -> p.withForwards(new Forwards(v, p.forwards().overrides())), paths));
		targets.add(new Target("forwards.overrides", (p) -> "eve",
				(p, v) -> withOverride(p, new Forwards.OverrideFile(v, "")), names));
		targets.add(new Target("forwards.overrides", (p) -> "eve@example.org\n\\eve",
				(p, v) -> withOverride(p, new Forwards.OverrideFile("eve", v)), with(CONTENT_HOSTILE, LONG)));
		targets.add(new Target("options.DefaultUser", (p) -> "mail:mail", (p, v) -> withOption(p, "DefaultUser", v),
				hostile(",", "$", "/", "@", ".", "::")));
		targets.add(new Target("options.ForwardPath", (p) -> "/var/fw/$u.forward:$z/.forward",
				(p, v) -> withOption(p, "ForwardPath", v), hostile(",", "@", "/../", "/./", "//", "$x", "$$", "::")));
		targets.add(new Target("options.PostmasterCopy", (p) -> "postmaster,security@example.org",
				(p, v) -> withOption(p, "PostmasterCopy", v), hostile("$", ":", "/", ",,")));
		targets.add(new Target("options.PrivacyOptions", (p) -> "goaway", (p, v) -> withOption(p, "PrivacyOptions", v),
				hostile(",", "$", ":", "/", "@", ".")));
		targets.add(new Target("options.SafeFileEnvironment", (p) -> "/var/mailsafe",
				(p, v) -> withOption(p, "SafeFileEnvironment", v), paths));
		targets.add(new Target("options.TempFileMode", (p) -> "0600", (p, v) -> withOption(p, "TempFileMode", v),
				hostile(",", "$", ":", "/", "@", ".", "8", "9")));
		return targets;
	}

	/**
	 * {@code value} spoiled with a hostile token: inserted anywhere, put in front or
	 * behind, or replacing it.
	 */
	String spoil(String value, List<String> hostile) {
		String token = pick(hostile);
		return switch (this.random.nextInt(4)) {
			case 0 -> token + value;
			case 1 -> value + token;
			case 2 -> token;
			default -> {
				int at = this.random.nextInt(value.length() + 1);
				yield value.substring(0, at) + token + value.substring(at);
			}
		};
	}

	/**
	 * A policy with each field hostile with a small chance: mostly refused, and what is
	 * accepted must be harmless.
	 */
	Policy mixed() {
		Policy policy = valid();
		for (Target target : targets()) {
			if (chance(0.03)) {
				policy = target.set().apply(policy, spoil(target.valid().apply(policy), target.hostile()));
			}
		}
		if (chance(0.03)) {
			policy = withLogLevel(policy, pick(List.of(-1, 100, Integer.MAX_VALUE, Integer.MIN_VALUE)));
		}
		return policy;
	}

	boolean chance(double probability) {
		return this.random.nextDouble() < probability;
	}

	<T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	private <T> T maybe(T value) {
		return chance(0.15) ? null : value;
	}

	/** Up to {@code max} (at least {@code min}) values, distinct ignoring case. */
	private List<String> distinct(List<String> pool, int min, int max) {
		int count = min + this.random.nextInt(max - min + 1);
		Set<String> lower = new LinkedHashSet<>();
		List<String> out = new ArrayList<>();
		for (int i = 0; i < count * 3 && out.size() < count; i++) {
			String value = pick(pool);
			if (lower.add(value.toLowerCase(Locale.ROOT))) {
				out.add(value);
			}
		}
		return out;
	}

	private static List<String> hostile(String... more) {
		List<String> all = new ArrayList<>(ALWAYS_HOSTILE);
		all.addAll(List.of(more));
		all.add(LONG);
		return all;
	}

	private static List<String> with(List<String> list, String more) {
		List<String> all = new ArrayList<>(list);
		all.add(more);
		return all;
	}

	private static String first(List<String> values, String fallback) {
		return values.isEmpty() ? fallback : values.get(0);
	}

	private static List<String> replaceFirst(List<String> values, String value) {
		List<String> out = new ArrayList<>(values);
		if (out.isEmpty()) {
			out.add(value);
		}
		else {
			out.set(0, value);
		}
		return out;
	}

	private static TrustedUsersFile fileOf(Policy policy) {
		TrustedUsersFile file = policy.trustedUsers().file();
		return (file != null) ? file : new TrustedUsersFile("/etc/mail/trusted-users", true, List.of());
	}

	private static Policy withFile(Policy policy, TrustedUsersFile file) {
		TrustedUsers trusted = policy.trustedUsers();
		return policy.withTrustedUsers(new TrustedUsers(trusted.lineStyle(), trusted.users(), file));
	}

	private static Policy withProgram(Policy policy, Smrsh.Program program) {
		Smrsh smrsh = policy.smrsh();
		List<Smrsh.Program> programs = new ArrayList<>(smrsh.programs());
		programs.add(program);
		return policy.withSmrsh(new Smrsh(smrsh.enabled(), smrsh.smrshPath(), smrsh.binDirectory(), programs));
	}

	private static Policy withOverride(Policy policy, Forwards.OverrideFile override) {
		List<Forwards.OverrideFile> overrides = new ArrayList<>(policy.forwards().overrides());
		overrides.add(override);
		String directory = policy.forwards().directory();
		Policy with = policy.withForwards(new Forwards(directory, overrides));
		// Keep the cross-section rule satisfied so that only the spoilt value is wrong.
		return withOption(with, "ForwardPath", directory + "/$u.forward:$z/.forward");
	}

	static Policy withOption(Policy policy, String name, String value) {
		SecurityOptions o = policy.options();
		return policy.withOptions(new SecurityOptions(name.equals("DefaultUser") ? value : o.defaultUser(),
				name.equals("ForwardPath") ? value : o.forwardPath(), o.logLevel(),
				name.equals("PostmasterCopy") ? value : o.postmasterCopy(),
				name.equals("PrivacyOptions") ? List.of(value) : o.privacyOptions(),
				name.equals("SafeFileEnvironment") ? value : o.safeFileEnvironment(),
				name.equals("TempFileMode") ? value : o.tempFileMode()));
	}

	static Policy withLogLevel(Policy policy, Integer level) {
		SecurityOptions o = policy.options();
		return policy.withOptions(new SecurityOptions(o.defaultUser(), o.forwardPath(), level, o.postmasterCopy(),
				o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()));
	}

}
