package org.smguard.render;

import java.util.ArrayList;
import java.util.List;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;

/**
 * Every file a policy produces, in a stable order. File names never contain {@code /}:
 * the override files are named {@code <user>.forward} and user names are validated.
 */
public final class PolicyFiles {

	public static final String SENDMAIL_CF = "sendmail.cf";

	public static final String MC_FRAGMENT = "smguard-security.m4";

	public static final String SHELLS = "shells";

	public static final String TRUSTED_USERS = "trusted-users";

	public static final String SM_BIN_MANIFEST = "sm.bin.manifest";

	private static final String OVERRIDE_SUFFIX = ".forward";

	private PolicyFiles() {
	}

	/**
	 * Every file of a policy: the files made from its settings, then its override files.
	 */
	public static List<RenderedFile> render(Policy policy, String baseCf) {
		List<RenderedFile> files = new ArrayList<>(settingsFiles(policy, baseCf));
		Forwards forwards = policy.forwards();
		for (Forwards.OverrideFile override : forwards.overrides()) {
			files.add(overrideFile(forwards.directory(), override));
		}
		return files;
	}

	/**
	 * The files made from a policy's settings alone; its override files, if any, are not
	 * looked at.
	 */
	public static List<RenderedFile> settingsFiles(Policy policy, String baseCf) {
		List<RenderedFile> files = new ArrayList<>();
		files.add(new RenderedFile(SENDMAIL_CF, "/etc/mail/sendmail.cf", "root:smmsp", "0644",
				CfRenderer.render(policy, baseCf)));
		files.add(new RenderedFile(MC_FRAGMENT, "/etc/mail/m4/smguard-security.m4", "root:smmsp", "0644",
				McFragmentRenderer.render(policy)));
		files.add(new RenderedFile(SHELLS, "/etc/shells", "root:root", "0644", FileRenderers.shells(policy.shells())));
		if (policy.trustedUsers().file() != null) {
			files.add(new RenderedFile(TRUSTED_USERS, policy.trustedUsers().file().path(), "root:smmsp", "0644",
					FileRenderers.trustedUsersFile(policy.trustedUsers().file())));
		}
		files.add(new RenderedFile(SM_BIN_MANIFEST, "/etc/mail/smguard/sm.bin.manifest", "root:root", "0644",
				FileRenderers.smBinManifest(policy.smrsh())));
		return files;
	}

	/** The override file of one user, in {@code directory}. */
	public static RenderedFile overrideFile(String directory, Forwards.OverrideFile override) {
		return new RenderedFile(overrideFileName(override.user()), directory + "/" + override.user() + ".forward",
				"root:root", "0644", FileRenderers.overrideFile(override));
	}

	/**
	 * The user whose override file is named {@code name}, or {@code null} when the name
	 * is not an override file's: no other file's name ends with
	 * {@value #OVERRIDE_SUFFIX}.
	 */
	public static String overrideUser(String name) {
		return (name.endsWith(OVERRIDE_SUFFIX) && name.length() > OVERRIDE_SUFFIX.length())
				? name.substring(0, name.length() - OVERRIDE_SUFFIX.length()) : null;
	}

	private static String overrideFileName(String user) {
		return user + OVERRIDE_SUFFIX;
	}

}
