package org.smguard.hosts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to registered hosts. A page of hosts is one query that joins each host with
 * its policy's published version; a host request is looked up by its token's hash (a
 * unique index) in one query that also reads the policy's name.
 */
@Repository
class HostStore {

	/** Facts are kept as the JSON they arrived as, once checked. */
	private static final JsonMapper FACTS = JsonMapper.builder().build();

	private static final String HOST_COLUMNS = "h.id, h.name, p.name AS policy, h.registered_by, h.registered_at,"
			+ " h.token_issued_at, h.installed_version, h.installed_at, h.last_asked_at, h.last_asked_from,"
			+ " p.current_version, h.facts";

	private static final String FROM = " FROM host h JOIN policy p ON p.id = h.policy_id";

	private final JdbcClient jdbc;

	HostStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A policy a host can be registered for. */
	record PolicyRef(long id, String name, Integer currentVersion) {
	}

	/**
	 * What a request with a host token needs: who the host is, and when and from where it
	 * last asked (to write that at most once a minute).
	 */
	record Caller(HostPrincipal host, Instant lastAskedAt, String lastAskedFrom) {
	}

	Optional<PolicyRef> findPolicy(String name) {
		return this.jdbc.sql("SELECT id, name, current_version FROM policy WHERE name = ?")
			.param(name)
			.query((rs, n) -> new PolicyRef(rs.getLong("id"), rs.getString("name"), integer(rs, "current_version")))
			.optional();
	}

	List<String> policyNames() {
		return this.jdbc.sql("SELECT name FROM policy ORDER BY name").query(String.class).list();
	}

	/** The published version of a policy, or {@code null} when none is. */
	Integer currentVersion(String policy) {
		return this.jdbc.sql("SELECT current_version FROM policy WHERE name = ?")
			.param(policy)
			.query((rs, n) -> integer(rs, "current_version"))
			.optional()
			.orElse(null);
	}

	boolean nameTaken(String name) {
		return this.jdbc.sql("SELECT COUNT(*) FROM host WHERE name = ?").param(name).query(Integer.class).single() > 0;
	}

	void insert(String name, long policyId, String tokenHash, String registeredBy, Instant at) {
		this.jdbc
			.sql("INSERT INTO host (name, policy_id, token_hash, registered_by, registered_at, token_issued_at)"
					+ " VALUES (?, ?, ?, ?, ?, ?)")
			.params(name, policyId, tokenHash, registeredBy, at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC))
			.update();
	}

	Optional<Host> find(String name) {
		return this.jdbc.sql("SELECT " + HOST_COLUMNS + FROM + " WHERE h.name = ?")
			.param(name)
			.query((rs, n) -> toHost(rs))
			.optional();
	}

	/**
	 * Locks the host's row until the transaction ends; empty when there is no such host.
	 */
	Optional<Long> lock(String name) {
		return this.jdbc.sql("SELECT id FROM host WHERE name = ? FOR UPDATE").param(name).query(Long.class).optional();
	}

	/**
	 * Hosts by name, {@code size} from {@code offset}, each with its policy's version.
	 */
	List<Host> page(long offset, int size) {
		return this.jdbc.sql("SELECT " + HOST_COLUMNS + FROM + " ORDER BY h.name OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
			.params(offset, size)
			.query((rs, n) -> toHost(rs))
			.list();
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM host").query(Long.class).single();
	}

	boolean delete(String name) {
		return this.jdbc.sql("DELETE FROM host WHERE name = ?").param(name).update() > 0;
	}

	boolean replaceToken(String name, String tokenHash, Instant at) {
		return this.jdbc.sql("UPDATE host SET token_hash = ?, token_issued_at = ? WHERE name = ?")
			.params(tokenHash, at.atOffset(ZoneOffset.UTC), name)
			.update() > 0;
	}

	Optional<Caller> findCaller(String tokenHash) {
		return this.jdbc
			.sql("SELECT h.id, h.name, p.name AS policy, h.last_asked_at, h.last_asked_from" + FROM
					+ " WHERE h.token_hash = ?")
			.param(tokenHash)
			.query((rs, n) -> new Caller(
					new HostPrincipal(rs.getLong("id"), rs.getString("name"), rs.getString("policy")),
					instant(rs, "last_asked_at"), rs.getString("last_asked_from")))
			.optional();
	}

	/**
	 * Records a request at {@code now} from {@code address} unless one from the same
	 * address at or after {@code notBefore} is recorded already.
	 */
	void markAsked(long id, Instant now, String address, Instant notBefore) {
		this.jdbc
			.sql("UPDATE host SET last_asked_at = ?, last_asked_from = ? WHERE id = ?"
					+ " AND (last_asked_at IS NULL OR last_asked_at < ? OR last_asked_from IS NULL"
					+ " OR last_asked_from <> ?)")
			.params(now.atOffset(ZoneOffset.UTC), address, id, notBefore.atOffset(ZoneOffset.UTC), address)
			.update();
	}

	/**
	 * The version the host reported last, read under a lock on its row; empty when the
	 * host is gone.
	 */
	Optional<Installed> lockInstalled(long id) {
		return this.jdbc.sql("SELECT installed_version FROM host WHERE id = ? FOR UPDATE")
			.param(id)
			.query((rs, n) -> new Installed(integer(rs, "installed_version")))
			.optional();
	}

	/** What a host reported installed: {@code null} when nothing yet. */
	record Installed(Integer version) {
	}

	void recordInstalled(long id, int version, Instant at) {
		this.jdbc.sql("UPDATE host SET installed_version = ?, installed_at = ? WHERE id = ?")
			.params(version, at.atOffset(ZoneOffset.UTC), id)
			.update();
	}

	/** Whether {@code policy} has a version {@code number} (in any state). */
	boolean hasVersion(String policy, int number) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM policy_version v JOIN policy p ON p.id = v.policy_id"
					+ " WHERE p.name = ? AND v.number = ?")
			.params(policy, number)
			.query(Integer.class)
			.single() > 0;
	}

	void recordFacts(long id, HostFacts facts, Instant at) {
		this.jdbc.sql("UPDATE host SET facts = ?, facts_reported_at = ? WHERE id = ?")
			.params(FACTS.writeValueAsString(facts), at.atOffset(ZoneOffset.UTC), id)
			.update();
	}

	List<HostService.ReportedFacts> reportedFacts(String policy) {
		return this.jdbc
			.sql("SELECT h.name, h.installed_version, h.facts_reported_at, h.facts FROM host h"
					+ " JOIN policy p ON p.id = h.policy_id WHERE p.name = ? AND h.facts IS NOT NULL ORDER BY h.name")
			.param(policy)
			.query((rs, n) -> new HostService.ReportedFacts(rs.getString(1), integer(rs, "installed_version"),
					instant(rs, "facts_reported_at"), facts(rs.getString(4))))
			.list();
	}

	private static Host toHost(ResultSet rs) throws SQLException {
		return new Host(rs.getLong("id"), rs.getString("name"), rs.getString("policy"), rs.getString("registered_by"),
				instant(rs, "registered_at"), instant(rs, "token_issued_at"), integer(rs, "installed_version"),
				instant(rs, "installed_at"), instant(rs, "last_asked_at"), rs.getString("last_asked_from"),
				integer(rs, "current_version"), facts(rs.getString("facts")));
	}

	private static HostFacts facts(String json) {
		return (json != null) ? FACTS.readValue(json, HostFacts.class) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

}
