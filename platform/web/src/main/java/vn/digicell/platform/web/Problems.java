package vn.digicell.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the problem details every DigiCell service answers with. */
public final class Problems {

  /** Problem types are documented under this base; the slug names the problem. */
  public static final String TYPE_BASE = "https://digicell.vn/problems/";

  private Problems() {}

  public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + type));
    problem.setTitle(title);
    return problem;
  }

  /** A field that failed validation: the JSON property path and what is wrong with it. */
  public record FieldError(String field, String message) {}

  public static ProblemDetail withFieldErrors(ProblemDetail problem, List<FieldError> errors) {
    problem.setProperty(
        "errors",
        errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    return problem;
  }
}
