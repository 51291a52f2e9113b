package org.smguard.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.smguard.policy.Policy;
import org.smguard.policy.PolicyValidator;
import org.smguard.system.FormFields;
import org.smguard.validation.Message;
import org.smguard.validation.Violation;
import org.smguard.validation.Violations;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that a form shows every violation the validators emit for its section beside one
 * of its fields. The paths are not listed by hand: the tests build broken policies from
 * {@link #HOSTILE} values and run the validators on them, so a new rule, or a path spelt
 * differently, shows up as a violation no field takes.
 */
public final class FormFieldsCoverage {

	/**
	 * Values that break one rule or another of the text fields of a policy: missing,
	 * empty, blank, control and bidi characters, relative and dotted paths, names of the
	 * wrong case or privilege, numbers sendmail misreads, the any-shell line and overlong
	 * text.
	 */
	public static final List<String> HOSTILE = Collections.unmodifiableList(Arrays.asList(null, "", " ", "a b",
			"line\nbreak", "tab\there", "cr\r", "nul\u0000", "\u202eevil", "Root", "root", "-dash", ".dot", "/", "/..",
			"relative/path", "/a/../b", "/a//b", "/a,b", "/SENDMAIL/ANY/SHELL/", "/sendmail/any/shell", "$x/.forward",
			"$z/.forward", "/f/$u.forward:", "0", "00", "-1", "+1", "8abc", "4294967296", "0680", "0666", "a:b:c",
			"mail.mail", "mail:wheel", "mail:", "a,,b", "a@", "a,a", "x".repeat(1100), "/" + "x".repeat(1100)));

	private FormFieldsCoverage() {
	}

	/** Every error and warning of each policy, in order. */
	public static List<Violation> violations(Stream<Policy> policies) {
		List<Violation> all = new ArrayList<>();
		policies.map(PolicyValidator::validate).forEach((violations) -> add(all, violations));
		return all;
	}

	private static void add(List<Violation> all, Violations violations) {
		all.addAll(violations.errors());
		all.addAll(violations.warnings());
	}

	/**
	 * Asserts that each violation lands on a readable property of {@code form} through
	 * the fields {@code fieldsOf} gives for it, that every field it mentions has a label
	 * there, and that every field of the form took at least one violation.
	 */
	public static void assertEachLandsOnAField(List<Violation> violations, Function<Violation, FormFields> fieldsOf,
			Object form) {
		assertThat(violations).isNotEmpty();
		BeanWrapperImpl bean = new BeanWrapperImpl(form);
		Set<String> hit = new HashSet<>();
		Set<String> declared = new HashSet<>();
		for (Violation violation : violations) {
			FormFields fields = fieldsOf.apply(violation);
			fields.entries().stream().filter(FormFields.Entry::onForm).forEach((entry) -> declared.add(entry.field()));
			Optional<FormFields.Entry> entry = fields.find(violation.path()).filter(FormFields.Entry::onForm);
			assertThat(entry).as("the field of %s", violation).isPresent();
			assertThat(bean.isReadableProperty(entry.get().field()))
				.as("%s is a field of %s", entry.get().field(), form.getClass().getSimpleName())
				.isTrue();
			for (Message.Part part : violation.detail().parts()) {
				if (part instanceof Message.Mention mention) {
					assertThat(fields.find(mention.path())).as("the label of %s in %s", mention.path(), violation)
						.isPresent();
				}
			}
			hit.add(entry.get().field());
		}
		assertThat(hit).as("fields that took a violation").containsAll(declared);
	}

	/**
	 * Asserts that the page shows the label of every field of the form, so that messages
	 * that name a field by its label name what a person sees.
	 */
	public static void assertLabelsShown(String html, FormFields fields) {
		for (FormFields.Entry entry : fields.entries()) {
			if (entry.onForm()) {
				assertThat(html).as("the label of %s", entry.field()).contains(HtmlUtils.htmlEscape(entry.label()));
			}
		}
	}

}
