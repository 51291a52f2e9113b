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
	 * @param draftRevision the draft revision the import is based on, or {@code null} not
	 * to check it
	 */
	public ImportReport importFiles(String policy, Long draftRevision, HostFiles files) {
		if (files.isEmpty()) {
			throw new ValidationException("files",
					"upload at least one of the parts cf, shells, trustedUsers, smbin, forwards");
		}
		String currentBaseCf = this.policies.draftBaseCf(policy);
		String baseCf = null;
		String verified = null;
		if (files.cf() != null) {
			baseCf = HostImporter.cfText(files.cf(), new ArrayList<>());
			// The cf (with the trusted-users file it reads) is verified against sendmail
			// before the draft is locked: a sendmail run must not hold the draft's lock.
			HostFiles cfOnly = new HostFiles(files.cf(), null, files.trustedUsers(), null, null);
			HostImporter.Result preview = HostImporter.apply(this.policies.draft(policy).policy(), cfOnly,
					currentBaseCf);
			verified = this.verifier.verify(baseCf, preview.policy());
		}
		AtomicReference<HostImporter.Result> result = new AtomicReference<>();
		Draft draft = this.policies.importDraft(policy, draftRevision, (current) -> {
			HostImporter.Result imported = HostImporter.apply(current, files, currentBaseCf);
			result.set(imported);
			return imported.policy();
		}, baseCf);
		List<String> taken = new ArrayList<>(result.get().taken());
		if (verified != null) {
			taken.add(verified);
		}
		return new ImportReport(draft.revision(), taken, result.get().ignored());
	}

}
