package vn.digicell.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.LocaleResolver;

/** Refusals raised inside controllers (e.g. by {@link AccessGuard}) answer like the filters do. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityProblemsAdvice {

  private final ProblemResponses problems;
  private final LocaleResolver locales;

  SecurityProblemsAdvice(ProblemResponses problems, LocaleResolver locales) {
    this.problems = problems;
    this.locales = locales;
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> forbidden(HttpServletRequest request) {
    return respond(problems.forbidden(locales.resolveLocale(request)), request);
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<ProblemDetail> unauthorized(HttpServletRequest request) {
    return respond(problems.unauthorized(locales.resolveLocale(request)), request);
  }

  private static ResponseEntity<ProblemDetail> respond(
      ProblemDetail problem, HttpServletRequest request) {
    problem.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }
}
