package org.smguard.policies;

import java.util.function.UnaryOperator;

import org.smguard.policy.DraftSection;
import org.smguard.policy.DraftSettings;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.policy.PolicyValidator;
import org.smguard.system.FormErrors;
import org.smguard.system.FormFields;
import org.smguard.validation.FieldPath;
import org.smguard.validation.ValidationException;

import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;

/**
 * What every editor tab of the draft does alike: show the draft with the warnings of its
 * section, and apply a change, putting refused values beside the form fields they
 * concern.
 */
public final class DraftTab {

	private DraftTab() {
	}

	/**
	 * Puts the policy name, the draft and the warnings of {@code section} (e.g.
	 * {@code shells}) on the model, each as a sentence that names its field as
	 * {@code fields} label it. Warnings do not stop a save, so they are shown whenever
	 * the stored draft has them.
	 */
	public static void show(Model model, String policy, DraftSettings draft, FieldPath section, FormFields fields) {
		model.addAttribute("policyName", policy);
		model.addAttribute("draft", draft);
		model.addAttribute("warnings",
				PolicyValidator.validateSettings(draft.policy(), draft.overrideCount())
					.warnings()
					.stream()
					.filter((warning) -> warning.path().startsWith(section))
					.map((warning) -> FormErrors.describe(warning, fields))
					.toList());
	}

	/**
	 * Applies one tab's change of {@code section} to the draft.
	 * @param fields where the form shows the violations of each path (see
	 * {@link FormErrors})
	 * @return whether the change was saved; when not, the refusal is on {@code result}
	 */
	public static boolean change(PolicyService policies, String policy, long draftRevision, DraftSection section,
			UnaryOperator<Policy> change, BindingResult result, FormFields fields) {
		try {
			policies.changeSection(policy, draftRevision, section, change);
			return true;
		}
		catch (ValidationException ex) {
			FormErrors.reject(result, ex.violations(), fields);
			return false;
		}
	}

}
