package org.smguard.system;

import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException;

import org.smguard.validation.Rules;
import org.smguard.validation.Violation;

import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Which upload size limit a refused upload broke ({@code spring.servlet.multipart.*}):
 * the part by its name, or the whole request as {@code upload}, with the limit. Spring
 * reports only "Maximum upload size exceeded"; the servlet container's exception, its
 * cause, knows the part and the limit.
 */
public final class UploadLimits {

	private UploadLimits() {
	}

	/**
	 * The broken limit as a violation of the part's field, or of {@code upload}.
	 * @param ex Spring's {@link MaxUploadSizeExceededException}, or the servlet
	 * container's exception when a filter read the request's parameters first
	 */
	public static Violation violation(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof FileSizeLimitExceededException file && file.getFieldName() != null) {
				String part = Rules.quote(file.getFieldName());
				return new Violation(part.substring(1, part.length() - 1),
						"is larger than " + size(file.getPermittedSize()) + ", the limit for one uploaded file");
			}
			if (cause instanceof SizeLimitExceededException request) {
				return new Violation("upload", "is larger than " + size(request.getPermittedSize())
						+ ", the limit for all the files of one upload together");
			}
		}
		String limit = (ex instanceof MaxUploadSizeExceededException spring && spring.getMaxUploadSize() >= 0)
				? " of " + size(spring.getMaxUploadSize()) : "";
		return new Violation("upload", "is larger than the upload limit" + limit);
	}

	/**
	 * {@code 128 MB (134,217,728 bytes)}, or the bytes alone when not whole megabytes.
	 */
	public static String size(long bytes) {
		long mb = 1024 * 1024;
		String exact = Rules.count(bytes) + " bytes";
		return (bytes > 0 && bytes % mb == 0) ? Rules.count(bytes / mb) + " MB (" + exact + ")" : exact;
	}

}
