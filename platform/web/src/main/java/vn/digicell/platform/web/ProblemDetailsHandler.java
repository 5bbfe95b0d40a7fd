package vn.digicell.platform.web;

import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every error into an RFC 9457 problem: validation errors list their fields, unreadable
 * bodies say what is wrong without echoing internals, and nothing ever carries a stack trace.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

  private final PlatformMessages messages;

  public ProblemDetailsHandler(PlatformMessages messages) {
    this.messages = messages;
  }

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<ProblemDetail> problem(ProblemException e) {
    // a service's bundles may word the type's title and detail for people in their language
    return respond(
        Problems.of(
            e.status(),
            e.type(),
            text(
                "problem." + e.type(),
                statusTitle(e.status().value(), e.status().getReasonPhrase())),
            text("problem." + e.type() + ".detail", e.getMessage())));
  }

  @ExceptionHandler(RequestTooLargeException.class)
  ResponseEntity<ProblemDetail> tooLarge(RequestTooLargeException e) {
    return respond(
        Problems.of(
            HttpStatus.CONTENT_TOO_LARGE,
            "request-too-large",
            text("problem.request-too-large", "Request too large"),
            e.getMessage()));
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> constraintViolations(ConstraintViolationException e) {
    List<Problems.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problems.FieldError(leaf(v.getPropertyPath().toString()), v.getMessage()))
            .sorted(Comparator.comparing(Problems.FieldError::field))
            .toList();
    return respond(validationProblem(errors));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    return respond(
        validationProblem(
            List.of(
                new Problems.FieldError(
                    e.getName(), text("problem.field.unreadable", "has an unreadable value")))));
  }

  /**
   * What the container cannot parse is the caller's mistake: a multipart body without boundary or
   * with a part that never ends, a query string with {@code %zz} or invalid UTF-8.
   */
  @ExceptionHandler({MultipartException.class, InvalidParameterException.class})
  ResponseEntity<ProblemDetail> unparsable(Exception e) {
    return respond(
        malformed(
            e instanceof MultipartException
                ? text(
                    "problem.malformed-multipart.detail",
                    "The multipart body is malformed (its boundary or parts cannot be read).")
                : text(
                    "problem.malformed-query.detail",
                    "A query parameter is not well-formed (a broken percent-encoding or invalid"
                        + " UTF-8).")));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unhandled error", e);
    return respond(
        Problems.of(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            text("problem.internal-error", "Internal error"),
            text(
                "problem.internal-error.detail",
                "Something went wrong on our side; the change was not made. Try again later.")));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return asObject(validationProblem(fieldErrors(ex.getBindingResult())));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Problems.FieldError> errors = new ArrayList<>();
    ex.getParameterValidationResults()
        .forEach(
            result ->
                result
                    .getResolvableErrors()
                    .forEach(
                        error ->
                            errors.add(
                                new Problems.FieldError(
                                    result.getMethodParameter().getParameterName(),
                                    error.getDefaultMessage()))));
    return asObject(validationProblem(errors));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    RequestTooLargeException tooLarge = causeOf(ex, RequestTooLargeException.class);
    if (tooLarge != null) {
      return asObject(tooLarge(tooLarge).getBody());
    }
    DatabindException binding = causeOf(ex, DatabindException.class);
    if (binding != null && !binding.getPath().isEmpty()) {
      String field = jsonPath(binding);
      return asObject(
          validationProblem(
              List.of(
                  new Problems.FieldError(
                      field, text("problem.field.unreadable", "has an unreadable value")))));
    }
    String detail =
        causeOf(ex, JacksonException.class) != null
            ? text("problem.malformed-json.detail", "The request body is not well-formed JSON.")
            : text("problem.missing-body.detail", "The request body is missing or unreadable.");
    return asObject(malformed(detail));
  }

  private ProblemDetail malformed(String detail) {
    return Problems.of(
        HttpStatus.BAD_REQUEST,
        "malformed-request",
        text("problem.malformed-request", "Malformed request"),
        detail);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return asObject(
        validationProblem(
            List.of(
                new Problems.FieldError(
                    ex.getParameterName(), text("problem.field.missing", "is missing")))));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestPart(
      MissingServletRequestPartException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return asObject(
        validationProblem(
            List.of(
                new Problems.FieldError(
                    ex.getRequestPartName(), text("problem.field.missing", "is missing")))));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = ex.getPropertyName() == null ? "value" : ex.getPropertyName();
    return asObject(
        validationProblem(
            List.of(
                new Problems.FieldError(
                    field, text("problem.field.unreadable", "has an unreadable value")))));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ResponseEntity<Object> response =
        super.handleExceptionInternal(ex, body, headers, status, request);
    if (response != null && response.getBody() instanceof ProblemDetail problem) {
      if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
        problem.setType(java.net.URI.create(Problems.TYPE_BASE + "http-" + status.value()));
        // Spring's own problems (no handler, wrong method, media type…) in the request's language
        problem.setTitle(statusTitle(status.value(), problem.getTitle()));
        problem.setDetail(frameworkDetail(ex, status, problem.getDetail()));
      }
    }
    return response;
  }

  private String statusTitle(int status, String fallback) {
    return text("problem.http-" + status, fallback);
  }

  private String frameworkDetail(Exception ex, HttpStatusCode status, String fallback) {
    if (ex instanceof HttpRequestMethodNotSupportedException e) {
      String allowed =
          e.getSupportedHttpMethods() == null
              ? ""
              : String.join(
                  ", ", e.getSupportedHttpMethods().stream().map(HttpMethod::name).toList());
      return messages.format(
          "problem.http-405.detail", fallback, e.getMethod(), allowed.isEmpty() ? "-" : allowed);
    }
    if (ex instanceof HttpMediaTypeNotSupportedException e) {
      String given = e.getContentType() == null ? "-" : e.getContentType().toString();
      String supported =
          String.join(", ", e.getSupportedMediaTypes().stream().map(Object::toString).toList());
      return messages.format(
          "problem.http-415.detail", fallback, given, supported.isEmpty() ? "-" : supported);
    }
    return text("problem.http-" + status.value() + ".detail", fallback);
  }

  private ProblemDetail validationProblem(List<Problems.FieldError> errors) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "validation-failed",
            text("problem.validation-failed", "Validation failed"),
            text(
                "problem.validation-failed.detail",
                "Some fields are missing or invalid; nothing was changed."));
    return Problems.withFieldErrors(problem, errors);
  }

  private static List<Problems.FieldError> fieldErrors(BindingResult result) {
    List<Problems.FieldError> errors = new ArrayList<>();
    result
        .getFieldErrors()
        .forEach(e -> errors.add(new Problems.FieldError(e.getField(), e.getDefaultMessage())));
    result
        .getGlobalErrors()
        .forEach(
            e -> errors.add(new Problems.FieldError(e.getObjectName(), e.getDefaultMessage())));
    errors.sort(Comparator.comparing(Problems.FieldError::field));
    return errors;
  }

  private static String jsonPath(DatabindException e) {
    StringBuilder path = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String leaf(String propertyPath) {
    int dot = propertyPath.indexOf('.');
    // "admit.request.citizenId" → "request.citizenId": drop the method name only
    return dot >= 0 ? propertyPath.substring(dot + 1) : propertyPath;
  }

  private String text(String code, String fallback) {
    return messages.text(code, fallback);
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }

  private static ResponseEntity<Object> asObject(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }

  private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
