package org.smguard.system;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.smguard.validation.ValidationException;
import org.smguard.validation.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of the JSON API into {@code application/problem+json} (RFC 9457);
 * validation failures carry {@code errors: [{field, message}]}.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler(ValidationException.class)
	ProblemDetail validation(ValidationException ex) {
		return invalid(ex.violations());
	}

	@ExceptionHandler(StaleStateException.class)
	ProblemDetail staleState(StaleStateException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle(ex.title());
		ex.properties().forEach(problem::setProperty);
		return problem;
	}

	@ExceptionHandler(TooBusyException.class)
	ResponseEntity<ProblemDetail> sandboxBusy(TooBusyException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
		problem.setTitle("Too busy");
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(ForbiddenException.class)
	ProblemDetail forbidden(ForbiddenException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail forbidden(AccessDeniedException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "your account's roles do not allow this action");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		return invalid(List.of(new Violation(ex.getName(), "is not a valid value")));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest().body(invalid(List.of(unreadable(ex))));
	}

	/**
	 * 413 naming the part (or the whole upload) and the limit it broke. Multipart
	 * requests are resolved lazily (see application.properties), so this is reached with
	 * the controller known, and the API's problem format applies.
	 */
	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Violation violation = UploadLimits.violation(ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, violation.toString());
		problem.setTitle("Upload too large");
		problem.setProperty("errors", List.of(Map.of("field", violation.field(), "message", violation.message())));
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/** Names the JSON field that could not be read, and why. */
	private static Violation unreadable(HttpMessageNotReadableException ex) {
		if (ex.getCause() instanceof JacksonException jackson) {
			String field = jackson.getPath()
				.stream()
				.map((ref) -> (ref.getPropertyName() != null) ? "." + ref.getPropertyName()
						: "[" + ref.getIndex() + "]")
				.collect(Collectors.joining());
			field = field.startsWith(".") ? field.substring(1) : field;
			if (jackson instanceof UnrecognizedPropertyException) {
				return new Violation(field, "is not a known field");
			}
			if (jackson instanceof InvalidFormatException || jackson instanceof MismatchedInputException) {
				return new Violation(field.isEmpty() ? "body" : field, "has the wrong type: " + expected(jackson));
			}
			return new Violation(field.isEmpty() ? "body" : field, "is not valid JSON");
		}
		return new Violation("body", "is missing or is not valid JSON");
	}

	private static String expected(JacksonException ex) {
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			Class<?> type = mismatch.getTargetType();
			if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
				return "expected a whole number";
			}
			if (type == Boolean.class || type == boolean.class) {
				return "expected true or false";
			}
			if (type == String.class) {
				return "expected a string";
			}
			if (List.class.isAssignableFrom(type)) {
				return "expected a list";
			}
			if (type.isEnum()) {
				return "expected one of " + List.of(type.getEnumConstants());
			}
			return "expected an object";
		}
		return "unexpected value";
	}

	static ProblemDetail invalid(List<Violation> violations) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
		problem.setTitle("Invalid input");
		problem.setProperty("errors",
				violations.stream().map((v) -> Map.of("field", v.field(), "message", v.message())).toList());
		return problem;
	}

}
