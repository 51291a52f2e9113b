package org.smguard.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.smguard.system.ClientAddresses;
import org.smguard.validation.ValidationException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only audit trail. An entry is written in the transaction of what it records
 * (a refused or rolled-back change leaves none); appends run one at a time under a lock
 * on the chain's head, and each entry carries the hash of the one before. Nothing in the
 * console edits or deletes entries.
 */
@Service
public class AuditTrail {

	private static final int MAX_PAGE_SIZE = 500;

	/** The most entries {@link #newest} answers at once: one CSV download. */
	public static final int MAX_EXPORT = 10_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ClientAddresses addresses;

	AuditTrail(JdbcClient jdbc, Clock clock, ClientAddresses addresses) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.addresses = addresses;
	}

	/** Records what the signed-in account (or an anonymous client) did. */
	@Transactional
	public void record(String action, String subject, String detail) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		recordAs((authentication != null) ? authentication.getName() : "anonymous", action, subject, detail);
	}

	/**
	 * Records what {@code actor} did or tried (e.g. the name given at a failed sign-in).
	 */
	@Transactional
	public void recordAs(String actor, String action, String subject, String detail) {
		String prevHash = this.jdbc.sql("SELECT last_hash FROM audit_head WHERE id = 1 FOR UPDATE")
			.query(String.class)
			.single();
		Instant at = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		String address = clientAddress();
		String who = cut(actor, 200);
		String what = cut(action, 64);
		String on = cut(subject, 200);
		String details = cut(detail, 2000);
		String hash = AuditEntry.hashOf(prevHash, at, who, address, what, on, details);
		this.jdbc
			.sql("INSERT INTO audit_entry (at, actor, address, action, subject, detail, prev_hash, hash)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(at.atOffset(ZoneOffset.UTC), who, address, what, on, details, prevHash, hash)
			.update();
		this.jdbc.sql("UPDATE audit_head SET last_hash = ? WHERE id = 1").param(hash).update();
	}

	/** One page of entries, newest first. */
	public record Page(List<AuditEntry> content, int page, int size, long totalElements) {

		public int totalPages() {
			return (int) ((this.totalElements + this.size - 1) / this.size);
		}

	}

	/**
	 * Entries newest first, optionally from and to a time (inclusive, exclusive) and of
	 * one actor.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public Page entries(Instant from, Instant to, String actor, int page, int size) {
		return entries(from, to, actor, null, page, size);
	}

	/**
	 * Entries newest first, optionally from and to a time (inclusive, exclusive), of one
	 * actor and of one action (both matched exactly).
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public Page entries(Instant from, Instant to, String actor, String action, int page, int size) {
		if (page < 0) {
			throw new ValidationException("page", "must be 0 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new ValidationException("size", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		List<Object> params = new ArrayList<>();
		String where = where(from, to, actor, action, params);
		long total = this.jdbc.sql("SELECT COUNT(*) FROM audit_entry" + where)
			.params(params)
			.query(Long.class)
			.single();
		List<Object> paged = new ArrayList<>(params);
		paged.add(size);
		paged.add((long) page * size);
		List<AuditEntry> content = this.jdbc
			.sql("SELECT * FROM audit_entry" + where + " ORDER BY id DESC LIMIT ? OFFSET ?")
			.params(paged)
			.query(AuditTrail::entry)
			.list();
		return new Page(content, page, size, total);
	}

	/**
	 * The newest {@code limit} entries (at most {@value #MAX_EXPORT}) that match the
	 * filters of {@link #entries}, newest first: what one CSV download holds.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public List<AuditEntry> newest(Instant from, Instant to, String actor, String action, int limit) {
		if (limit < 1 || limit > MAX_EXPORT) {
			throw new ValidationException("limit", "must be between 1 and " + MAX_EXPORT);
		}
		List<Object> params = new ArrayList<>();
		String where = where(from, to, actor, action, params);
		params.add(limit);
		return this.jdbc.sql("SELECT * FROM audit_entry" + where + " ORDER BY id DESC LIMIT ?")
			.params(params)
			.query(AuditTrail::entry)
			.list();
	}

	/** The actions the trail holds, in order: the choices of the action filter. */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public List<String> actions() {
		return this.jdbc.sql("SELECT DISTINCT action FROM audit_entry ORDER BY action").query(String.class).list();
	}

	private static String where(Instant from, Instant to, String actor, String action, List<Object> params) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		if (from != null) {
			where.append(" AND at >= ?");
			params.add(from.atOffset(ZoneOffset.UTC));
		}
		if (to != null) {
			where.append(" AND at < ?");
			params.add(to.atOffset(ZoneOffset.UTC));
		}
		if (actor != null && !actor.isEmpty()) {
			where.append(" AND actor = ?");
			params.add(actor);
		}
		if (action != null && !action.isEmpty()) {
			where.append(" AND action = ?");
			params.add(action);
		}
		return where.toString();
	}

	private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
		return new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
				rs.getString("actor"), rs.getString("address"), rs.getString("action"), rs.getString("subject"),
				rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
	}

	/** Whether the chain is intact, and where it first breaks. */
	public record Verification(long entries, boolean intact, Long firstBroken) {
	}

	/**
	 * Walks the whole chain in order: each entry must carry the hash of the one before,
	 * and its own hash must match its fields; the head must name the last entry.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public Verification verify() {
		String[] previous = { "0".repeat(64) };
		long[] count = { 0 };
		Long[] broken = { null };
		this.jdbc.sql("SELECT * FROM audit_entry ORDER BY id").query((ResultSet rs) -> {
			count[0]++;
			if (broken[0] != null) {
				return;
			}
			Instant at = rs.getObject("at", OffsetDateTime.class).toInstant();
			String expected = AuditEntry.hashOf(previous[0], at, rs.getString("actor"), rs.getString("address"),
					rs.getString("action"), rs.getString("subject"), rs.getString("detail"));
			if (!rs.getString("prev_hash").equals(previous[0]) || !rs.getString("hash").equals(expected)) {
				broken[0] = rs.getLong("id");
			}
			previous[0] = rs.getString("hash");
		});
		if (broken[0] == null) {
			String head = this.jdbc.sql("SELECT last_hash FROM audit_head WHERE id = 1").query(String.class).single();
			if (!head.equals(previous[0])) {
				broken[0] = -1L;
			}
		}
		return new Verification(count[0], broken[0] == null, broken[0]);
	}

	/** The client's address (behind trusted proxies, the one they forward). */
	private String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return cut(this.addresses.of(request), 100);
		}
		return "-";
	}

	private static String cut(String value, int max) {
		String text = (value != null) ? value : "";
		return (text.length() > max) ? text.substring(0, max) : text;
	}

}
