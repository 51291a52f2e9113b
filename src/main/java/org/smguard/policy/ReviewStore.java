package org.smguard.policy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to the review of versions: their states, the current version, and the
 * review history (rows only ever inserted).
 */
@Repository
class ReviewStore {

	private final JdbcClient jdbc;

	ReviewStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the policy's row until the transaction ends: transitions of one policy run
	 * one after another, so exactly one version is ever current.
	 */
	void lockPolicy(long policyId) {
		this.jdbc.sql("SELECT id FROM policy WHERE id = ? FOR UPDATE").param(policyId).query(Long.class).single();
	}

	Integer currentVersion(long policyId) {
		// A list, not single(): the value is null until a version is published.
		return this.jdbc.sql("SELECT current_version FROM policy WHERE id = ?")
			.param(policyId)
			.query((rs, n) -> rs.getObject(1, Integer.class))
			.list()
			.get(0);
	}

	void setCurrentVersion(long policyId, int number) {
		this.jdbc.sql("UPDATE policy SET current_version = ? WHERE id = ?").params(number, policyId).update();
	}

	void setState(long policyId, int number, VersionState state) {
		this.jdbc.sql("UPDATE policy_version SET state = ? WHERE policy_id = ? AND number = ?")
			.params(state.name(), policyId, number)
			.update();
	}

	void setApprovedBy(long policyId, int number, String reviewer) {
		this.jdbc.sql("UPDATE policy_version SET approved_by = ? WHERE policy_id = ? AND number = ?")
			.params(reviewer, policyId, number)
			.update();
	}

	void setEmergency(long policyId, int number) {
		this.jdbc.sql("UPDATE policy_version SET emergency = TRUE WHERE policy_id = ? AND number = ?")
			.params(policyId, number)
			.update();
	}

	boolean isEmergency(long policyId, int number) {
		return this.jdbc.sql("SELECT emergency FROM policy_version WHERE policy_id = ? AND number = ?")
			.params(policyId, number)
			.query(Boolean.class)
			.single();
	}

	void insertReview(long policyId, int number, Review review) {
		this.jdbc
			.sql("INSERT INTO version_review (policy_id, number, action, actor, at, comment, content_hash)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(policyId, number, review.action().name(), review.actor(), review.at().atOffset(ZoneOffset.UTC),
					review.comment(), review.contentHash())
			.update();
	}

	/** The review history of one version, oldest first. */
	List<Review> reviews(long policyId, int number) {
		return this.jdbc.sql("SELECT * FROM version_review WHERE policy_id = ? AND number = ? ORDER BY id")
			.params(policyId, number)
			.query((rs, n) -> new Review(Review.Action.valueOf(rs.getString("action")), rs.getString("actor"),
					rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("comment"),
					rs.getString("content_hash")))
			.list();
	}

	void insertAcknowledgement(long policyId, int number, Acknowledgement acknowledgement) {
		this.jdbc
			.sql("INSERT INTO version_acknowledgement (policy_id, number, finding, title, reason, actor, at)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(policyId, number, acknowledgement.finding(), acknowledgement.title(), acknowledgement.reason(),
					acknowledgement.actor(), acknowledgement.at().atOffset(ZoneOffset.UTC))
			.update();
	}

	/** The acknowledgements given at the approvals of one version, oldest first. */
	List<Acknowledgement> acknowledgements(long policyId, int number) {
		return this.jdbc.sql("SELECT * FROM version_acknowledgement WHERE policy_id = ? AND number = ? ORDER BY id")
			.params(policyId, number)
			.query((rs, n) -> new Acknowledgement(rs.getString("finding"), rs.getString("title"),
					rs.getString("reason"), rs.getString("actor"),
					rs.getObject("at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/** The numbers of the policy's versions in {@code state}, newest first. */
	List<Integer> versionsIn(long policyId, VersionState state) {
		return this.jdbc.sql("SELECT number FROM policy_version WHERE policy_id = ? AND state = ? ORDER BY number DESC")
			.params(policyId, state.name())
			.query(Integer.class)
			.list();
	}

}
