package org.smguard.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.smguard.policy.Draft;
import org.smguard.policy.Policy;
import org.smguard.policy.PolicyService;
import org.smguard.validation.ValidationException;

import org.springframework.stereotype.Service;

/**
 * Fills a draft from a host's files. The whole import is one draft change: validated in
 * full and written at once, or refused with nothing changed.
 */
@Service
public class ImportService {

	private final PolicyService policies;

	private final ImportVerifier verifier;

	ImportService(PolicyService policies, ImportVerifier verifier) {
		this.policies = policies;
		this.verifier = verifier;
	}

	/**
	 * Reads the files into the draft as one change.
	 * @param draftRevision the draft revision the import is based on, or {@code null} not
	 * to check it
	 */
	public ImportReport importFiles(String policy, Long draftRevision, HostFiles files) {
		if (files.isEmpty()) {
			throw new ValidationException("files",
					"upload at least one of the parts cf, shells, trustedUsers, smbin, forwards");
		}
		// Every file is read, and the cf verified against sendmail, before the draft is
		// locked: a 100 MB tar or a sendmail run must not hold other editors up.
		PolicyService.DraftSnapshot snapshot = this.policies.draftSnapshot(policy);
		Policy before = snapshot.draft().policy();
		String currentBaseCf = snapshot.baseCf();
		HostImporter.Result parsed = HostImporter.apply(before, files, currentBaseCf);
		String verified = (parsed.baseCf() != null) ? this.verifier.verify(parsed.baseCf(), parsed.policy()) : null;
		AtomicReference<HostImporter.Result> result = new AtomicReference<>(parsed);
		Draft draft = this.policies.importDraft(policy, draftRevision, (current) -> {
			if (!current.equals(before)) {
				// Another change landed while the files were read: read them again over
				// it.
				result.set(HostImporter.apply(current, files, currentBaseCf));
			}
			return result.get().policy();
		}, parsed.baseCf());
		List<String> taken = new ArrayList<>(result.get().taken());
		if (verified != null) {
			taken.add(verified);
		}
		return new ImportReport(draft.revision(), taken, result.get().ignored());
	}

}
