package org.smguard.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.smguard.validation.Rules;

import org.springframework.validation.Errors;

/**
 * The filter of the audit trail page, as the query string carries it: every field as
 * typed, so that a value that is no date or number is reported by name on the page
 * instead of failing the request. From and to are read as UTC: the page is the same for
 * admins in different time zones, and the times it shows are UTC too.
 */
public class AuditFilterForm {

	/** The longest actor and action the trail stores: a longer one matches nothing. */
	static final int MAX_ACTOR = 200;

	static final int MAX_ACTION = 64;

	private String from = "";

	private String to = "";

	private String actor = "";

	private String action = "";

	private String page = "";

	/**
	 * The filter this form asks for, or {@code null} after rejecting on {@code errors}
	 * each field that is not valid, with a message that begins with its label.
	 */
	AuditQuery read(Errors errors) {
		Instant since = time("from", "From", this.from, errors);
		Instant until = time("to", "To", this.to, errors);
		if (since != null && until != null && !until.isAfter(since)) {
			errors.rejectValue("to", "invalid", "To: must be later than From");
		}
		if (length(this.actor) > MAX_ACTOR) {
			errors.rejectValue("actor", "invalid", "Actor: must be at most " + MAX_ACTOR + " characters");
		}
		if (length(this.action) > MAX_ACTION) {
			errors.rejectValue("action", "invalid", "Action: must be at most " + MAX_ACTION + " characters");
		}
		int number = pageNumber(errors);
		if (errors.hasErrors()) {
			return null;
		}
		// Canonical times, in the form a datetime-local input shows.
		this.from = (since != null) ? LocalDateTime.ofInstant(since, ZoneOffset.UTC).toString() : "";
		this.to = (until != null) ? LocalDateTime.ofInstant(until, ZoneOffset.UTC).toString() : "";
		return new AuditQuery(since, until, empty(this.actor), empty(this.action), number);
	}

	/**
	 * A time as a datetime-local input sends it ({@code 2025-06-01T14:30}, seconds
	 * optional), or with a space for the {@code T} as people type it, in UTC.
	 */
	private static Instant time(String field, String label, String value, Errors errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			errors.rejectValue(field, "invalid", label + ": " + Rules.quote(value)
					+ " is not a date and time such as 2025-06-01T14:30 or 2025-06-01T14:30:15 (UTC)");
			return null;
		}
	}

	/** The page is not a field of the form (the pager's links carry it): a form error. */
	private int pageNumber(Errors errors) {
		if (this.page == null || this.page.isBlank()) {
			return 0;
		}
		try {
			int number = Integer.parseInt(this.page.strip());
			if (number >= 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below, as a negative number is.
		}
		errors.reject("invalid",
				"Page: " + Rules.quote(this.page) + " is not a page number (0 for the newest, 1, 2 ...)");
		return 0;
	}

	private static int length(String value) {
		return (value != null) ? value.length() : 0;
	}

	/**
	 * Empty means no filter; actor and action are otherwise matched exactly, unstripped.
	 */
	private static String empty(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	public String getFrom() {
		return this.from;
	}

	public void setFrom(String from) {
		this.from = from;
	}

	public String getTo() {
		return this.to;
	}

	public void setTo(String to) {
		this.to = to;
	}

	public String getActor() {
		return this.actor;
	}

	public void setActor(String actor) {
		this.actor = actor;
	}

	public String getAction() {
		return this.action;
	}

	public void setAction(String action) {
		this.action = action;
	}

	public String getPage() {
		return this.page;
	}

	public void setPage(String page) {
		this.page = page;
	}

}
