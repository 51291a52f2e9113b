package org.smguard.system;

import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException;
import org.junit.jupiter.api.Test;

import org.smguard.validation.Violation;

import org.springframework.web.multipart.MaxUploadSizeExceededException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UploadLimits}.
 */
class UploadLimitsTests {

	@Test
	void namesThePartOverTheLimitForOneFile() {
		FileSizeLimitExceededException tooLarge = new FileSizeLimitExceededException("x", 200_000_000L, 134217728L);
		tooLarge.setFieldName("forwards");
		assertThat(UploadLimits.violation(new MaxUploadSizeExceededException(-1, new IllegalStateException(tooLarge))))
			.isEqualTo(new Violation("forwards",
					"is larger than 128 MB (134,217,728 bytes), the limit for one uploaded file"));
	}

	@Test
	void namesTheUploadOverTheLimitForARequest() {
		SizeLimitExceededException tooLarge = new SizeLimitExceededException("x", 200_000_000L, 167772160L);
		assertThat(UploadLimits.violation(new MaxUploadSizeExceededException(-1, new IllegalStateException(tooLarge))))
			.isEqualTo(new Violation("upload",
					"is larger than 160 MB (167,772,160 bytes), the limit for all the files of one upload together"));
	}

	@Test
	void escapesAndCutsAPartNameSentByTheClient() {
		FileSizeLimitExceededException tooLarge = new FileSizeLimitExceededException("x", 2, 1);
		tooLarge.setFieldName("a\nb" + "c".repeat(500));
		Violation violation = UploadLimits
			.violation(new MaxUploadSizeExceededException(-1, new IllegalStateException(tooLarge)));
		assertThat(violation.field()).startsWith("a\\nbccc").hasSizeLessThan(100);
		assertThat(violation.message()).isEqualTo("is larger than 1 bytes, the limit for one uploaded file");
	}

	@Test
	void saysWhatItKnowsWithoutTheContainersException() {
		assertThat(UploadLimits.violation(new MaxUploadSizeExceededException(1048576)))
			.isEqualTo(new Violation("upload", "is larger than the upload limit of 1 MB (1,048,576 bytes)"));
	}

}
