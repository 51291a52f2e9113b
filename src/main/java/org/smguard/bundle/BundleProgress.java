package org.smguard.bundle;

/**
 * How far the preparation of a bundle is: files written of {@code total}; when
 * {@code done}, either {@code file} or {@code error} is set.
 */
public record BundleProgress(int written, int total, boolean done, String error, BundleFile file) {

	/** Whole percent written, 0 to 100. */
	public int percent() {
		if (this.done) {
			return 100;
		}
		return (this.total == 0) ? 0 : (int) Math.min(99, 100L * this.written / this.total);
	}

}
