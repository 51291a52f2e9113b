package org.smguard.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.smguard.validation.FieldPath;
import org.smguard.validation.Message;
import org.smguard.validation.Rules;
import org.smguard.validation.Violations;

/**
 * Section rules for smrsh.
 * <ul>
 * <li>{@code smrshPath} and {@code binDirectory} are required safe absolute paths even
 * while smrsh is disabled, because they are stored and rendered as soon as it is switched
 * on.</li>
 * <li>A program name is a bare file name: it starts with a letter or digit, holds only
 * {@code A-Z a-z 0-9 . _ + -}, is at most 64 characters long, and so can be neither
 * {@code .}, {@code ..}, a path nor carry shell metacharacters. Names are unique ignoring
 * case, so that two links cannot collide on a case-insensitive file system or confuse a
 * reviewer.</li>
 * <li>A program's target is a required safe absolute path.</li>
 * <li>Enabled with no program is a warning, not an error: every {@code |program} delivery
 * from aliases and {@code .forward} files then bounces, which a relay without programs
 * may want.</li>
 * <li>At most {@value Smrsh#MAX_PROGRAMS} programs.</li>
 * </ul>
 */
public final class SmrshValidator {

	public static final FieldPath SECTION = FieldPath.of("smrsh");

	public static final FieldPath SMRSH_PATH = SECTION.name("smrshPath");

	public static final FieldPath BIN_DIRECTORY = SECTION.name("binDirectory");

	/**
	 * The programs; a program is {@code PROGRAMS.index(i)}, with the fields {@link #NAME}
	 * and {@link #TARGET}.
	 */
	public static final FieldPath PROGRAMS = SECTION.name("programs");

	public static final String NAME = "name";

	public static final String TARGET = "target";

	private static final int MAX_NAME_LENGTH = 64;

	private static final Pattern PROGRAM_NAME = Pattern.compile("\\A[A-Za-z0-9][A-Za-z0-9._+-]*\\z");

	static final String PROGRAM_NAME_RULE = "must be a bare program name of at most " + MAX_NAME_LENGTH
			+ " characters: A-Z a-z 0-9 . _ + - and starting with a letter or digit (no '/', spaces or shell"
			+ " characters)";

	private SmrshValidator() {
	}

	public static void validate(Smrsh section, Violations violations) {
		if (section == null) {
			violations.error(SECTION, Rules.REQUIRED);
			return;
		}
		Rules.checkSafePath(SMRSH_PATH, section.smrshPath(), violations);
		Rules.checkSafePath(BIN_DIRECTORY, section.binDirectory(), violations);
		List<Smrsh.Program> programs = section.programs();
		Map<String, Integer> seen = new HashMap<>();
		if (!Rules.checkListSize(PROGRAMS, programs, Smrsh.MAX_PROGRAMS, "programs", violations)) {
			programs = List.of();
		}
		for (int i = 0; i < programs.size(); i++) {
			FieldPath field = PROGRAMS.index(i);
			Smrsh.Program program = programs.get(i);
			if (program == null) {
				violations.error(field, Rules.REQUIRED);
				continue;
			}
			if (checkName(field.name(NAME), program.name(), violations)) {
				Integer first = seen.putIfAbsent(program.name().toLowerCase(Locale.ROOT), i);
				if (first != null) {
					violations.error(field.name(NAME),
							Message.mentioning(PROGRAMS.index(first).name(NAME))
								.then(" already lists " + Rules.quote(programs.get(first).name())
										+ " (names are compared ignoring case); list each program once"));
				}
			}
			Rules.checkSafePath(field.name(TARGET), program.target(), violations);
		}
		if (section.enabled() && section.programs().isEmpty()) {
			violations.warning(PROGRAMS, "smrsh is enabled but no program is linked into its"
					+ " directory, so every delivery to a program from aliases or .forward files will bounce");
		}
	}

	private static boolean checkName(FieldPath field, String name, Violations violations) {
		if (name == null) {
			violations.error(field, Rules.REQUIRED);
			return false;
		}
		if (Rules.hasLineBreakingCharacter(name)) {
			violations.error(field, Rules.quote(name) + " " + Rules.CONTROL_RULE);
			return false;
		}
		if (name.length() > MAX_NAME_LENGTH || !PROGRAM_NAME.matcher(name).matches()) {
			violations.error(field, Rules.quote(name) + " " + PROGRAM_NAME_RULE);
			return false;
		}
		return true;
	}

}
