package org.smguard.importer;

import java.util.concurrent.atomic.AtomicReference;

import org.smguard.policy.Draft;
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

	ImportService(PolicyService policies) {
		this.policies = policies;
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
		AtomicReference<HostImporter.Result> result = new AtomicReference<>();
		Draft draft = this.policies.importDraft(policy, draftRevision, (current) -> {
			HostImporter.Result imported = HostImporter.apply(current, files);
			result.set(imported);
			return imported.policy();
		}, peekBaseCf(files));
		return new ImportReport(draft.revision(), result.get().taken(), result.get().ignored());
	}

	/**
	 * The uploaded cf as text (checked again by the importer), or {@code null} to keep
	 * the base.
	 */
	private static String peekBaseCf(HostFiles files) {
		return (files.cf() != null) ? HostImporter.text("cf", files.cf()) : null;
	}

}
