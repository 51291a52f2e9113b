package org.smguard.hosts;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.smguard.audit.AuditTrail;
import org.smguard.bundle.BundleFile;
import org.smguard.bundle.BundleService;
import org.smguard.bundle.Freshness;
import org.smguard.bundle.SignedFreshness;
import org.smguard.system.ConflictException;
import org.smguard.system.CurrentUser;
import org.smguard.system.NotFoundException;
import org.smguard.validation.FieldPath;
import org.smguard.validation.Rules;
import org.smguard.validation.ValidationException;
import org.smguard.validation.Violations;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mail hosts and what they pull. Admins register hosts (each for one policy), rotate
 * their tokens and revoke them; everyone signed in sees the list. A host, signed in with
 * its own token, asks what its policy's current version is, fetches that version's bundle
 * and reports what it installed. Registering, rotating, revoking and a change of the
 * installed version are recorded in the audit trail.
 */
@Service
@Transactional(readOnly = true)
public class HostService {

	public static final FieldPath NAME = FieldPath.of("name");

	public static final FieldPath POLICY = FieldPath.of("policy");

	public static final FieldPath VERSION = FieldPath.of("version");

	static final int MAX_PAGE_SIZE = 500;

	private static final Logger logger = LoggerFactory.getLogger(HostService.class);

	private final HostStore store;

	private final Clock clock;

	private final AuditTrail audit;

	private final Freshness freshness;

	private final BundleService bundles;

	HostService(HostStore store, Clock clock, AuditTrail audit, Freshness freshness, BundleService bundles) {
		this.store = store;
		this.clock = clock;
		this.audit = audit;
		this.freshness = freshness;
		this.bundles = bundles;
	}

	/** Hosts by name, a page at a time, each with its policy's published version. */
	@PreAuthorize("hasRole('VIEWER')")
	public HostPage page(int page, int size) {
		if (page < 0) {
			throw new ValidationException("page", "must be 0 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new ValidationException("size", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		return new HostPage(this.store.page((long) page * size, size), page, size, this.store.count());
	}

	/** One host, with its policy's published version. */
	@PreAuthorize("hasRole('VIEWER')")
	public Host get(String name) {
		return this.store.find(name).orElseThrow(() -> notFound(name));
	}

	/**
	 * Registers a host for a policy. The returned token is the only copy: the store keeps
	 * its hash.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public NewHost register(String name, String policy) {
		Violations violations = new Violations();
		HostNameRules.check(NAME, name, violations);
		Optional<HostStore.PolicyRef> found = Optional.empty();
		if (policy == null || policy.isBlank()) {
			violations.error(POLICY, Rules.REQUIRED);
		}
		else {
			found = this.store.findPolicy(policy);
			if (found.isEmpty()) {
				violations.error(POLICY, "there is no policy named " + Rules.quote(policy) + " (policies: "
						+ String.join(", ", this.store.policyNames()) + ")");
			}
		}
		violations.throwIfErrors();
		if (this.store.nameTaken(name)) {
			throw duplicate(name);
		}
		Instant now = now();
		String token = HostTokenSecret.generate();
		try {
			this.store.insert(name, found.get().id(), HostTokenSecret.hash(token), CurrentUser.name(), now);
		}
		catch (DuplicateKeyException ex) {
			throw duplicate(name);
		}
		this.audit.record("host.registered", subject(name), "policy " + found.get().name());
		logger.info("{} registered host {} for policy {}", CurrentUser.name(), name, found.get().name());
		return new NewHost(get(name), token);
	}

	/**
	 * Gives a host a new token: the old one stops working at once.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public NewHost rotate(String name) {
		if (this.store.lock(name).isEmpty()) {
			throw notFound(name);
		}
		String token = HostTokenSecret.generate();
		this.store.replaceToken(name, HostTokenSecret.hash(token), now());
		this.audit.record("host.token-rotated", subject(name), "");
		logger.info("{} rotated the token of host {}", CurrentUser.name(), name);
		return new NewHost(get(name), token);
	}

	/**
	 * Revokes a host: its token stops working at once and it leaves the list.
	 * @return the host as it was
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public Host revoke(String name) {
		Host host = get(name);
		this.store.delete(name);
		this.audit.record("host.revoked", subject(name), "policy " + host.policy());
		logger.info("{} revoked host {}", CurrentUser.name(), name);
		return host;
	}

	/**
	 * A signed statement of the host's policy's current version (0 when none is
	 * published).
	 */
	@PreAuthorize("hasRole('HOST')")
	public SignedFreshness freshness(HostPrincipal host) {
		Integer current = this.store.currentVersion(host.policy());
		return this.freshness.issue(host.policy(), (current != null) ? current : 0);
	}

	/**
	 * What a host pulls: its policy's published bundle, if there is one, and a signed
	 * statement of the same version (0 without one). When the host already has the
	 * published version ({@code alreadyHas}, from its {@code If-None-Match}), the answer
	 * says so without a bundle, and no bundle is read or written.
	 */
	@PreAuthorize("hasRole('HOST')")
	public Pull pull(HostPrincipal host, IntPredicate alreadyHas) {
		Integer current = this.store.currentVersion(host.policy());
		if (current != null && alreadyHas.test(current)) {
			return new Pull(current, Optional.empty(), true, this.freshness.issue(host.policy(), current));
		}
		Optional<BundleFile> bundle = this.bundles.publishedBundle(host.policy());
		int version = bundle.map(BundleFile::version).orElse(0);
		return new Pull(version, bundle, false, this.freshness.issue(host.policy(), version));
	}

	/**
	 * The answer to a host's pull: the published version ({@code 0}: none), its bundle
	 * unless {@code unchanged} (the host has it) or none is published, and the signed
	 * statement of that version.
	 */
	public record Pull(int version, Optional<BundleFile> bundle, boolean unchanged, SignedFreshness freshness) {
	}

	/**
	 * Records the version a host says it installed. A change is recorded in the audit
	 * trail; the same version reported again is not.
	 */
	@PreAuthorize("hasRole('HOST')")
	@Transactional
	public void report(HostPrincipal host, Integer version, HostFacts facts) {
		Violations violations = new Violations();
		if (version == null) {
			violations.error(VERSION.toString(), Rules.REQUIRED);
		}
		else if (version < 1) {
			violations.error(VERSION.toString(), "must be a version number, 1 or more");
		}
		else if (!this.store.hasVersion(host.policy(), version)) {
			violations.error(VERSION.toString(), "policy " + Rules.quote(host.policy()) + " has no version " + version);
		}
		if (facts != null) {
			HostFactsRules.check(facts, violations);
		}
		violations.throwIfErrors();
		HostStore.Installed installed = this.store.lockInstalled(host.id()).orElseThrow(() -> notFound(host.name()));
		if (facts != null) {
			this.store.recordFacts(host.id(), facts, now());
		}
		if (Integer.valueOf(version).equals(installed.version())) {
			return;
		}
		this.store.recordInstalled(host.id(), version, now());
		this.audit.record("host.installed", subject(host.name()),
				"version " + version + ((installed.version() != null) ? " (was " + installed.version() + ")" : "")
						+ " of policy " + host.policy());
		logger.info("Host {} installed version {} of policy {}", host.name(), version, host.policy());
	}

	/**
	 * What the hosts of {@code policy} last reported about themselves, for the hosts that
	 * reported any: one query.
	 */
	@PreAuthorize("hasRole('VIEWER')")
	public List<ReportedFacts> reportedFacts(String policy) {
		return this.store.reportedFacts(policy);
	}

	/** A host's last report about itself. */
	public record ReportedFacts(String host, Integer installedVersion, Instant reportedAt, HostFacts facts) {
	}

	/** The time the service judges by. */
	public Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static String subject(String name) {
		return "host " + name;
	}

	private static NotFoundException notFound(String name) {
		return new NotFoundException("no host named " + Rules.quote(name));
	}

	private static ConflictException duplicate(String name) {
		return new ConflictException("a host named " + Rules.quote(name) + " is registered already");
	}

}
