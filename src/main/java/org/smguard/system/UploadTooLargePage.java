package org.smguard.system;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The browser's page for an upload over a size limit, naming the part and the limit.
 * <p>
 * The browser's security filters read the form's CSRF token with {@code getParameter},
 * which parses the multipart body; Tomcat refuses it there, before any controller, and
 * answers 413 through the error page. So the page is an error view, with a link back to
 * the form when the upload came from one.
 */
@Component
class UploadTooLargePage implements ErrorViewResolver {

	static final String VIEW = "error/upload-too-large";

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		if (status != HttpStatus.CONTENT_TOO_LARGE) {
			return null;
		}
		ModelAndView page = new ModelAndView(VIEW, HttpStatus.CONTENT_TOO_LARGE);
		page.addObject("violation",
				UploadLimits.violation((Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION)));
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (uri instanceof String text) ? text.substring(request.getContextPath().length()) : "";
		page.addObject("back", path.matches("/policies/[A-Za-z0-9._-]+/import") ? path : "/policies");
		return page;
	}

}
