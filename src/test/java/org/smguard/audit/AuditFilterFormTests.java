package org.smguard.audit;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.ObjectError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuditFilterForm} and the links of {@link AuditQuery}: the filter of
 * the audit trail page as the query string carries it.
 */
class AuditFilterFormTests {

	@Test
	void anEmptyFormIsTheNewestPageOfEverything() {
		AuditFilterForm form = new AuditFilterForm();
		assertThat(form.read(errors(form))).isEqualTo(new AuditQuery(null, null, null, null, 0));
	}

	@Test
	void readsTimesAsUtcWithOrWithoutSeconds() {
		AuditFilterForm form = new AuditFilterForm();
		form.setFrom("2025-06-01T14:30");
		form.setTo(" 2025-06-01 14:30:15 ");
		AuditQuery query = form.read(errors(form));
		assertThat(query.from()).isEqualTo(Instant.parse("2025-06-01T14:30:00Z"));
		assertThat(query.to()).isEqualTo(Instant.parse("2025-06-01T14:30:15Z"));
		assertThat(form.getTo()).as("as a datetime-local input shows it").isEqualTo("2025-06-01T14:30:15");
	}

	@Test
	void matchesActorAndActionExactly() {
		AuditFilterForm form = new AuditFilterForm();
		form.setActor(" alice");
		form.setAction("sign-in");
		form.setPage("3");
		assertThat(form.read(errors(form))).isEqualTo(new AuditQuery(null, null, " alice", "sign-in", 3));
	}

	@Test
	void namesEachBadFieldInItsMessage() {
		AuditFilterForm form = new AuditFilterForm();
		form.setFrom("1 June");
		form.setTo("2025-06-01T25:00");
		form.setActor("a".repeat(201));
		form.setAction("b".repeat(65));
		form.setPage("-1");
		Errors errors = errors(form);
		assertThat(form.read(errors)).isNull();
		assertThat(errors.getAllErrors()).extracting(ObjectError::getDefaultMessage)
			.containsExactly(
					"From: '1 June' is not a date and time such as 2025-06-01T14:30 or 2025-06-01T14:30:15 (UTC)",
					"To: '2025-06-01T25:00' is not a date and time such as 2025-06-01T14:30 or 2025-06-01T14:30:15 (UTC)",
					"Actor: must be at most 200 characters", "Action: must be at most 64 characters",
					"Page: '-1' is not a page number (0 for the newest, 1, 2 ...)");
		assertThat(errors.getFieldError("from")).isNotNull();
		assertThat(errors.getGlobalError()).as("the page is no field of the form").isNotNull();
	}

	@Test
	void quotesABadValueWithItsControlCharactersEscaped() {
		AuditFilterForm form = new AuditFilterForm();
		form.setFrom("2025\n<script>");
		Errors errors = errors(form);
		form.read(errors);
		assertThat(errors.getFieldError("from").getDefaultMessage()).startsWith("From: '2025\\n<script>' is not");
	}

	@Test
	void refusesAToThatIsNotAfterFrom() {
		AuditFilterForm form = new AuditFilterForm();
		form.setFrom("2025-06-01T14:30");
		form.setTo("2025-06-01T14:30");
		Errors errors = errors(form);
		assertThat(form.read(errors)).isNull();
		assertThat(errors.getFieldError("to").getDefaultMessage()).isEqualTo("To: must be later than From");
	}

	@Test
	void linksKeepTheFilterPercentEncoded() {
		AuditQuery query = new AuditQuery(Instant.parse("2025-06-01T14:30:00Z"), null, "a+b c\n", "sign-in", 0);
		assertThat(query.link("/audit", 2))
			.isEqualTo("/audit?from=2025-06-01T14%3A30&actor=a%2Bb%20c%0A&action=sign-in&page=2");
		assertThat(query.link("/audit.csv", null))
			.isEqualTo("/audit.csv?from=2025-06-01T14%3A30&actor=a%2Bb%20c%0A&action=sign-in");
		assertThat(new AuditQuery(null, null, null, null, 0).link("/audit", 0)).isEqualTo("/audit");
	}

	private static Errors errors(AuditFilterForm form) {
		return new BeanPropertyBindingResult(form, "filter");
	}

}
