package org.smguard.diff;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API: the diff of two versions, as JSON or, asked for with
 * {@code Accept: text/x-diff}, as the unified diffs of the rendered files.
 */
@RestController
@RequestMapping("/api/v1/policies/{policy}/versions/{from:\\d+}/diff/{to:\\d+}")
class DiffApiController {

	static final String TEXT_X_DIFF = "text/x-diff";

	private final DiffService diffs;

	DiffApiController(DiffService diffs) {
		this.diffs = diffs;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	VersionDiff json(@PathVariable String policy, @PathVariable int from, @PathVariable int to) {
		return this.diffs.diff(policy, from, to);
	}

	@GetMapping(produces = TEXT_X_DIFF)
	ResponseEntity<byte[]> unified(@PathVariable String policy, @PathVariable int from, @PathVariable int to) {
		return unified(this.diffs.diff(policy, from, to), ContentDisposition.inline());
	}

	/**
	 * The unified diffs of every file that differs, one after the other (empty when none
	 * does), named {@code <policy>-<from>-<to>.diff}.
	 */
	static ResponseEntity<byte[]> unified(VersionDiff diff, ContentDisposition.Builder disposition) {
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "x-diff", StandardCharsets.UTF_8))
			.header("Content-Disposition",
					disposition.filename(diff.policy() + "-" + diff.from() + "-" + diff.to() + ".diff")
						.build()
						.toString())
			.body(diff.unified().getBytes(StandardCharsets.UTF_8));
	}

}
