package org.smguard.bundle;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A bundle as a download: its bytes from disk, with its length and SHA-256. */
public final class BundleDownload {

	public static final MediaType GZIP = MediaType.parseMediaType("application/gzip");

	/** Carries the bundle's SHA-256 (hex), to compare with what arrived. */
	public static final String SHA256_HEADER = "Smguard-Bundle-Sha256";

	private BundleDownload() {
	}

	public static ResponseEntity<Resource> of(BundleFile bundle) {
		return ResponseEntity.ok()
			.contentType(GZIP)
			.contentLength(bundle.size())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(bundle.fileName()).build().toString())
			.header(SHA256_HEADER, bundle.sha256())
			.body(new FileSystemResource(bundle.path()));
	}

}
