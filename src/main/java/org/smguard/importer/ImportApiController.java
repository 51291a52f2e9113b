package org.smguard.importer;

import java.io.IOException;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * JSON API: {@code POST /api/v1/policies/{p}/import} with any of the multipart parts
 * {@code cf}, {@code shells}, {@code trustedUsers}, {@code smbin}, {@code forwards}.
 */
@RestController
class ImportApiController {

	private final ImportService imports;

	ImportApiController(ImportService imports) {
		this.imports = imports;
	}

	@PostMapping(path = "/api/v1/policies/{policy}/import", consumes = "multipart/form-data")
	ImportReport importFiles(@PathVariable String policy,
			@RequestParam(name = "draftRevision", required = false) Long draftRevision,
			@RequestPart(name = "cf", required = false) MultipartFile cf,
			@RequestPart(name = "shells", required = false) MultipartFile shells,
			@RequestPart(name = "trustedUsers", required = false) MultipartFile trustedUsers,
			@RequestPart(name = "smbin", required = false) MultipartFile smbin,
			@RequestPart(name = "forwards", required = false) MultipartFile forwards) throws IOException {
		return this.imports.importFiles(policy, draftRevision,
				new HostFiles(bytes(cf), bytes(shells), bytes(trustedUsers), bytes(smbin), bytes(forwards)));
	}

	static byte[] bytes(MultipartFile file) throws IOException {
		return (file != null && !file.isEmpty()) ? file.getBytes() : null;
	}

}
