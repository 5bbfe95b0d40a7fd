package vn.digicell.platform.web;

import java.io.PrintWriter;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error answers as problem documents instead of its HTML page: the requests it refuses
 * before any servlet sees them (a path with {@code %2F}, {@code %00}, {@code %zz} or invalid UTF-8,
 * a query with {@code [} or a raw space, a request line or headers over the limit). Errors inside
 * the application never get here; {@link ProblemDetailsHandler} and {@link ProblemErrorController}
 * answer those.
 */
class ProblemErrorReportValve extends ErrorReportValve {

  private final PlatformMessages messages;
  private final JsonMapper json;

  ProblemErrorReportValve(PlatformMessages messages, JsonMapper json) {
    this.messages = messages;
    this.json = json;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // as Tomcat's own: only an error, only when nothing was written, only once
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    Locale locale = locale(request);
    HttpStatus known = HttpStatus.resolve(status);
    String title =
        messages.text(
            "problem.http-" + status,
            known == null ? "HTTP " + status : known.getReasonPhrase(),
            locale);
    String detail = messages.text("problem.http-" + status + ".detail", null, locale);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", Problems.TYPE_BASE + "http-" + status);
    problem.put("title", title);
    problem.put("status", status);
    if (detail != null && !detail.contains("{")) {
      problem.put("detail", detail);
    }
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      response.setHeader("Content-Language", locale.toLanguageTag());
      PrintWriter writer = response.getReporter();
      if (writer != null) {
        writer.write(json.writeValueAsString(problem));
        response.finishResponse();
      }
    } catch (Exception | LinkageError e) {
      // the connection is gone or the answer cannot be written: nothing more to do
    }
  }

  /** Vietnamese unless the caller prefers English, as everywhere else. */
  private static Locale locale(Request request) {
    Enumeration<Locale> accepted = request.getLocales();
    while (accepted.hasMoreElements()) {
      String language = accepted.nextElement().getLanguage();
      if ("vi".equals(language)) {
        return DigiCellWebAutoConfiguration.VIETNAMESE;
      }
      if ("en".equals(language)) {
        return Locale.ENGLISH;
      }
    }
    return DigiCellWebAutoConfiguration.VIETNAMESE;
  }
}
