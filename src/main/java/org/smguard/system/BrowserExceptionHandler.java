package org.smguard.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * Error pages for the browser: a stale edit shows what changed meanwhile (never a silent
 * overwrite), a missing policy or version a plain 404, a forbidden action a 403. No stack
 * traces.
 */
@ControllerAdvice(annotations = Controller.class)
class BrowserExceptionHandler {

	@ExceptionHandler(StaleStateException.class)
	@ResponseStatus(HttpStatus.CONFLICT)
	ModelAndView conflict(StaleStateException ex, HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		ModelAndView page = new ModelAndView("error/conflict");
		page.addObject("conflict", ex);
		page.addObject("reloadPath", ex.returnPath(path));
		page.addObject("typed", typed(request, ex));
		// Files a multipart form carried cannot be sent again from a page.
		boolean resendable = request.getContentType() == null
				|| !request.getContentType().toLowerCase(Locale.ROOT).startsWith("multipart/");
		page.addObject("resendPath", resendable ? path : null);
		page.addObject("currentState", ex.currentState());
		return page;
	}

	/** One value the refused form carried, as typed. */
	record TypedValue(String name, String value) {
	}

	/**
	 * What the refused form carried, minus the CSRF token and the stale state: shown
	 * read-only, and sent again on request on top of the current state.
	 */
	private static List<TypedValue> typed(HttpServletRequest request, StaleStateException ex) {
		List<TypedValue> typed = new ArrayList<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!name.equals("_csrf") && !ex.currentState().containsKey(name)) {
				for (String value : values) {
					typed.add(new TypedValue(name, value));
				}
			}
		});
		return typed;
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	ModelAndView notFound(NotFoundException ex) {
		return problem("Not found", ex.getMessage());
	}

	@ExceptionHandler(ConflictException.class)
	@ResponseStatus(HttpStatus.CONFLICT)
	ModelAndView conflict(ConflictException ex) {
		return problem("Conflict", ex.getMessage());
	}

	@ExceptionHandler(TooBusyException.class)
	@ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
	ModelAndView sandboxBusy(TooBusyException ex) {
		return problem("Busy", ex.getMessage());
	}

	@ExceptionHandler(ForbiddenException.class)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	ModelAndView forbidden(ForbiddenException ex) {
		return problem("Not allowed", ex.getMessage());
	}

	@ExceptionHandler(AccessDeniedException.class)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	ModelAndView forbidden(AccessDeniedException ex) {
		return problem("Not allowed", "Your account's roles do not allow this action.");
	}

	private static ModelAndView problem(String title, String detail) {
		ModelAndView page = new ModelAndView("error/problem");
		// Not "title": the layout's fragment parameter of that name would shadow it.
		page.addObject("heading", title);
		page.addObject("detail", detail);
		return page;
	}

}
