package vn.digicell.platform.events;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.platform.web.PlatformMessages;
import vn.digicell.platform.web.Problems;

/**
 * Safe retries for every command: a POST, PUT, PATCH or DELETE with an {@code Idempotency-Key}
 * header is carried out once per caller and key. A repeat with the same key and the same body gets
 * the original answer (status, body, content type and location) without running again; a repeat
 * with another body gets 422; a repeat while the first is still running gets 409. A first attempt
 * that ends in a server error (5xx) before changing anything leaves no record, so the retry runs
 * for real; one that changed an aggregate and then failed or died gets 409 {@code
 * idempotency-key-ran} naming the aggregate ({@link IdempotencyRecords}). Records expire after
 * {@code digicell.events.idempotency.retention} (24 h by default).
 */
class IdempotencyFilter extends OncePerRequestFilter {

  static final String HEADER = "Idempotency-Key";
  private static final Set<String> COMMANDS = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final int MAX_KEY_LENGTH = 200;

  private final IdempotencyRecords records;
  private final PlatformMessages messages;
  private final LocaleResolver locales;
  private final JsonMapper json;

  IdempotencyFilter(
      IdempotencyRecords records,
      PlatformMessages messages,
      LocaleResolver locales,
      JsonMapper json) {
    this.records = records;
    this.messages = messages;
    this.locales = locales;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getHeader(HEADER) == null || !COMMANDS.contains(request.getMethod());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER).trim();
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      problem(
          request,
          response,
          HttpStatus.BAD_REQUEST,
          "idempotency-key-invalid",
          "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters.");
      return;
    }
    boolean multipart = isMultipart(request);
    // a multipart body is parsed by the container from the original stream: hash its parts
    byte[] body = multipart ? partsDigest(request) : request.getInputStream().readAllBytes();
    String scope =
        caller()
            + " "
            + request.getMethod()
            + " "
            + request.getRequestURI()
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    IdempotencyRecords.Claim claim = records.claim(scope, key, body);
    switch (claim.outcome()) {
      case REPLAY -> {
        IdempotencyRecords.Answer answer = claim.answer();
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
          response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
          response.setHeader("Location", answer.location());
        }
        response.setHeader("Idempotent-Replayed", "true");
        response.getOutputStream().write(answer.body());
        return;
      }
      case OTHER_BODY -> {
        problem(
            request,
            response,
            HttpStatus.UNPROCESSABLE_CONTENT,
            "idempotency-key-reused",
            "This Idempotency-Key was used for a different request.");
        return;
      }
      case IN_PROGRESS -> {
        problem(
            request,
            response,
            HttpStatus.CONFLICT,
            "idempotency-key-in-progress",
            "The first request with this Idempotency-Key is still being processed.");
        return;
      }
      case RAN -> {
        // carried out, its answer lost in a crash: say so, and what it changed
        problem(
            request,
            response,
            HttpStatus.CONFLICT,
            "idempotency-key-ran",
            "The first request with this Idempotency-Key was carried out; its answer was lost.",
            claim.effect() == null ? null : claim.effect().id());
        return;
      }
      case FIRST -> {
        // carried on below
      }
    }
    ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
    boolean stored = false;
    IdempotencyRecords.begin(claim.id());
    try {
      chain.doFilter(multipart ? request : new ReplayableRequest(request, body), recorded);
      if (recorded.getStatus() < 500) {
        records.complete(
            claim.id(),
            new IdempotencyRecords.Answer(
                recorded.getStatus(),
                recorded.getContentType(),
                recorded.getHeader("Location"),
                recorded.getContentAsByteArray()));
        stored = true;
      }
    } finally {
      IdempotencyRecords.end();
      if (!stored) {
        records.release(claim.id());
      }
      recorded.copyBodyToResponse();
    }
  }

  private static boolean isMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
  }

  private static byte[] partsDigest(HttpServletRequest request)
      throws IOException, ServletException {
    java.security.MessageDigest digest = IdempotencyRecords.sha256();
    for (jakarta.servlet.http.Part part : request.getParts()) {
      digest.update(
          (part.getName() + "\u0000" + part.getSubmittedFileName() + "\u0000")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      try (var in = part.getInputStream()) {
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
    }
    return digest.digest();
  }

  private static String caller() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication == null ? "anonymous" : authentication.getName();
  }

  private void problem(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String code,
      String fallback)
      throws IOException {
    problem(request, response, status, code, fallback, null);
  }

  /** The problem; {@code resourceId} names the aggregate a command changed, when known. */
  private void problem(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String code,
      String fallback,
      String resourceId)
      throws IOException {
    Locale locale = locales.resolveLocale(request);
    var problem =
        Problems.of(
            status,
            code,
            messages.text("problem." + code, fallback, locale),
            messages.text("problem." + code + ".detail", fallback, locale));
    problem.setInstance(java.net.URI.create(request.getRequestURI()));
    if (resourceId != null) {
      problem.setProperty("resourceId", resourceId);
    }
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Content-Language", locale.toLanguageTag());
    json.writeValue(response.getOutputStream(), problem);
  }

  /** The request with its body already read, so the handler can read it again. */
  private static final class ReplayableRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    ReplayableRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
      return new java.io.BufferedReader(
          new java.io.InputStreamReader(
              new ByteArrayInputStream(body), java.nio.charset.Charset.forName(encoding)));
    }
  }
}
