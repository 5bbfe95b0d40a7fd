package vn.digicell.platform.web;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be served for a reason the client should read: becomes an RFC 9457 problem
 * with this status, a stable type slug and a detail for people.
 */
public class ProblemException extends RuntimeException {

  private final HttpStatus status;
  private final String type;

  public ProblemException(HttpStatus status, String type, String detail) {
    super(detail);
    this.status = status;
    this.type = type;
  }

  public HttpStatus status() {
    return status;
  }

  /** A short slug such as {@code member-not-found}; the problem type URI ends with it. */
  public String type() {
    return type;
  }

  public static ProblemException notFound(String type, String detail) {
    return new ProblemException(HttpStatus.NOT_FOUND, type, detail);
  }

  public static ProblemException conflict(String type, String detail) {
    return new ProblemException(HttpStatus.CONFLICT, type, detail);
  }

  /** A rule of the domain forbids this change (HTTP 422). */
  public static ProblemException ruleViolated(String type, String detail) {
    return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, type, detail);
  }

  public static ProblemException badRequest(String type, String detail) {
    return new ProblemException(HttpStatus.BAD_REQUEST, type, detail);
  }
}
