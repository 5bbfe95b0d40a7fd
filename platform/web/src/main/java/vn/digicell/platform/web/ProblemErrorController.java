package vn.digicell.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}) as a problem document, in place of Spring Boot's
 * {@code {"timestamp", "status", "error", "path"}}. Errors reach it when a filter throws (the form
 * filter on an unreadable body, a body over the limit read by the idempotency filter) or sends an
 * error status (the security firewall refusing {@code ..} or {@code ;} in a path): an exception is
 * thrown again here so {@link ProblemDetailsHandler} answers it as it answers the same exception
 * from a controller; a bare status gets the problem of that status.
 */
@RestController
class ProblemErrorController implements ErrorController {

  private final PlatformMessages messages;

  ProblemErrorController(PlatformMessages messages) {
    this.messages = messages;
  }

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) throws Exception {
    if (request.getDispatcherType() != DispatcherType.ERROR) {
      // asked for by name: not an address of the API
      return problem(request, HttpStatus.NOT_FOUND);
    }
    Throwable thrown = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    while (thrown instanceof ServletException wrapper && wrapper.getRootCause() != null) {
      thrown = wrapper.getRootCause();
    }
    if (thrown instanceof Exception exception) {
      throw exception;
    }
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer value && HttpStatus.resolve(value) != null
            ? HttpStatus.valueOf(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    return problem(request, status);
  }

  private ResponseEntity<ProblemDetail> problem(HttpServletRequest request, HttpStatus status) {
    String detail = messages.text("problem.http-" + status.value() + ".detail", null);
    ProblemDetail problem =
        Problems.of(
            status,
            "http-" + status.value(),
            messages.text("problem.http-" + status.value(), status.getReasonPhrase()),
            // the 405 and 415 texts name what was sent and what is taken: not known here
            detail == null || detail.contains("{") ? null : detail);
    Object uri =
        request.getDispatcherType() == DispatcherType.ERROR
            ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
            : request.getRequestURI();
    if (uri instanceof String path) {
      try {
        problem.setInstance(URI.create(path));
      } catch (IllegalArgumentException unparsable) {
        // a path the firewall refused may not be a URI at all: no instance then
      }
    }
    return ResponseEntity.status(status).body(problem);
  }
}
